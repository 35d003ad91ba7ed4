"""The one exception of the accounts app; its message is written for the user."""


class AccountsError(Exception):
    """An account operation was refused; ``str(error)`` is shown as is (already translated)."""
