"""A fresh clone's ``tandem migrate`` makes the database cache's table: the first sign-in
(which counts in the cache) works without a separate ``createcachetable``."""

import os
import subprocess
import sys
from pathlib import Path

TANDEM = Path(sys.executable).with_name("tandem")


def test_migrate_on_a_fresh_database_creates_the_cache_table(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TANDEM_", "DATABASE_"))}
    env.update(TANDEM_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.db'}")
    subprocess.run([str(TANDEM), "migrate", "--no-input", "-v0"], env=env, check=True)
    probe = "from django.core.cache import cache; cache.set('k', 1); print(cache.incr('k'))"
    done = subprocess.run(
        [str(TANDEM), "shell", "-c", probe], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "2"
