"""Insights' pages, one module per concern: ``dashboard`` (with its CSV, the program questions,
the alerts and the survey pages), ``report`` (the impact report) and ``cockpit`` (the pairs of
a program and of a coach)."""
