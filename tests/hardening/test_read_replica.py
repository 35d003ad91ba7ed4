"""Dashboards read the replica named by ``TANDEM_REPLICA_URL``; every write, the shared cache,
sessions and every other page stay on the primary. Two SQLite files stand in for a
PostgreSQL primary and its replica (the router does not care which engine)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.contrib.sessions.models import Session

from tandem.insights.views import dashboard
from tandem.operations import replica
from tandem.operations.replica import ReplicaRouter, replica_reads
from tandem.programs.models import Program

TANDEM = Path(sys.executable).with_name("tandem")

PROBE = """
from django.core.cache import cache
from tandem.accounts.models import User
from tandem.operations.replica import replica_reads
User.objects.db_manager("replica").create_user(email="only-on-replica@example.com")
cache.set("probe", "primary")
seen_outside = User.objects.filter(email="only-on-replica@example.com").exists()
with replica_reads():
    user = User.objects.get(email="only-on-replica@example.com")
    cached = cache.get("probe")
    user.first_name = "Saved"
    user.save()
print(seen_outside, cached, User.objects.using("default").filter(first_name="Saved").exists())
"""


def test_dashboards_read_the_replica_and_write_the_primary(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TANDEM_", "DATABASE_"))}
    env.update(TANDEM_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'primary.db'}")
    subprocess.run([str(TANDEM), "migrate", "--no-input", "-v0"], env=env, check=True)
    shutil.copy(tmp_path / "primary.db", tmp_path / "replica.db")
    env["TANDEM_REPLICA_URL"] = f"sqlite:///{tmp_path / 'replica.db'}"
    done = subprocess.run(
        [str(TANDEM), "shell", "-c", PROBE], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    # the primary does not have the replica's row; under replica_reads it is read there; the
    # cache still answers from the primary; the save went to the primary
    assert done.stdout.strip().splitlines()[-1] == "False primary True"


def test_the_router_sends_only_dashboard_reads_to_a_configured_replica(monkeypatch):
    router = ReplicaRouter()
    assert router.db_for_read(Program) is None  # no replica configured: the primary
    with replica_reads():
        assert router.db_for_read(Program) is None
    monkeypatch.setattr(replica, "configured", lambda: True)
    assert router.db_for_read(Program) is None  # not under replica_reads
    with replica_reads():
        assert router.db_for_read(Program) == "replica"
        assert router.db_for_read(Session) is None
        assert router.db_for_write(Program) == "default"
    assert router.allow_migrate("replica", "programs") is False
    assert getattr(dashboard.dashboard, "reads_replica", False)
    assert getattr(dashboard.export_csv, "reads_replica", False)
