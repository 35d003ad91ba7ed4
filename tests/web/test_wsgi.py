"""A gunicorn worker loads every view when it imports the application, and leaves what it
loaded out of the garbage collector's full scans."""

import os
import subprocess
import sys

PROBE = """
import gc, sys, time
import tandem.wsgi
print(gc.get_freeze_count(), "tandem.mentorships.views.meetings" in sys.modules)
started = time.perf_counter()
gc.collect()
print(time.perf_counter() - started)
"""


def test_the_worker_imports_every_view_and_freezes_what_it_loaded(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tandem.settings"}
    env["TANDEM_VAR_DIR"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    frozen, views, full_collect = int(out[0]), out[1], float(out[2])
    assert frozen > 100_000 and views == "True"
    assert full_collect < 0.05  # a full collection walked all of them: about 0.16 s
