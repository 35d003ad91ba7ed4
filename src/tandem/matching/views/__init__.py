"""The manager's matching pages, by concern: the runs (``runs``: run, review, publish), a run
in the background (``progress``), lock / forbid / swap (``decisions``), the mentor picker
(``picker``); ``summary`` holds what the run and progress pages both show."""
