"""The one exception of the matching app; its message is written for the user."""


class MatchingError(Exception):
    """A matching action cannot be done; ``str(error)`` says why, translated."""
