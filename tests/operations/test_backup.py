"""``tandem backup`` and ``tandem restore``: every table's rows come back as they were."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from tandem.mentorships.models import Mentorship, Preparation
from tandem.operations import backup as ops
from tandem.operations.errors import OperationsError
from tandem.people.models import Person
from tandem.programs.models import Program
from tests import factories as f
from tests.operations.dbfile import in_thread, on_file

on_sqlite = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite only")
on_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="PostgreSQL only (CI runs it)"
)


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def every_row() -> dict[str, list[str]]:
    """Each table's rows, in a stable order."""
    out = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            out[table] = sorted(repr(tuple(map(_plain, row))) for row in cursor.fetchall())
    return out


def _change_everything(cast) -> None:
    Program.objects.filter(pk=cast.program.pk).update(name="Renamed meanwhile")
    Preparation.objects.all().delete()
    Mentorship.objects.all().delete()
    f.person("Added Meanwhile")


def _round_trip(tmp_path, cast) -> None:
    before = every_row()
    assert before["mentorships_preparation"]  # the encrypted text is part of the copy
    ops.backup(tmp_path / "tandem.backup")
    assert (tmp_path / "tandem.backup").stat().st_mode & 0o077 == 0  # owner only
    _change_everything(cast)
    assert every_row() != before
    ops.restore(tmp_path / "tandem.backup")
    assert every_row() == before
    # The sequences came back too: new rows do not collide with restored ones.
    assert f.person("Created after the restore").pk > max(Person.objects.values_list("pk"))[0] - 1
    prep = Preparation.objects.get()
    assert prep.state_of_mind == "worried about the board"


@on_sqlite
def test_it_round_trips_on_sqlite(world, tmp_path):
    _round_trip(tmp_path, world)


@on_postgresql
def test_it_round_trips_on_postgresql(world, tmp_path):
    _round_trip(tmp_path, world)
    assert (tmp_path / "tandem.backup").read_bytes()[:5] == b"PGDMP"


def _write_in_pairs(stop: threading.Event, written: list[int]) -> None:
    """Another connection: two people per transaction, tagged with their batch."""
    batch = 0
    while not stop.is_set() or batch < 5:
        batch += 1
        with transaction.atomic():
            f.person(title=f"batch-{batch}")
            f.person(title=f"batch-{batch}")
        written.append(batch)


def test_it_takes_a_consistent_copy_while_another_connection_writes(world, tmp_path):
    with on_file(tmp_path):
        stop, written = threading.Event(), []
        writer = threading.Thread(target=in_thread(_write_in_pairs), args=(stop, written))
        writer.start()
        while len(written) < 5:
            threading.Event().wait(0.01)
        ops.backup(tmp_path / "during.backup")
        stop.set()
        writer.join(timeout=60)
        assert not writer.is_alive()
        total = Person.objects.filter(title__startswith="batch-").count()
        ops.restore(tmp_path / "during.backup")
        titles = list(Person.objects.filter(title__startswith="batch-").values_list("title"))
    assert 10 <= len(titles) < total  # the writer went on after the copy...
    for (title,) in set(titles):
        assert titles.count((title,)) == 2  # ...and the copy holds whole transactions only


def test_the_commands_back_up_and_restore_after_confirmation(world, tmp_path, monkeypatch):
    call_command("backup", str(tmp_path / "cmd.backup"), stdout=open("/dev/null", "w"))  # noqa: SIM115
    Program.objects.update(name="Changed")
    monkeypatch.setattr("builtins.input", lambda question: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(tmp_path / "cmd.backup"))
    assert Program.objects.get().name == "Changed"
    monkeypatch.setattr("builtins.input", lambda question: "yes")
    call_command("restore", str(tmp_path / "cmd.backup"), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Program.objects.get().name == world.program.name


def test_restore_with_yes_asks_nothing(world, tmp_path, monkeypatch):
    ops.backup(tmp_path / "cmd.backup")
    Program.objects.update(name="Changed")
    monkeypatch.setattr("builtins.input", pytest.fail)
    call_command("restore", str(tmp_path / "cmd.backup"), "--yes", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Program.objects.get().name == world.program.name


def test_restore_without_a_terminal_to_confirm_changes_nothing(world, tmp_path, monkeypatch):
    ops.backup(tmp_path / "cmd.backup")
    Program.objects.update(name="Changed")

    def no_terminal(question):
        raise EOFError

    monkeypatch.setattr("builtins.input", no_terminal)
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(tmp_path / "cmd.backup"))
    assert Program.objects.get().name == "Changed"


def test_it_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "nothing.backup"), "--yes")


def test_it_refuses_a_file_that_is_no_backup(db, tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(CommandError, match="not a backup made by"):
        call_command("restore", str(tmp_path / "notes.txt"), "--yes")


def test_it_refuses_a_backup_of_the_other_kind_of_database(db, tmp_path):
    other = b"PGDMP" if connection.vendor == "sqlite" else b"SQLite format 3\x00"
    (tmp_path / "other.backup").write_bytes(other + b"\x00" * 100)
    with pytest.raises(CommandError, match="backup but this database is"):
        call_command("restore", str(tmp_path / "other.backup"), "--yes")


def test_it_refuses_a_sqlite_database_that_is_not_tandem(db, tmp_path):
    import sqlite3

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    other = sqlite3.connect(tmp_path / "other.sqlite3")
    other.execute("CREATE TABLE t (x)")
    other.close()
    with pytest.raises(OperationsError, match="not a Tandem backup"):
        ops.restore(tmp_path / "other.sqlite3")


def test_it_refuses_a_missing_folder(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "missing" / "x.backup"))
    assert not list(tmp_path.iterdir())
