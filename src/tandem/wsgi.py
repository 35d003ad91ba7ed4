"""WSGI entry point for gunicorn: ``gunicorn tandem.wsgi``.

Each worker imports every view here, before its first request (which paid for it: the
matching engine's libraries take seconds), then leaves everything loaded so far out of the
garbage collector's full scans (``gc.freeze``): a full collection walked its 300,000 objects
in about 160 ms, a pause any request of that worker could meet.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 (imports the URL configuration and every view)
gc.freeze()
