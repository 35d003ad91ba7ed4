"""The one exception of the operations app; its message is written for the operator."""


class OperationsError(Exception):
    """A backup or restore was refused or failed; ``str(error)`` is shown as is."""
