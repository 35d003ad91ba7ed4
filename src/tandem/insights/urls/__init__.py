"""Insights' URLconfs, one module per namespace, each mounted by ``tandem/urls.py``:
``insights`` (dashboards, alerts, surveys, the coach page) and ``cockpit`` (under a program)."""
