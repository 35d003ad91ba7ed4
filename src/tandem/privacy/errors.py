"""The one exception of the privacy app; its message is written for the user."""


class PrivacyError(Exception):
    """An export, erasure or purge cannot be done; ``str(error)`` says why, translated."""
