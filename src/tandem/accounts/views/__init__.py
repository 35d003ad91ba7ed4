"""Accounts' pages, one module per concern: ``login``, ``recovery`` (passwords and sessions),
``twofactor``, ``invitations`` (the first sign-in) and ``audit`` (the audit trail)."""
