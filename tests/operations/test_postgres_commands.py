"""How the PostgreSQL tools are called, checked without a server: the password travels in
the environment only, failures are clear and leave no file behind."""

import subprocess

import pytest

from tandem.operations import postgres
from tandem.operations.errors import OperationsError


class FakeConnection:
    vendor = "postgresql"
    in_atomic_block = False
    settings_dict = {
        "NAME": "tandem",
        "USER": "tandem",
        "PASSWORD": "s3cret-Pa55",
        "HOST": "db.internal",
        "PORT": 5433,
        "OPTIONS": {"sslmode": "require"},
    }

    def close(self):
        pass


@pytest.fixture
def calls(monkeypatch):
    """Every pg_dump/pg_restore call, with a chosen exit code; pg_dump "writes" its file."""
    made, outcome = [], {"returncode": 0, "stderr": ""}

    def run(args, env, **kwargs):
        made.append((args, env))
        for arg in args:
            if arg.startswith("--file="):
                with open(arg.removeprefix("--file="), "wb") as out:
                    out.write(b"PGDMP fake")
        return subprocess.CompletedProcess(args, outcome["returncode"], "", outcome["stderr"])

    monkeypatch.setattr(postgres.subprocess, "run", run)
    monkeypatch.setattr(postgres.shutil, "which", lambda name: f"/usr/bin/{name}")
    return made, outcome


def test_the_password_is_in_the_environment_never_on_the_command_line(calls, tmp_path):
    made, _outcome = calls
    postgres.backup(FakeConnection(), tmp_path / "t.backup")
    (args, env) = made[0]
    assert args[0] == "/usr/bin/pg_dump" and "--format=custom" in args
    assert not any("s3cret" in arg for arg in args)
    assert env["PGPASSWORD"] == "s3cret-Pa55" and env["PGHOST"] == "db.internal"
    assert (env["PGPORT"], env["PGDATABASE"], env["PGSSLMODE"]) == ("5433", "tandem", "require")
    backup = tmp_path / "t.backup"
    assert backup.read_bytes().startswith(b"PGDMP")
    assert backup.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only


def test_restore_is_one_transaction_that_cleans_first(calls, tmp_path):
    made, _outcome = calls
    (tmp_path / "t.backup").write_bytes(b"PGDMP")
    postgres.restore(FakeConnection(), tmp_path / "t.backup")
    (args, env) = made[0]
    assert args[0] == "/usr/bin/pg_restore"
    assert {"--clean", "--if-exists", "--single-transaction", "--dbname=tandem"} <= set(args)
    assert not any("s3cret" in arg for arg in args) and env["PGPASSWORD"] == "s3cret-Pa55"


def test_a_failed_pg_dump_says_why_and_leaves_no_file(calls, tmp_path):
    _made, outcome = calls
    outcome.update(returncode=1, stderr="pg_dump: error: password authentication failed")
    with pytest.raises(OperationsError, match="password authentication failed"):
        postgres.backup(FakeConnection(), tmp_path / "t.backup")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_pg_dump_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    monkeypatch.setattr(postgres, "DEBIAN_BIN", str(tmp_path / "none" / "*" / "bin"))
    with pytest.raises(OperationsError, match="pg_dump was not found"):
        postgres.backup(FakeConnection(), tmp_path / "t.backup")
    assert list(tmp_path.iterdir()) == []


def test_it_finds_the_newest_debian_client_when_none_is_on_path(monkeypatch, tmp_path):
    for version in ("13", "15"):
        folder = tmp_path / version / "bin"
        folder.mkdir(parents=True)
        (folder / "pg_dump").touch()
    monkeypatch.setattr(postgres.shutil, "which", lambda name: None)
    monkeypatch.setattr(postgres, "DEBIAN_BIN", str(tmp_path / "*" / "bin"))
    assert postgres.program("pg_dump") == str(tmp_path / "15" / "bin" / "pg_dump")
