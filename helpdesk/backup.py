"""`flask backup` and `flask restore`: a consistent copy of a live SQLite database, and the way
back from one. PostgreSQL has its own tools (pg_dump, pg_restore); the commands say how.

SQLite's online backup API copies the database page by page inside one read transaction, so
the copy is the database as it was at one moment, even while the app keeps writing (WAL lets
writers go on meanwhile). Copying the file with `cp` is not safe: the newest commits may still
sit in the `-wal` file beside it.
"""

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from helpdesk import clock
from helpdesk.extensions import db


class BackupError(click.ClickException):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Copied:
    """What a backup or restore copied."""

    path: Path
    size: int
    revision: str
    tickets: int


def sqlite_path() -> Path | None:
    """The file of the app's SQLite database, or None when it runs on another database."""
    url = make_url(str(db.engine.url))
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise BackupError("The database lives in memory; there is nothing on disk to back up.")
    return Path(url.database)


def postgres_guidance(action: str) -> str:
    """What to run instead of `flask backup` / `flask restore` on PostgreSQL."""
    url = make_url(str(db.engine.url)).set(drivername="postgresql")
    shown = url.render_as_string(hide_password=True)
    if action == "backup":
        return (
            "The database is PostgreSQL: back it up with its own tool, which takes a consistent "
            "snapshot while the app runs:\n"
            f"  pg_dump --format=custom --file helpdesk.dump '{shown}'\n"
            "Keep the dump away from the server, and try a restore now and then."
        )
    return (
        "The database is PostgreSQL: stop the app, then restore a dump made with pg_dump into "
        "an empty database and point HELPDESK_DATABASE_URL at it:\n"
        "  createdb helpdesk_restored\n"
        "  pg_restore --no-owner --dbname helpdesk_restored helpdesk.dump\n"
        "  flask --app wsgi db upgrade"
    )


def _check(path: Path) -> tuple[str, int]:
    """Open a copy read-only and prove it whole and a Helpdesk database: its migration
    revision and how many tickets it holds."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be opened: {error}.") from None
    try:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise BackupError(f"{path} fails SQLite's integrity check: {verdict}.")
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        tickets = connection.execute("SELECT count(*) FROM tickets").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a Helpdesk database ({error}).") from None
    finally:
        connection.close()
    if revision is None:
        raise BackupError(f"{path} is not a Helpdesk database (no migration revision).")
    return revision[0], tickets


def _copy(source: Path, target: Path) -> None:
    """Copy one SQLite database over another with the online backup API."""
    reading, writing = sqlite3.connect(source), sqlite3.connect(target)
    try:
        reading.execute("PRAGMA busy_timeout=10000")
        reading.backup(writing)
    finally:
        writing.close()
        reading.close()


def backup(target: Path, *, overwrite: bool = False) -> Copied:
    """Copy the live SQLite database to `target` and check the copy."""
    source = sqlite_path()
    if source is None:
        raise BackupError(postgres_guidance("backup"))
    if target.exists() and not overwrite:
        raise BackupError(f"{target} exists already; choose a new name or pass --force.")
    if target.resolve() == source.resolve():
        raise BackupError("The backup cannot be the database itself.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    _copy(source, partial)
    revision, tickets = _check(partial)
    partial.replace(target)  # a finished, checked copy, or none at all
    return Copied(target, target.stat().st_size, revision, tickets)


def restore(backup_file: Path) -> tuple[Copied, Path | None]:
    """Put a checked backup in place of the SQLite database; the database as it was is kept
    beside it first. Returns what was restored and where the previous database went."""
    target = sqlite_path()
    if target is None:
        raise BackupError(postgres_guidance("restore"))
    if not backup_file.is_file():
        raise BackupError(f"There is no file at {backup_file}.")
    revision, tickets = _check(backup_file)
    db.session.remove()
    db.engine.dispose()  # nothing of this process holds the database open
    kept = None
    if target.exists():
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        kept = target.with_name(f"{target.name}.before-restore-{stamp}")
        _copy(target, kept)
    _copy(backup_file, target)
    return Copied(target, target.stat().st_size, revision, tickets), kept


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@with_appcontext
def backup_command(path: Path, force: bool) -> None:
    """Copy the live SQLite database to PATH, consistently, while the app runs."""
    copied = backup(path, overwrite=force)
    click.echo(
        f"Backed up to {copied.path} ({copied.size / 1_048_576:.1f} MB, {copied.tickets} "
        f"tickets, schema {copied.revision}); the copy passed SQLite's integrity check."
    )


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace the SQLite database with the backup at PATH. Stop the app first."""
    target = sqlite_path()
    if target is not None and not yes:
        click.confirm(
            f"Replace {target} with {path}? Stop every app process first; changes made since "
            "the backup are lost (the current database is kept beside it)",
            abort=True,
        )
    copied, kept = restore(path)
    click.echo(f"Restored {copied.path} from {path} ({copied.tickets} tickets).")
    if kept is not None:
        click.echo(f"The database as it was is kept at {kept}.")
    click.echo("Run `flask --app wsgi db upgrade` if the backup is from an older version.")
