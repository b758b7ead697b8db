"""Database plumbing shared by every area: the model base, a UTC datetime type, SQLite pragmas."""

from datetime import UTC, datetime

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import DateTime, TypeDecorator

# Named constraints, so migrations can drop and alter them on every backend (SQLite batch mode too).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base for every model of the app."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no zone, PostgreSQL keeps it; this type makes both hand back the same value.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use helpdesk.clock.now()")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def apply_sqlite_pragmas(dbapi_connection, busy_timeout_ms: int) -> None:
    """Turn on WAL, foreign keys and a busy timeout for one new SQLite connection."""
    # pysqlite opens a write transaction just before the first INSERT/UPDATE/DELETE; IMMEDIATE
    # takes SQLite's write lock right there, waiting up to the busy timeout for it. A deferred
    # BEGIN takes it at the write itself, where a connection that read first may be refused at
    # once ("database is locked") instead of waiting: fifty writers at once saw that.
    dbapi_connection.isolation_level = "IMMEDIATE"
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def begin_before_savepoint(connection, name) -> None:
    """pysqlite begins a transaction only before a write; a SAVEPOINT outside one would begin a
    deferred transaction of its own, whose first write could then be refused at once. Begin
    it IMMEDIATE (waiting for the write lock) before the savepoint instead."""
    dbapi_connection = connection.connection.dbapi_connection
    if not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN IMMEDIATE")


def include_in_migrations(name: str | None, type_: str, parent_names) -> bool:
    """Leave the full-text search objects (FTS5 tables, tsvector indexes) to their hand-written
    migration: autogenerate cannot describe them."""
    return not (name and "_fts" in name)
