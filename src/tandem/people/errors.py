"""The one exception of the people app; its message is written for the user."""


class PeopleError(Exception):
    """A people operation was refused; ``str(error)`` is shown as is (already translated)."""
