"""The one exception of the programs app; its message is written for the user."""


class ProgramsError(Exception):
    """A program operation was refused; ``str(error)`` is shown as is (already translated)."""
