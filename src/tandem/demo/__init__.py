"""The demo organisation behind ``make run`` and ``tandem demo`` (``builder`` builds it, reads
its logins back and removes it). The top floor: it writes through every app's services, and no
app imports it."""
