"""Email backends of a development setup: messages are printed, never sent.

Printed on standard error, not standard output: a command whose output is data (``tandem match
--format json --publish``) keeps its standard output for that data alone.
"""

import sys

from django.core.mail.backends import console


class StderrEmailBackend(console.EmailBackend):
    """Django's console backend, writing to standard error."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("stream", sys.stderr)
        super().__init__(*args, **kwargs)
