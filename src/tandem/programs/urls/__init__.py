"""Programs' URLconfs, one module per namespace, each mounted by ``tandem/urls.py``:
``programs`` (the manager's pages) and ``participant`` (a participant's own, under ``/me/``)."""
