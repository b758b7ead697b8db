"""`flask backup` copies a live SQLite database consistently; `flask restore` puts a copy back,
keeping the database it replaces. On PostgreSQL both say how to use pg_dump instead."""

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from helpdesk.backup import sqlite_path
from helpdesk.extensions import db
from helpdesk.tickets.models import Ticket
from tests.factories import make_ticket


def ticket_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Ticket))


def count_in(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.only_on("sqlite")
def test_backup_while_the_app_writes_is_whole_and_consistent(app, runner, tmp_path):
    make_ticket()
    database = sqlite_path()
    stop, under_way = threading.Event(), threading.Event()
    written = []

    def keep_writing() -> None:
        # Another connection commits a row and its sibling together, over and over: a torn copy
        # would hold one without the other.
        connection = sqlite3.connect(database, timeout=10)
        connection.execute("CREATE TABLE IF NOT EXISTS pairs (n INTEGER, side TEXT)")
        n = 0
        while not stop.is_set():
            with connection:
                connection.execute("INSERT INTO pairs VALUES (?, 'left')", (n,))
                connection.execute("INSERT INTO pairs VALUES (?, 'right')", (n,))
            written.append(n)
            n += 1
            if n == 50:
                under_way.set()
        connection.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        assert under_way.wait(timeout=30), "the writer did not get going"
        result = runner.invoke(args=["backup", str(tmp_path / "copy.db")])
        still_writing = len(written)
    finally:
        stop.set()
        writer.join()
        with sqlite3.connect(database) as connection:  # the test database is shared
            connection.execute("DROP TABLE pairs")

    assert result.exit_code == 0, result.output
    assert "passed SQLite's integrity check" in result.output and "1 tickets" in result.output
    copied = count_in(tmp_path / "copy.db", "pairs")
    assert copied % 2 == 0 and 100 <= copied
    assert still_writing > 50  # the app's writes went on during the copy
    assert count_in(tmp_path / "copy.db", "tickets") == 1


@pytest.mark.only_on("sqlite")
def test_restore_brings_the_backup_back_and_keeps_the_replaced_database(app, runner, tmp_path):
    make_ticket(subject="Kept in the backup")
    assert runner.invoke(args=["backup", str(tmp_path / "monday.db")]).exit_code == 0
    make_ticket(subject="Made after the backup")

    result = runner.invoke(args=["restore", str(tmp_path / "monday.db")], input="y\n")

    assert result.exit_code == 0, result.output
    assert "Stop every app process first" in result.output
    assert "Restored" in result.output and "(1 tickets)" in result.output
    assert list(db.session.scalars(select(Ticket.subject))) == ["Kept in the backup"]
    [kept] = sqlite_path().parent.glob("*.before-restore-*")
    assert count_in(kept, "tickets") == 2


@pytest.mark.only_on("sqlite")
def test_restore_asks_first_and_does_nothing_when_told_no(app, runner, tmp_path):
    make_ticket()
    runner.invoke(args=["backup", str(tmp_path / "monday.db")])
    make_ticket()

    result = runner.invoke(args=["restore", str(tmp_path / "monday.db")], input="n\n")

    assert result.exit_code == 1 and "Aborted" in result.output
    assert ticket_count() == 2


@pytest.mark.only_on("sqlite")
def test_restore_refuses_what_is_not_a_whole_helpdesk_database(app, runner, tmp_path):
    make_ticket()
    notes = tmp_path / "notes.db"
    with sqlite3.connect(notes) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)

    for bad, said in ((notes, "not a Helpdesk database"), (garbage, "garbage.db")):
        result = runner.invoke(args=["restore", "--yes", str(bad)])
        assert result.exit_code == 1 and said in result.output, result.output
    missing = runner.invoke(args=["restore", "--yes", str(tmp_path / "nope.db")])
    assert "There is no file at" in missing.output
    assert ticket_count() == 1


@pytest.mark.only_on("sqlite")
def test_backup_does_not_overwrite_unless_forced(app, runner, tmp_path):
    (tmp_path / "copy.db").write_text("yesterday's")

    refused = runner.invoke(args=["backup", str(tmp_path / "copy.db")])
    forced = runner.invoke(args=["backup", "--force", str(tmp_path / "copy.db")])

    assert refused.exit_code == 1 and "exists already" in refused.output
    assert forced.exit_code == 0 and count_in(tmp_path / "copy.db", "tickets") == 0


@pytest.mark.only_on("postgresql")
def test_on_postgresql_the_commands_give_the_pg_dump_way(runner, tmp_path):

    backup = runner.invoke(args=["backup", str(tmp_path / "copy.db")])
    restore = runner.invoke(args=["restore", "--yes", str(tmp_path / "copy.db")])

    assert backup.exit_code == 1 and "pg_dump --format=custom" in backup.output
    assert "***" in backup.output or "@" not in backup.output.split("pg_dump")[1].split("@")[0]
    assert restore.exit_code == 1 and "pg_restore" in restore.output
    assert not (tmp_path / "copy.db").exists()
