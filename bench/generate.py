"""Benchmark data: a fresh helpdesk database with N tickets shaped like two years of real use.

    .venv/bin/python bench/generate.py --tickets 100000 --seed 1 --database instance/bench-100k.db
    .venv/bin/python bench/generate.py --tickets 10000 --force \\
        --database postgresql+psycopg://postgres@127.0.0.1:5432/helpdesk_bench

The schema comes from the app's own migrations (FTS5 tables and triggers on SQLite, GIN indexes
on PostgreSQL), so the database is exactly what the app runs on. Rows are then written with
SQLAlchemy Core in batches, ticket by ticket as the services would have left them: a thread of
2-12 messages (customer, reply, note) with moods, the ticket's facts (status, SLA due times,
first reply, resolution, closing, reopens, waits, replies, follow-ups, moods, version), its
history, survey invitations and answers (40% of resolved tickets), recoveries for unhappy
answers, a few mood corrections and tags. Around them: 20 agents, a supervisor, an admin,
50,000 customers, 20 categories, 300 help-centre articles with readers' votes, and 2,000 ideas
with 200,000 votes, comments, status changes and the notices they sent.

Every account's password is `bench-password`. Fixed accounts for load tests:
agent@bench.example, supervisor@bench.example, admin@bench.example and customer@bench.example
(about 20 tickets, two of them recent); the other agents are agent02..agent20@bench.example and
the customers customer00001..customer49999@bench.example.

The same --seed and --now give the same rows (only the password hash's salt differs). --now
defaults to the start of today (UTC), so tickets run up to today and their ages look live.
A SQLite file or PostgreSQL database that exists already is refused unless --force is given.
bench/README.md says what is generated, how it is kept fast, and the timings measured.
"""

import argparse
import base64
import bisect
import heapq
import itertools
import math
import multiprocessing
import operator
import os
import queue
import random
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import Connection, Table, func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from helpdesk import create_app, markup, resource_dir  # noqa: E402
from helpdesk.auth.models import User  # noqa: E402
from helpdesk.database import UTCDateTime  # noqa: E402
from helpdesk.extensions import db  # noqa: E402
from helpdesk.ideas.demo_ideas import CATEGORIES as IDEA_CATEGORIES  # noqa: E402
from helpdesk.ideas.demo_ideas import IDEAS as DEMO_IDEAS  # noqa: E402
from helpdesk.ideas.models import (  # noqa: E402
    Idea,
    IdeaCategory,
    IdeaComment,
    IdeaStatusChange,
    Notice,
    Vote,
)
from helpdesk.kb.demo import DESCRIPTIONS  # noqa: E402
from helpdesk.kb.demo_articles import ARTICLES as DEMO_ARTICLES  # noqa: E402
from helpdesk.kb.models import Article, ArticleFeedback, article_tags  # noqa: E402
from helpdesk.kb.service import RESERVED_SLUGS, slugify  # noqa: E402
from helpdesk.playbooks.models import CheckIn  # noqa: E402
from helpdesk.surveys.models import Recovery, SurveyInvitation, SurveyResponse  # noqa: E402
from helpdesk.tickets.demo import CANNED_REPLIES  # noqa: E402
from helpdesk.tickets.demo_text import CATEGORIES as THEMES  # noqa: E402
from helpdesk.tickets.demo_text import MOODS, scripted_thread  # noqa: E402
from helpdesk.tickets.models import (  # noqa: E402
    CannedReply,
    Category,
    Message,
    Tag,
    TicketEvent,
    ticket_tags,
)
from helpdesk.tickets.models import Ticket as TicketModel  # noqa: E402

PASSWORD = "bench-password"
DAY = 86_400
HOUR = 3_600

# --- The shape of the data ----------------------------------------------------------------

# Categories beyond the six the migration creates, each written about like one of the six.
EXTRA_CATEGORIES = (
    ("Payments & invoices", "Billing", "Card payments, invoices, receipts and VAT."),
    ("Subscriptions", "Billing", "Plans, renewals, pausing and cancelling a membership."),
    ("Gift cards & vouchers", "Billing", "Gift cards, promo codes and store credit."),
    ("Shipping costs", "Orders & delivery", "What delivery costs and when it is free."),
    ("Missing parcels", "Orders & delivery", "Parcels marked delivered that never arrived."),
    ("International delivery", "Orders & delivery", "Customs, duties and delivery abroad."),
    ("Two-step sign-in", "Account & sign-in", "Codes, authenticator apps and lost phones."),
    ("Privacy & data", "Account & sign-in", "Your data, exports and deleting an account."),
    ("Mobile app", "Technical issue", "The iPhone and Android apps: crashes and updates."),
    ("Website & checkout", "Technical issue", "Errors on the website and at checkout."),
    ("Sizing & fit", "Product question", "Size charts, fit and choosing between sizes."),
    ("Warranty & repairs", "Product question", "Faults, repairs and what the warranty covers."),
    ("Exchanges", "Returns & refunds", "Swapping a size or colour for another."),
    ("Damaged items", "Returns & refunds", "Items that arrived broken, marked or incomplete."),
)
# How often each category is chosen, in the order of DEFAULT_CATEGORIES then EXTRA_CATEGORIES.
CATEGORY_WEIGHTS = (14, 16, 9, 10, 7, 11, 5, 3, 2, 3, 4, 2, 2, 1, 3, 3, 2, 2, 3, 3)
PRIORITIES = (("low", 20), ("normal", 55), ("high", 20), ("urgent", 5))
CHANNELS = (("web", 55), ("email", 25), ("chat", 10), ("phone", 5), ("api", 5))
# How fast each priority moves, as a multiple of the pace of an ordinary ticket: the team's
# steps, and the customer's answers.
PRIORITY_PACE = {"urgent": 0.25, "high": 0.55, "normal": 1.0, "low": 1.4}
CUSTOMER_PACE = {"urgent": 0.35, "high": 0.7, "normal": 1.0, "low": 1.2}
# Moods and pace move from the first value to the second over the two years: the team gets
# quicker and customers calmer.
MOOD_WEIGHTS = ((40, 44, 16), (27, 49, 24))
PACE = (1.4, 0.7)
TEAM_WAIT_MINUTES = 110  # median wait for the team's next step, at a pace of 1
CUSTOMER_WAIT_MINUTES = 180  # median wait for the customer's next message
VOLUME_GROWTH = (0.6, 1.0)  # tickets per day, two years ago and now (relative)
WEEKDAY_VOLUME = (1.0, 1.0, 0.95, 0.95, 0.9, 0.55, 0.45)
HOUR_VOLUME = (1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 4, 3, 2, 1)
ASSIGNED = 0.96
STUCK = 0.005  # tickets that never resolve: the customer goes quiet on a question
REOPEN = 0.12  # of threads with a closing word: it comes after the resolution and reopens
REOPEN_AGAIN = 0.08  # of reopened tickets: the problem comes back a second time
TAGGED = 0.12
REVIEW = 0.03  # customer messages whose mood an agent confirms or corrects
SURVEYED_SHARE = 0.40  # resolved tickets with a survey answer
SURVEY_LATE = 1.03  # asks a little more often: the newest answers are still to come
COMMENT_CHANCE = 0.45
RECOVERY_CLOSED = 0.985  # of recoveries flagged more than three days ago
THREADS_PER_KIND = 120  # pooled conversations per (category theme, mood)
CUSTOMER_TICKETS = 20  # tickets of customer@bench.example
FIXED_CUSTOMER_RECENT = (0.9995, 0.998)  # where in the timeline its two recent tickets are

TICKET_TAGS = {
    "Billing": ("double-charge", "invoice", "refund", "vip"),
    "Orders & delivery": ("delivery-delay", "courier", "lost-parcel", "vip"),
    "Account & sign-in": ("password-reset", "2fa", "gdpr", "locked-out"),
    "Technical issue": ("bug", "app-crash", "outage", "checkout-error"),
    "Product question": ("sizing", "warranty", "pre-sale", "stock"),
    "Returns & refunds": ("refund", "damaged", "exchange", "return-label"),
}

FIRST_NAMES = (
    "Amelia Noah Olivia Liam Ava Mateo Sofia Lucas Mia Elijah Chloe Arjun Yuki Fatima Omar "
    "Hannah Jonas Priya Wei Isabella Tomás Zara Felix Nadia Kofi Ingrid Rafael Leila Ethan Aiko "
    "Grace Samuel Julia Daniel Emma Oscar Freya Hugo Alice Leo Nora Adam Ruth Malik Clara Ivan "
    "Maya Pablo Elena Theo Sara Kenji Lucia Aaron Esme Tariq Rosa Nils Amara Viktor Lea Dev"
).split()
LAST_NAMES = (
    "Smith Garcia Müller Rossi Nguyen Kowalski Johnson Tanaka Haddad Silva Brown Novak "
    "O'Brien Jensen Dubois Kim Mensah Cohen Petrov Ali Walker Fernandes Berg Costa Schmidt "
    "Moreau Patel Lindqvist Okafor Ramos Fischer Murphy Hughes Sato Becker Larsen Russo Ahmed "
    "Wright Evans Popescu Horvat Yilmaz Andersen Kaur Mwangi Park Hall Reyes Bianchi"
).split()

# The conversations come from helpdesk.tickets.demo_text with these stand-in names, replaced
# by each ticket's real names (the mood was read with plain names in their place).
CUSTOMER_FULL, CUSTOMER_FIRST = "Custfirstzq Custlastzq", "Custfirstzq"
CUSTOMER_LOCAL = CUSTOMER_FIRST.lower()  # in email addresses
AGENT_FULL, AGENT_FIRST = "Agentfirstzq Agentlastzq", "Agentfirstzq"
STAND_INS = ((CUSTOMER_FULL, "Alex Morgan"), (AGENT_FULL, "Sam Patel"))

COMES_BACK = (
    "Sorry to come back to this, but the problem is back again since this morning.",
    "It worked for a day and now it's doing exactly the same thing again.",
    "Hi again, unfortunately this isn't fixed after all. Same issue as before.",
    "This has started happening again. Really frustrating.",
    "Just a heads-up that it's back. Could you take another look?",
)
FIXED_AGAIN = tuple(
    body.format(first=CUSTOMER_FIRST, agent=AGENT_FIRST)
    for body in (
        "Hi {first},\n\nThanks for letting me know, and sorry it came back. I've gone through "
        "it again from the start and found what we missed the first time; it's sorted properly "
        "now.\n\nBest,\n{agent}",
        "Hi {first},\n\nApologies, that should not have happened twice. I've escalated it and "
        "the fix is now in place on your account. Do let me know if anything looks off."
        "\n\n{agent}",
        "Hello {first},\n\nSorry about this. I've redone the change by hand this time and "
        "checked it myself, so it won't slip back again.\n\nKind regards,\n{agent}",
    )
)
SURVEY_COMMENTS = {
    "low": (
        "It took far too long and I had to chase you twice.",
        "Nobody read what I wrote, I kept repeating myself.",
        "Still not really fixed, honestly disappointed.",
        "Very slow and the answers were copy-paste.",
        "I was passed around three people before anyone helped.",
        "The problem came back and I had to start over. Poor.",
        "Unhelpful. I got my money back in the end but no thanks to support.",
        "Terrible experience, I will not order again.",
    ),
    "middle": (
        "Got there in the end.",
        "OK, but it took a few emails.",
        "Fine, the answer was a bit vague at first.",
        "Solved, though I had to explain it twice.",
        "Average. The agent was polite but slow.",
        "It's sorted, that's what matters.",
    ),
    "high": (
        "Quick and friendly, thank you!",
        "Sorted in one reply, great service.",
        "Really helpful, thanks a lot.",
        "Excellent support, very clear instructions.",
        "Fast, kind and it just worked. Thank you.",
        "Best customer service I've had in a long time.",
        "Lovely agent, problem fixed the same day.",
        "Great, thanks for going the extra mile.",
    ),
}
RECOVERY_OUTCOMES = (
    "Called the customer, apologised and refunded the shipping.",
    "Sent a goodwill voucher and a personal apology.",
    "Walked them through the fix on the phone; they are happy now.",
    "Escalated the root cause to the product team and told the customer.",
    "Customer did not pick up; sent an apology email with a discount code.",
)


@dataclass(frozen=True)
class Settings:
    """What to generate, from the command line."""

    tickets: int
    seed: int
    url: str
    force: bool
    now: datetime
    days: int
    customers: int
    agents: int
    ideas: int
    votes: int
    articles: int
    batch: int
    one_process: bool


# --- Command line and progress ------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None = None) -> Settings:
    """Read the command line into Settings."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tickets", type=int, default=100_000, help="tickets (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--database",
        required=True,
        help="a SQLite file path (instance/bench-100k.db) or a postgresql+psycopg:// URL",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing database")
    parser.add_argument(
        "--now",
        help="the moment the data ends, ISO 8601 UTC (default: the start of today, UTC)",
    )
    parser.add_argument("--days", type=int, default=730, help="days of history (default 730)")
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--agents", type=int, default=20)
    parser.add_argument("--ideas", type=int, default=2_000)
    parser.add_argument("--votes", type=int, default=200_000)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument(
        "--batch", type=int, default=2_000, help="tickets per insert batch (default 2000)"
    )
    parser.add_argument(
        "--one-process",
        action="store_true",
        help="SQLite: generate tickets in this process instead of a second one",
    )
    args = parser.parse_args(argv)
    if args.tickets < 1 or args.customers < 2 or args.agents < 1 or args.days < 30:
        parser.error("need at least 1 ticket, 2 customers, 1 agent and 30 days")
    if min(args.ideas, args.votes, args.articles) < 0 or args.votes < args.ideas:
        parser.error("--ideas, --votes and --articles cannot be negative, nor votes below ideas")
    if args.now:
        now = datetime.fromisoformat(args.now)
        now = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    else:
        now = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    database = args.database
    if "://" in database:
        url = database.replace("postgresql://", "postgresql+psycopg://", 1)
        url = url.replace("postgres://", "postgresql+psycopg://", 1)
    else:
        url = f"sqlite:///{Path(database).resolve()}"
    return Settings(
        tickets=args.tickets,
        seed=args.seed,
        url=url,
        force=args.force,
        now=now.replace(microsecond=0),
        days=args.days,
        customers=args.customers,
        agents=args.agents,
        ideas=args.ideas,
        votes=args.votes,
        articles=args.articles,
        batch=max(100, args.batch),
        one_process=args.one_process,
    )


def say(line: str) -> None:
    """One line of progress on stderr."""
    print(line, file=sys.stderr, flush=True)


def duration(seconds: float) -> str:
    """Seconds as 1m05s or 4.2s."""
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}m{seconds:02d}s"


class Progress:
    """A progress bar in plain text: redrawn in place on a terminal, every 10% otherwise."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, max(total, 1), 0
        self.started = self.drawn = time.perf_counter()
        self.tty = sys.stderr.isatty()
        self.next_step = 0.1

    def advance(self, count: int) -> None:
        """`count` more done; redraw when it is time."""
        self.done += count
        now = time.perf_counter()
        share = self.done / self.total
        if self.tty and now - self.drawn >= 0.5:
            self.drawn = now
            sys.stderr.write("\r" + self._line(now) + "   ")
            sys.stderr.flush()
        elif not self.tty and share >= self.next_step and share < 1:
            # Without a terminal, a line per tenth, for stages long enough to need one.
            self.next_step = math.floor(share * 10 + 1) / 10
            if now - self.started > 2:
                say(self._line(now))

    def _line(self, now: float) -> str:
        elapsed = now - self.started
        share = self.done / self.total
        width = 30
        bar = "#" * int(width * share) + "-" * (width - int(width * share))
        rate = self.done / elapsed if elapsed else 0
        left = (self.total - self.done) / rate if rate else 0
        return (
            f"  {self.label:<10} [{bar}] {self.done:>9,}/{self.total:,} {share:6.1%} "
            f"{rate:>8,.0f}/s  {duration(elapsed)} elapsed, ~{duration(left)} left"
        )

    def finish(self) -> float:
        """The stage's closing line; returns its duration in seconds."""
        elapsed = time.perf_counter() - self.started
        if self.tty:
            sys.stderr.write("\r" + " " * 110 + "\r")
        say(f"  {self.label:<10} {self.done:,} in {duration(elapsed)}")
        return elapsed


# --- The database -------------------------------------------------------------------------


def prepare_database(settings: Settings) -> None:
    """Make sure the target is new and empty: remove an old SQLite file or recreate the
    PostgreSQL database with --force, refuse otherwise."""
    url = make_url(settings.url)
    if url.get_backend_name() == "sqlite":
        path = Path(url.database)
        if path.exists():
            if not settings.force:
                raise SystemExit(f"{path} exists; pass --force to replace it")
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    if url.get_backend_name() != "postgresql":
        raise SystemExit("--database must be a SQLite path or a PostgreSQL URL")
    import psycopg
    from psycopg import sql

    name = url.database
    server = url.set(drivername="postgresql", database="postgres")
    with psycopg.connect(server.render_as_string(hide_password=False), autocommit=True) as pg:
        exists = pg.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists:
            if not settings.force:
                raise SystemExit(f"database {name} exists; pass --force to replace it")
            pg.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        pg.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def start_loading(connection: Connection) -> list[str]:
    """SQLite: no journal and no syncing while the new file is written (a crash means starting
    again), a large cache for the indexes, and the triggers that feed external-content FTS5
    tables on INSERT set aside: one `rebuild` from the source table afterwards is several
    times faster than a trigger per row. Returns those triggers' SQL, exactly as the
    migrations created them, for `finish_loading`."""
    if connection.dialect.name != "sqlite":
        return []
    for pragma in (
        "journal_mode=OFF",
        "synchronous=OFF",
        "cache_size=-1048576",
        "temp_store=MEMORY",
    ):
        connection.exec_driver_sql(f"PRAGMA {pragma}")
    rebuildable = external_fts_tables(connection)
    triggers = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND sql LIKE '% AFTER INSERT ON %' ORDER BY name"
    ).all()
    # Only unconditional ones: `rebuild` indexes every row, as they do.
    set_aside = [
        (name, sql)
        for name, sql in triggers
        if " WHEN " not in sql.upper() and any(f"INSERT INTO {fts}(" in sql for fts in rebuildable)
    ]
    for name, _ in set_aside:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    connection.commit()
    return [sql for _, sql in set_aside]


def external_fts_tables(connection: Connection) -> list[str]:
    """FTS5 tables indexing another table's rows (content='...'), which `rebuild` refills."""
    tables = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
        "AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%' ORDER BY name"
    ).all()
    return [name for name, sql in tables if "content='" in sql and "content=''" not in sql]


def finish_loading(connection: Connection, triggers: list[str]) -> None:
    """SQLite: the full-text indexes rebuilt from their tables, the INSERT triggers back and the
    app's journal mode. PostgreSQL: sequences moved past the explicit ids. Both: ANALYZE."""
    if connection.dialect.name == "sqlite":
        if triggers:
            for name in external_fts_tables(connection):
                connection.exec_driver_sql(f'INSERT INTO "{name}"("{name}") VALUES (\'rebuild\')')
        for sql in triggers:
            connection.exec_driver_sql(sql)
        connection.commit()
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    else:
        for table in db.metadata.sorted_tables:
            if "id" in table.c and table.c.id.primary_key:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                )
    connection.exec_driver_sql("ANALYZE")
    connection.commit()


class Rows:
    """Rows waiting to be inserted, by table."""

    def __init__(self) -> None:
        self.rows: dict[Table, list[dict]] = {}

    def add(self, table: Table, row: dict) -> None:
        self.rows.setdefault(table, []).append(row)

    def extend(self, table: Table, rows: Iterable[dict]) -> None:
        self.rows.setdefault(table, []).extend(rows)

    def take(self) -> dict[Table, list[dict]]:
        """The rows so far, leaving none."""
        rows, self.rows = self.rows, {}
        return rows

    def __len__(self) -> int:
        """How many rows are waiting."""
        return sum(len(rows) for rows in self.rows.values())


def insert_order() -> dict[str, int]:
    """Table names in an order that inserts parents before children."""
    return {table.name: position for position, table in enumerate(db.metadata.sorted_tables)}


def write(connection: Connection, batch: dict[Table, list[dict]], chunk: int = 20_000) -> None:
    """Core inserts of the tables' rows, parents first, then one commit."""
    order = insert_order()
    for table in sorted(batch, key=lambda table: order[table.name]):
        rows = batch[table]
        for start in range(0, len(rows), chunk):
            connection.execute(insert(table), rows[start : start + chunk])
    connection.commit()


class Loader(Rows):
    """Rows written with Core inserts on flush."""

    def __init__(self, connection: Connection) -> None:
        super().__init__()
        self.connection = connection

    def flush(self) -> None:
        """Insert and commit the rows so far."""
        write(self.connection, self.take())


def utc_columns(table: Table) -> list[str]:
    """The table's UTCDateTime columns."""
    return [column.key for column in table.columns if isinstance(column.type, UTCDateTime)]


def with_datetimes(batch: dict[Table, list[dict]]) -> dict[Table, list[dict]]:
    """Ticket rows keep times as epoch seconds; Core inserts take aware UTC datetimes."""
    for table, rows in batch.items():
        for key in utc_columns(table):
            for row in rows:
                if row[key] is not None:
                    row[key] = stamp(row[key])
    return batch


class Encoder:
    """What `connection.execute(insert(table), rows)` hands the DBAPI, made ahead of time: the
    Core insert of each table compiled once for the database, and every value passed through
    its column type's bind processor, as Core does (UTCDateTime turns aware datetimes into
    naive UTC on SQLite, JSON is serialised, booleans become integers). Times come as epoch
    seconds and each distinct second goes through UTCDateTime once. The producer process does
    this work so that the main process only executes."""

    def __init__(self, dialect) -> None:
        self.dialect = dialect
        self.statements: dict[str, tuple] = {}
        self.seconds: dict[int, object] = {}

    def statement(self, table: Table) -> tuple:
        """The table's compiled insert, a getter of its values in order, and the processors
        of the positions that have one."""
        found = self.statements.get(table.name)
        if found is None:
            compiled = insert(table).compile(dialect=self.dialect)
            names = list(compiled.positiontup)
            times = set(utc_columns(table))
            processors = []
            for position, name in enumerate(names):
                processor = (
                    table.c[name].type.dialect_impl(self.dialect).bind_processor(self.dialect)
                )
                if name in times:
                    processors.append((position, self._from_seconds(processor)))
                elif processor is not None:
                    processors.append((position, processor))
            found = (str(compiled), operator.itemgetter(*names), processors)
            self.statements[table.name] = found
        return found

    def _from_seconds(self, processor) -> Callable:
        """UTCDateTime's processor for epoch seconds. Every UTCDateTime column is the same type,
        so one memo of encoded seconds serves them all (a message's time is also its event's)."""
        seen = self.seconds

        def process(seconds: int | None):
            if seconds is None:
                return None
            value = seen.get(seconds)
            if value is None:
                if len(seen) > 1_000_000:
                    seen.clear()
                value = datetime.fromtimestamp(seconds, UTC)
                value = seen[seconds] = processor(value) if processor else value
            return value

        return process

    def encode(self, table: Table, rows: list[dict]) -> tuple[str, list[tuple]]:
        """The SQL and the DBAPI parameters for inserting these rows."""
        sql, values_of, processors = self.statement(table)
        if not processors:
            return sql, [values_of(row) for row in rows]
        encoded = []
        for row in rows:
            values = list(values_of(row))
            for position, processor in processors:
                values[position] = processor(values[position])
            encoded.append(tuple(values))
        return sql, encoded


# --- Texts and their moods ----------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A customer text with the tagger's reading of it, read once and reused."""

    body: str
    label: str
    polarity: float
    subjectivity: float
    confidence: float
    model: str


@dataclass(frozen=True)
class Thread:
    """A pooled conversation, with stand-in names (see `personal`)."""

    mood: str
    subject: str
    opening: Text
    followups: tuple[Text, ...]
    replies: tuple[str, ...]
    closing: Text | None
    note: str | None


class Tagger:
    """The app's tagger, once per distinct text."""

    def __init__(self) -> None:
        from helpdesk.tagging.service import tag

        self.tag = tag
        self.cache: dict[str, Text] = {}

    def __call__(self, body: str) -> Text:
        """The text with the tagger's reading (read with plain names for the stand-ins)."""
        found = self.cache.get(body)
        if found is None:
            plain = body
            for stand_in, name in STAND_INS:
                plain = plain.replace(stand_in, name)
            plain = plain.replace(CUSTOMER_FIRST, "Alex").replace(AGENT_FIRST, "Sam")
            plain = plain.replace(CUSTOMER_LOCAL, "alex")
            reading, model = self.tag(plain)
            found = Text(
                body=body,
                label=str(reading.label),
                polarity=float(reading.polarity),
                subjectivity=float(reading.subjectivity),
                confidence=float(reading.confidence),
                model=str(model)[:40],
            )
            self.cache[body] = found
        return found


def thread_pool(rng: random.Random, tagger: Tagger) -> dict[tuple[str, str], list[Thread]]:
    """THREADS_PER_KIND conversations per (theme, mood), every customer text tagged once."""
    pool: dict[tuple[str, str], list[Thread]] = {}
    for theme in THEMES:
        for mood in MOODS:
            threads = []
            for _ in range(THREADS_PER_KIND):
                scripted = scripted_thread(
                    rng,
                    category=theme,
                    mood=mood,
                    customer_name=CUSTOMER_FULL,
                    agent_name=AGENT_FULL,
                )
                threads.append(
                    Thread(
                        mood=mood,
                        subject=scripted.subject[:200],
                        opening=tagger(scripted.opening),
                        followups=tuple(tagger(body) for body in scripted.followups),
                        replies=scripted.replies,
                        closing=tagger(scripted.closing) if scripted.closing else None,
                        note=scripted.note,
                    )
                )
            pool[theme, mood] = threads
    return pool


@dataclass(frozen=True)
class Person:
    """A name as texts use it."""

    id: int
    name: str
    first: str
    local: str


def person(user_id: int, name: str) -> Person:
    """A user's name, first name, and the first name as an email address starts."""
    first = name.split()[0]
    return Person(user_id, name, first, "".join(ch for ch in first.lower() if ch.isalnum()))


def personal(body: str, customer: Person, agent: Person) -> str:
    """A pooled text with this ticket's names in place of the stand-ins."""
    if "zq" not in body:
        return body
    return (
        body.replace(CUSTOMER_FULL, customer.name)
        .replace(AGENT_FULL, agent.name)
        .replace(CUSTOMER_FIRST, customer.first)
        .replace(AGENT_FIRST, agent.first)
        .replace(CUSTOMER_LOCAL, customer.local)
    )


# --- People, categories, tags -------------------------------------------------------------


@dataclass
class People:
    """Who is in the database: ids and names."""

    admin: Person
    supervisor: Person
    agents: list[Person]
    agent_weights: list[float]
    first_customer_id: int
    customer_names: list[str]
    seen: dict[int, Person] = field(default_factory=dict)

    def customer(self, index: int) -> Person:
        """The customer at this index (0 is customer@bench.example)."""
        found = self.seen.get(index)
        if found is None:
            found = person(self.first_customer_id + index, self.customer_names[index])
            self.seen[index] = found
        return found


def make_people(loader: Loader, settings: Settings, rng: random.Random, start: int) -> People:
    """The staff with fixed logins, the agents and the customers, all with one password hash."""
    from helpdesk.auth.service import hash_password

    password_hash = hash_password(PASSWORD)
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    staff_names = rng.sample(names, settings.agents + 2)
    users = User.__table__
    rows = []

    def add(user_id: int, email: str, name: str, role: str, created: int) -> Person:
        rows.append(
            {
                "id": user_id,
                "email": email,
                "name": name,
                "role": role,
                "password_hash": password_hash,
                "active": True,
                "created_at": stamp(created),
                "last_login_at": None,
            }
        )
        return person(user_id, name)

    def staff_joined() -> int:
        return start - rng.randint(30, 700) * DAY - rng.randint(0, DAY)

    admin = add(1, "admin@bench.example", staff_names[0], "admin", staff_joined())
    supervisor = add(2, "supervisor@bench.example", staff_names[1], "supervisor", staff_joined())
    agents = []
    for number in range(1, settings.agents + 1):
        email = "agent@bench.example" if number == 1 else f"agent{number:02d}@bench.example"
        agents.append(add(2 + number, email, staff_names[1 + number], "agent", staff_joined()))
    first_customer_id = 3 + settings.agents
    customer_names = []
    for index in range(settings.customers):
        name = rng.choice(names)
        customer_names.append(name)
        email = "customer@bench.example" if index == 0 else f"customer{index:05d}@bench.example"
        joined = start - rng.randint(1, 500) * DAY - rng.randint(0, DAY)
        add(first_customer_id + index, email, name, "customer", joined)
    loader.extend(users, rows)
    loader.flush()
    weights = [rng.uniform(0.7, 1.3) for _ in agents]
    return People(admin, supervisor, agents, weights, first_customer_id, customer_names)


@dataclass
class Catalogue:
    """Categories (id, theme, weight) and tags by name."""

    category_ids: list[int]
    category_themes: dict[int, str]
    category_weights: list[int]
    tag_ids: dict[str, int]


def make_catalogue(connection: Connection, now: datetime) -> Catalogue:
    """The six categories of the migration with their descriptions, fourteen more, the tags
    tickets and articles use, and the demo's canned replies."""
    categories = Category.__table__
    existing = dict(connection.execute(select(categories.c.name, categories.c.id)).all())
    for name, category_id in existing.items():
        connection.execute(
            categories.update()
            .where(categories.c.id == category_id)
            .values(description=DESCRIPTIONS.get(name, ""))
        )
    themes = {name: name for name in THEMES}
    position = len(existing)
    for name, theme, description in EXTRA_CATEGORIES:
        themes[name] = theme
        if name not in existing:
            position += 1
            connection.execute(
                insert(categories).values(
                    name=name, position=position, active=True, description=description
                )
            )
    rows = connection.execute(select(categories.c.name, categories.c.id)).all()
    ids = {name: category_id for name, category_id in rows}
    order = list(THEMES) + [name for name, _, _ in EXTRA_CATEGORIES]
    tag_names = sorted(
        {name for names in TICKET_TAGS.values() for name in names}
        | {name for article in DEMO_ARTICLES for name in article.tags}
    )
    connection.execute(insert(Tag.__table__), [{"name": name[:40]} for name in tag_names])
    tag_ids = dict(connection.execute(select(Tag.__table__.c.name, Tag.__table__.c.id)).all())
    connection.execute(
        insert(CannedReply.__table__),
        [
            {
                "title": title,
                "body": body,
                "created_by_id": None,
                "created_at": now,
                "updated_at": now,
            }
            for title, body in CANNED_REPLIES
        ],
    )
    connection.commit()
    return Catalogue(
        category_ids=[ids[name] for name in order],
        category_themes={ids[name]: themes[name] for name in order},
        category_weights=list(CATEGORY_WEIGHTS[: len(order)]),
        tag_ids=tag_ids,
    )


# --- Time ---------------------------------------------------------------------------------


def stamp(seconds: int | float | None) -> datetime | None:
    """Epoch seconds as an aware UTC datetime (the UTCDateTime columns take those)."""
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def tickets_per_day(rng: random.Random, total: int, days: int, start: int) -> list[int]:
    """How many tickets each day gets: growing volume, quiet weekends, some noise; the counts
    add up to `total` exactly."""
    weights = []
    for day in range(days):
        progress = day / max(days - 1, 1)
        growth = VOLUME_GROWTH[0] + (VOLUME_GROWTH[1] - VOLUME_GROWTH[0]) * progress
        weekday = datetime.fromtimestamp(start + day * DAY, UTC).weekday()
        weights.append(growth * WEEKDAY_VOLUME[weekday] * max(0.3, rng.gauss(1, 0.12)))
    scale = total / sum(weights)
    counts, carried, given = [], 0.0, 0
    for weight in weights:
        carried += weight * scale
        count = round(carried) - given
        counts.append(count)
        given += count
    return counts


# --- Tickets ------------------------------------------------------------------------------

WAITING_ON_TEAM = ("new", "open")
DONE = ("resolved", "closed")


class Sim:
    """One ticket as the services would have kept it, with its thread and history so far."""

    __slots__ = (
        "id", "customer", "agent", "assignee", "category", "theme", "priority", "channel",
        "created", "updated", "public", "version", "status", "first_reply_due",
        "resolution_due", "first_reply", "resolved", "closed", "agent_replies", "followups",
        "reopens", "team_wait", "waiting_since", "messages", "events", "episodes", "tags",
        "thread",
    )  # fmt: skip

    def __init__(self) -> None:
        self.messages: list[dict] = []
        self.events: list[tuple] = []
        self.episodes: list[list] = []  # [resolved at, reopened at or None] per resolution
        self.tags: list[str] = []


class TicketWriter:
    """Plays each ticket's life through the rules of helpdesk/tickets/facts.py and service.py
    (without the services: they would take hours) and queues its rows."""

    def __init__(
        self,
        settings: Settings,
        config,
        people: People,
        catalogue: Catalogue,
        pool: dict[tuple[str, str], list[Thread]],
        tagger: Tagger,
        rng: random.Random,
        start: int,
    ) -> None:
        self.rows = Rows()
        self.people, self.catalogue, self.pool = people, catalogue, pool
        self.rng = rng
        self.start, self.now = start, int(settings.now.timestamp())
        self.span = self.now - start
        self.first_reply_hours = config["SLA_FIRST_REPLY_HOURS"]
        self.resolution_hours = config["SLA_RESOLUTION_HOURS"]
        self.auto_close = config["AUTO_CLOSE_DAYS"] * DAY
        self.survey_delay = config["SURVEY_DELAY_MINUTES"] * 60
        self.survey_expiry = config["SURVEY_EXPIRY_DAYS"] * DAY
        self.survey_quiet = config["SURVEY_QUIET_DAYS"] * DAY
        self.customer_count = settings.customers
        self.ids = dict.fromkeys(
            ("ticket", "message", "event", "invitation", "response", "recovery", "check_in"), 0
        )
        self.counts = {"resolved": 0, "answerable": 0, "answered": 0, "reopened": 0}
        self.invited: dict[int, list[int]] = {}  # customer id -> invitation times that count
        self.comes_back = [tagger(body) for body in COMES_BACK]
        self.survey_comments = {
            bucket: [tagger(body) for body in bodies] for bucket, bodies in SURVEY_COMMENTS.items()
        }
        self.fixed_customer_tickets = self._fixed_customer_tickets(settings.tickets)
        # Cumulative weights, as random.choices would compute them on every call.
        self.priorities = [name for name, _ in PRIORITIES]
        self.priority_weights = list(itertools.accumulate(weight for _, weight in PRIORITIES))
        self.channels = [name for name, _ in CHANNELS]
        self.channel_weights = list(itertools.accumulate(weight for _, weight in CHANNELS))
        self.agent_weights = list(itertools.accumulate(people.agent_weights))
        self.category_weights = list(itertools.accumulate(catalogue.category_weights))
        self.tables = {
            "ticket": TicketModel.__table__,
            "message": Message.__table__,
            "event": TicketEvent.__table__,
            "invitation": SurveyInvitation.__table__,
            "response": SurveyResponse.__table__,
            "recovery": Recovery.__table__,
            "check_in": CheckIn.__table__,
        }

    @staticmethod
    def _fixed_customer_tickets(total: int) -> set[int]:
        """Which ticket numbers (0-based) belong to customer@bench.example: spread over the
        two years, and two among the newest."""
        spread = CUSTOMER_TICKETS - len(FIXED_CUSTOMER_RECENT)
        shares = [0.97 * step / max(spread - 1, 1) for step in range(spread)]
        return {min(total - 1, int(total * share)) for share in (*shares, *FIXED_CUSTOMER_RECENT)}

    def next_id(self, kind: str) -> int:
        """The next id of a kind of row (ids are given, not left to the database)."""
        self.ids[kind] += 1
        return self.ids[kind]

    # The life of one ticket.

    def ticket(self, number: int, created: int) -> None:
        """Plan, play and queue one ticket created at `created` (epoch seconds)."""
        rng = self.rng
        progress = (created - self.start) / self.span
        s = Sim()
        s.id = self.next_id("ticket")
        if number in self.fixed_customer_tickets:
            customer_index = 0
        else:
            customer_index = 1 + int((self.customer_count - 1) * rng.random() ** 1.25)
        s.customer = self.people.customer(customer_index)
        s.agent = rng.choices(self.people.agents, cum_weights=self.agent_weights)[0]
        s.assignee = None
        s.category = rng.choices(self.catalogue.category_ids, cum_weights=self.category_weights)[0]
        s.theme = self.catalogue.category_themes[s.category]
        s.priority = rng.choices(self.priorities, cum_weights=self.priority_weights)[0]
        s.channel = rng.choices(self.channels, cum_weights=self.channel_weights)[0]
        moods = [a + (b - a) * progress for a, b in zip(*MOOD_WEIGHTS, strict=True)]
        mood = rng.choices(MOODS, moods)[0]
        s.thread = thread = rng.choice(self.pool[s.theme, mood])
        pace = (PACE[0] + (PACE[1] - PACE[0]) * progress) * PRIORITY_PACE[s.priority]
        patience = CUSTOMER_PACE[s.priority]

        def team() -> int:
            """How long the team takes over its next step: minutes mostly, hours now and then."""
            minutes = TEAM_WAIT_MINUTES * pace * rng.lognormvariate(0, 1.0)
            return int(min(max(minutes, 3), 2 * 24 * 60) * 60) + rng.randint(0, 59)

        def customer() -> int:
            """How long the customer takes to write again: a few hours, sometimes days."""
            minutes = CUSTOMER_WAIT_MINUTES * patience * rng.lognormvariate(0, 1.1)
            return int(min(max(minutes, 10), 3 * 24 * 60) * 60) + rng.randint(0, 59)

        # Opened: status new, SLA targets from the priority, the opening mood.
        s.created = s.updated = s.public = created
        s.status, s.version = "new", 1
        s.first_reply_due = created + int(self.first_reply_hours[s.priority] * HOUR)
        s.resolution_due = created + int(self.resolution_hours[s.priority] * HOUR)
        s.first_reply = s.resolved = s.closed = None
        s.agent_replies = s.followups = s.reopens = s.team_wait = 0
        s.waiting_since = created
        self.message(s, created, "customer", s.customer.id, thread.opening)
        s.version = 2  # the insert, then the opening mood
        self.event(s, created, s.customer.id, "created", channel=s.channel)

        at = created
        finish = rng.random() >= STUCK  # stuck: the customer never answers the last reply
        closing = thread.closing if finish else None
        reopens = bool(closing) and rng.random() < REOPEN
        try:
            if rng.random() < ASSIGNED:
                at += int(rng.randint(2, 90) * 60 * min(pace, 1.5))
                self.check(at)
                actor = self.people.supervisor if rng.random() < 0.2 else s.agent
                s.assignee = s.agent
                self.change(s, at)
                self.event(s, at, actor.id, "assigned", old=None, new=s.agent.name)
            # Before the first reply: the customer chases if it is slower than their patience,
            # and the agent may leave a note while looking into it.
            followups = list(thread.followups)
            first_reply = at + team()
            before = []
            if followups and at + customer() < first_reply:
                before.append((at + rng.randint(1, first_reply - at), "chase"))
            if thread.note:
                before.append((at + int((first_reply - at) * rng.uniform(0.2, 0.9)), "note"))
            for at, step in sorted(before):
                self.check(at)
                if step == "chase":
                    self.customer_writes(s, at, followups.pop(0))
                else:
                    self.note(s, at, personal(thread.note, s.customer, s.agent))
            # Mostly the agent waits for the customer's last word before resolving; now and
            # then the last word comes after the resolution and reopens the ticket.
            resolves_early = not closing or reopens
            for position, body in enumerate(thread.replies):
                at = first_reply if position == 0 else at + team()
                self.check(at)
                last = position == len(thread.replies) - 1
                status = "resolved" if last and finish and resolves_early else "pending"
                self.agent_replies(s, at, personal(body, s.customer, s.agent), status)
                if position == 0 and rng.random() < TAGGED:
                    at += rng.randint(30, 600)
                    self.check(at)
                    self.tag(s, at)
                if followups and not last:
                    at += customer()
                    self.check(at)
                    self.customer_writes(s, at, followups.pop(0))
            if closing:
                at += customer()
                self.check(at)
                self.customer_writes(s, at, closing)
                if s.status == "open":
                    at += team()
                    self.check(at)
                    self.change_status(s, at, s.agent.id, "resolved")
            if s.reopens and s.status == "resolved" and rng.random() < REOPEN_AGAIN:
                # Before the auto-close: a closed ticket takes no more messages.
                at += min(customer() * 4, self.auto_close - 2 * HOUR)
                self.check(at)
                self.customer_writes(s, at, rng.choice(self.comes_back))
                at += team()
                self.check(at)
                body = personal(rng.choice(FIXED_AGAIN), s.customer, s.agent)
                self.agent_replies(s, at, body, "resolved")
        except Later:
            pass  # the rest of the thread is still to come
        self.afterwards(s)
        self.queue(s)

    def check(self, at: int) -> None:
        """Stop the thread here if this step would come after the end of the data."""
        if at >= self.now:
            raise Later

    def change(self, s: Sim, at: int) -> None:
        """A change to the ticket row: a new version, and the time it was updated."""
        s.version += 1
        s.updated = at

    def message(self, s: Sim, at: int, kind: str, author_id: int, body) -> dict:
        """Queue a message; customer texts carry the tagger's reading."""
        row = {
            "id": self.next_id("message"),
            "ticket_id": s.id,
            "author_id": author_id,
            "kind": kind,
            "body": None,
            "created_at": at,
            "sentiment_polarity": None,
            "sentiment_subjectivity": None,
            "sentiment_label": None,
            "sentiment_confidence": None,
            "sentiment_model": None,
            "corrected_label": None,
            "corrected_by_id": None,
            "corrected_at": None,
            "submission_key": None,
        }
        if isinstance(body, Text):
            row["body"] = personal(body.body, s.customer, s.agent)
            row["sentiment_polarity"] = body.polarity
            row["sentiment_subjectivity"] = body.subjectivity
            row["sentiment_label"] = body.label
            row["sentiment_confidence"] = body.confidence
            row["sentiment_model"] = body.model
        else:
            row["body"] = body
        s.messages.append(row)
        return row

    def event(self, s: Sim, at: int, actor_id: int | None, type_: str, **data) -> None:
        """History, stamped with the ticket's version after the change (as `record` does)."""
        data["version"] = s.version
        s.events.append((at, actor_id, type_, data))

    def move(self, s: Sim, to: str, at: int) -> bool:
        """facts.move: status, team wait, resolution, closing, reopens; survey episodes."""
        old = s.status
        if old == to:
            return False
        if old in WAITING_ON_TEAM and to not in WAITING_ON_TEAM and s.waiting_since is not None:
            s.team_wait += at - s.waiting_since
            s.waiting_since = None
        if to in WAITING_ON_TEAM and old not in WAITING_ON_TEAM:
            s.waiting_since = at
        if old in DONE and to not in DONE:
            s.reopens += 1
            s.resolved = None
        if old == "closed":
            s.closed = None
        if to == "resolved" and not (old == "closed" and s.resolved):
            s.resolved = at
        if to == "closed":
            s.closed = at
            s.resolved = s.resolved or at
        s.status = to
        if to in DONE and old not in DONE:
            s.episodes.append([at, None])
        elif old in DONE and to not in DONE:
            s.episodes[-1][1] = at
        return True

    def customer_writes(self, s: Sim, at: int, text_: Text) -> None:
        """service._customer_message: a follow-up unless resolved; reopens pending/resolved."""
        self.message(s, at, "customer", s.customer.id, text_)
        s.public = at
        if s.status not in DONE:
            s.followups += 1
        self.change(s, at)
        if s.status in ("pending", "resolved"):
            old = s.status
            self.move(s, "open", at)
            self.event(s, at, s.customer.id, "status_changed", old=old, new="open", by_reply=True)
        self.event(s, at, s.customer.id, "message_added", kind="customer")

    def agent_replies(self, s: Sim, at: int, body: str, status: str) -> None:
        """service.reply by staff with a status: the reply, then the status change."""
        self.message(s, at, "reply", s.agent.id, body)
        s.public = at
        if s.first_reply is None:
            s.first_reply = at
        if s.status not in DONE:
            s.agent_replies += 1
        if s.status == "new":
            self.move(s, "open", at)
        self.change(s, at)
        self.event(s, at, s.agent.id, "message_added", kind="reply")
        if status != s.status:
            self.change_status(s, at, s.agent.id, status)

    def change_status(self, s: Sim, at: int, actor_id: int | None, status: str) -> None:
        """service.change_status (or the auto-close) at `at`."""
        old = s.status
        self.move(s, status, at)
        s.public = at
        self.change(s, at)
        self.event(s, at, actor_id, "status_changed", old=old, new=status)

    def note(self, s: Sim, at: int, body: str) -> None:
        """An internal note: the ticket changes, the customer sees nothing."""
        self.message(s, at, "note", s.agent.id, body)
        self.change(s, at)
        self.event(s, at, s.agent.id, "note_added", kind="note")

    def tag(self, s: Sim, at: int) -> None:
        """service.set_tags with one or two of the theme's tags."""
        choices = TICKET_TAGS[s.theme]
        s.tags = sorted(self.rng.sample(choices, 1 if self.rng.random() < 0.8 else 2))
        self.change(s, at)
        self.event(s, at, s.agent.id, "tags_changed", old=[], new=s.tags)

    # After the thread: mood reviews, the auto-close, the survey and its recovery, in the
    # order they happen (each sees the ticket's version of its moment).

    def afterwards(self, s: Sim) -> None:
        """Play the steps after the thread in time order; count the ticket's outcome."""
        rng, now = self.rng, self.now
        steps: list[tuple] = []
        for row in s.messages:
            if row["kind"] == "customer" and rng.random() < REVIEW:
                at = s.updated + rng.randint(60, 2 * HOUR)
                if at < now:
                    steps.append((at, len(steps), "review", row))
        if s.status == "resolved":
            at = s.resolved + self.auto_close + rng.randint(0, HOUR)
            if at < now:
                steps.append((at, len(steps), "close", None))
        for at, invitation in self.survey(s):
            steps.append((at, len(steps), "answer", invitation))
        heapq.heapify(steps)
        while steps:
            at, _, kind, subject = heapq.heappop(steps)
            if kind == "review":
                self.review(s, subject, at)
            elif kind == "close":
                self.close(s, at)
            elif kind == "answer":
                closing = self.answer(s, subject, at)
                if closing is not None:
                    heapq.heappush(steps, (closing[0], 1_000 + len(steps), "settle", closing))
            else:
                self.settle(s, *subject)
        if s.status in DONE:
            self.counts["resolved"] += 1
            self.counts["reopened"] += s.reopens > 0

    def review(self, s: Sim, row: dict, at: int) -> None:
        """service.correct_sentiment: the agent's label (the thread's mood for the opening,
        else the machine's confirmed or another), kept beside the machine's."""
        rng = self.rng
        if row is s.messages[0]:
            label = s.thread.mood
        elif rng.random() < 0.5:
            label = row["sentiment_label"]
        else:
            label = rng.choice([mood for mood in MOODS if mood != row["sentiment_label"]])
        reviewer = s.assignee or s.agent
        row["corrected_label"], row["corrected_by_id"], row["corrected_at"] = label, reviewer.id, at
        self.change(s, at)
        self.event(
            s,
            at,
            reviewer.id,
            "sentiment_reviewed",
            message_id=row["id"],
            machine=row["sentiment_label"],
            label=label,
        )

    def close(self, s: Sim, at: int) -> None:
        """batch.close_stale: resolved more than AUTO_CLOSE_DAYS ago."""
        self.move(s, "closed", at)
        s.public = at
        self.change(s, at)
        self.event(s, at, None, "auto_closed", after_days=self.auto_close // DAY)

    def quiet(self, customer_id: int, at: int) -> bool:
        """Surveyed about another ticket within the quiet period (either side of `at`, as
        tickets are not played in the order they resolve)."""
        times = self.invited.get(customer_id)
        if not times:
            return False
        position = bisect.bisect_left(times, at - self.survey_quiet)
        return position < len(times) and times[position] <= at + self.survey_quiet

    def survey(self, s: Sim) -> list[tuple[int, dict]]:
        """surveys.service.invite per resolution (unless surveyed lately about another
        ticket), withdrawn by a reopen; the last one answered for about SURVEYED_SHARE of
        resolved tickets. Returns (when, invitation) for the answers to come."""
        rng, now = self.rng, self.now
        answers, counted = [], []
        for resolved, reopened in s.episodes:
            if self.quiet(s.customer.id, resolved):
                continue
            send_at = resolved + self.survey_delay
            stop = min(now, reopened) if reopened else now
            sent = send_at + rng.randint(5, 120)
            sent = sent if sent < stop else None
            invitation = {
                "id": self.next_id("invitation"),
                "token": base64.urlsafe_b64encode(rng.randbytes(32)).rstrip(b"=").decode(),
                "ticket_id": s.id,
                "customer_id": s.customer.id,
                "agent_id": s.assignee.id if s.assignee else None,
                "category_id": s.category,
                "created_at": resolved,
                "send_at": send_at,
                "sent_at": sent,
                "expires_at": resolved + self.survey_expiry,
                "answered_at": None,
                "email_id": None,
                "withdrawn_at": reopened,
            }
            self.rows.add(self.tables["invitation"], invitation)
            if reopened is None or sent is not None:  # a link withdrawn unsent never reached them
                counted.append(resolved)
            if reopened is None and sent is not None and s.status in DONE:
                self.counts["answerable"] += 1
                resolved_so_far = self.counts["resolved"] + 1
                chance = SURVEYED_SHARE * SURVEY_LATE * resolved_so_far / self.counts["answerable"]
                if rng.random() < chance:
                    minutes = min(rng.lognormvariate(math.log(180), 1.3), 13 * 24 * 60)
                    at = sent + int(minutes * 60) + rng.randint(0, 59)
                    if at < min(now, invitation["expires_at"]):
                        answers.append((at, invitation))
        for at in counted:
            bisect.insort(self.invited.setdefault(s.customer.id, []), at)
        return answers

    def answer(self, s: Sim, invitation: dict, at: int) -> tuple | None:
        """surveys.service.answer, scored from what the ticket went through (as the demo does);
        an unhappy answer is flagged for recovery. Returns the recovery's closing, if any."""
        rng = self.rng
        invitation["answered_at"] = at
        self.counts["answered"] += 1
        score = 5.0
        if self.mood(s, last=True) == "negative":
            score -= 1.4
        elif self.mood(s, last=False) == "negative" and self.mood(s, last=True) == "positive":
            score += 0.2
        score -= 0.6 * min(s.reopens, 2) + 0.3 * min(s.followups, 3)
        if s.resolved and s.resolved - s.created > 3 * DAY:
            score -= 0.6
        if s.agent_replies <= 1:
            score += 0.2
        csat = max(1, min(5, round(score + rng.gauss(0, 0.7))))
        ces = max(1, min(7, round(8 - 1.3 * csat + rng.gauss(0, 0.8))))
        nps = max(0, min(10, round(2 * csat - 0.5 + rng.gauss(0, 1.3))))
        ces = None if rng.random() < 0.15 else ces
        nps = None if rng.random() < 0.1 else nps
        comment = None
        if rng.random() < COMMENT_CHANCE:
            bucket = "low" if csat <= 2 else "middle" if csat == 3 else "high"
            comment = rng.choice(self.survey_comments[bucket])
        response = {
            "id": self.next_id("response"),
            "invitation_id": invitation["id"],
            "ticket_id": s.id,
            "customer_id": s.customer.id,
            "agent_id": invitation["agent_id"],
            "category_id": invitation["category_id"],
            "csat": csat,
            "ces": ces,
            "nps": nps,
            "comment": comment.body if comment else "",
            "sentiment_label": comment.label if comment else None,
            "sentiment_polarity": comment.polarity if comment else None,
            "sentiment_model": comment.model if comment else None,
            "answered_at": at,
        }
        self.rows.add(self.tables["response"], response)
        self.event(s, at, s.customer.id, "survey_answered", csat=csat, nps=nps, ces=ces)
        reasons = []
        if csat <= 2:
            reasons.append(f"CSAT {csat} of 5")
        if nps is not None and nps <= 6:
            reasons.append(f"NPS {nps} of 10")
        if comment and comment.label == "negative":
            reasons.append("negative comment")
        return self.recovery(s, response, invitation, reasons, at) if reasons else None

    @staticmethod
    def mood(s: Sim, *, last: bool) -> str | None:
        """The effective label of the customer's first or latest message."""
        rows = reversed(s.messages) if last else iter(s.messages)
        for row in rows:
            if row["kind"] == "customer":
                return row["corrected_label"] or row["sentiment_label"]
        return None

    def recovery(self, s: Sim, response: dict, invitation: dict, reasons: list, at: int):
        """surveys.service._flag_for_recovery: a check-in for the agent and the recovery;
        returns (when, recovery, check-in, actor, outcome) if it is closed before the end."""
        rng, now = self.rng, self.now
        agent_id = invitation["agent_id"] or (s.assignee.id if s.assignee else None)
        check_in = None
        if agent_id is not None:
            check_in = {
                "id": self.next_id("check_in"),
                "ticket_id": s.id,
                "run_id": None,
                "step_id": None,
                "assignee_id": agent_id,
                "created_at": at,
                "due_at": next_working_day(at),
                "done_at": None,
                "done_by_id": None,
                "note": "",
            }
            self.rows.add(self.tables["check_in"], check_in)
        recovery = {
            "id": self.next_id("recovery"),
            "ticket_id": s.id,
            "response_id": response["id"],
            "reasons": ", ".join(reasons)[:200],
            "flagged_at": at,
            "check_in_id": check_in["id"] if check_in else None,
            "closed_at": None,
            "closed_by_id": None,
            "outcome": "",
        }
        self.rows.add(self.tables["recovery"], recovery)
        self.event(s, at, None, "recovery_flagged", reasons=reasons)
        closed = at + rng.randint(2, 72) * HOUR + rng.randint(0, HOUR)
        chance = RECOVERY_CLOSED if at + 3 * DAY < now else 0.3
        if closed >= now or rng.random() >= chance:
            return None
        actor = self.people.supervisor.id if rng.random() < 0.5 or not agent_id else agent_id
        return closed, recovery, check_in, actor, rng.choice(RECOVERY_OUTCOMES)

    def settle(self, s: Sim, at: int, recovery: dict, check_in, actor: int, outcome: str) -> None:
        """surveys.service.close_recovery: what was done, and the check-in done with it."""
        recovery.update(closed_at=at, closed_by_id=actor, outcome=outcome)
        if check_in:
            check_in.update(done_at=at, done_by_id=actor, note=f"Recovery closed: {outcome}")
        self.event(s, at, actor, "recovery_closed", outcome=outcome[:200])

    # Rows.

    def queue(self, s: Sim) -> None:
        """The ticket, its messages, history and tags into the loader."""
        if s.status in ("pending", *DONE):  # facts.refresh_sla
            sla_due = None
        elif s.first_reply is None:
            sla_due = s.first_reply_due
        else:
            sla_due = s.resolution_due
        loader = self.rows
        public = [row for row in s.messages if row["kind"] != "note"]
        loader.add(
            self.tables["ticket"],
            {
                "id": s.id,
                "subject": personal(s.thread.subject, s.customer, s.agent),
                "customer_id": s.customer.id,
                "assignee_id": s.assignee.id if s.assignee else None,
                "category_id": s.category,
                "status": s.status,
                "priority": s.priority,
                "channel": s.channel,
                "created_at": s.created,
                "updated_at": s.updated,
                "public_activity_at": s.public,
                "version": s.version,
                "submission_key": None,
                "first_reply_due_at": s.first_reply_due,
                "resolution_due_at": s.resolution_due,
                "sla_due_at": sla_due,
                "first_reply_at": s.first_reply,
                "resolved_at": s.resolved,
                "closed_at": s.closed,
                "agent_replies": s.agent_replies,
                "customer_followups": s.followups,
                "reopen_count": s.reopens,
                "team_wait_seconds": s.team_wait,
                "waiting_since": s.waiting_since,
                "first_sentiment": self.mood(s, last=False),
                "last_sentiment": self.mood(s, last=True),
                "public_messages": len(public),
                "first_message_at": min(row["created_at"] for row in public),
                "last_message_at": max(row["created_at"] for row in public),
            },
        )
        loader.extend(self.tables["message"], s.messages)
        events = self.tables["event"]
        for at, actor_id, type_, data in sorted(s.events, key=lambda event: event[0]):
            loader.add(
                events,
                {
                    "id": self.next_id("event"),
                    "ticket_id": s.id,
                    "actor_id": actor_id,
                    "type": type_,
                    "data": data,
                    "at": at,
                },
            )
        for name in s.tags:
            loader.add(ticket_tags, {"ticket_id": s.id, "tag_id": self.catalogue.tag_ids[name]})

    def take(self) -> dict[Table, list[dict]]:
        """The rows queued so far (times as epoch seconds: see `Encoder`, `with_datetimes`)."""
        return self.rows.take()


class Later(Exception):
    """The next step of a thread would happen after the end of the data."""


def next_working_day(at: int) -> int:
    """surveys.service.next_working_day: 9:00 UTC on the next weekday."""
    day = datetime.fromtimestamp(at, UTC).date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return int(datetime(day.year, day.month, day.day, 9, tzinfo=UTC).timestamp())


def ticket_batches(writer: TicketWriter, settings: Settings, rng: random.Random, start: int):
    """All tickets in order of creation (ids follow time), a day at a time; yields
    (tickets, rows by table) every `settings.batch` tickets."""
    pending = 0
    hours = list(range(24))
    for day, count in enumerate(tickets_per_day(rng, settings.tickets, settings.days, start)):
        day_start = start + day * DAY
        times = sorted(
            day_start + hour * HOUR + rng.randint(0, HOUR - 1)
            for hour in rng.choices(hours, HOUR_VOLUME, k=count)
        )
        for created in times:
            writer.ticket(writer.ids["ticket"], created)
            pending += 1
            if pending >= settings.batch:
                yield pending, writer.take()
                pending = 0
    yield pending, writer.take()


def make_tickets(
    connection: Connection,
    writer: TicketWriter,
    settings: Settings,
    rng: random.Random,
    start: int,
) -> dict[str, int]:
    """Generate and insert the tickets; returns the writer's counts. On SQLite a forked
    producer process generates and encodes while this one inserts (two cores); elsewhere, or
    with --one-process, everything happens here through Core inserts."""
    progress = Progress("tickets", settings.tickets)
    if connection.dialect.name != "sqlite" or settings.one_process:
        for count, batch in ticket_batches(writer, settings, rng, start):
            write(connection, with_datetimes(batch))
            progress.advance(count)
        progress.finish()
        return writer.counts
    context = multiprocessing.get_context("fork")
    channel = context.Queue(maxsize=3)
    encoder = Encoder(connection.dialect)
    producer = context.Process(
        target=produce, args=(channel, writer, settings, rng, start, encoder), daemon=True
    )
    producer.start()
    order = insert_order()
    try:
        while True:
            try:
                kind, payload, count = channel.get(timeout=5)
            except queue.Empty:
                if producer.is_alive():
                    continue
                message = f"the ticket producer died (exit code {producer.exitcode})"
                raise SystemExit(message) from None
            if kind == "error":
                raise SystemExit(f"the ticket producer failed:\n{payload}")
            if kind == "done":
                break
            for name in sorted(payload, key=order.__getitem__):
                sql, rows = payload[name]
                connection.exec_driver_sql(sql, rows)
            connection.commit()
            progress.advance(count)
    finally:
        if producer.is_alive():
            producer.terminate()
        producer.join()
    progress.finish()
    return payload


def produce(channel, writer: TicketWriter, settings: Settings, rng, start: int, encoder) -> None:
    """The producer process: batches of encoded rows, then the writer's counts."""
    parent = os.getppid()

    def send(message: tuple) -> None:
        """Queue a message, giving up if the main process died (nobody would read it)."""
        while True:
            try:
                channel.put(message, timeout=5)
                return
            except queue.Full:
                if os.getppid() != parent:
                    channel.cancel_join_thread()  # or exiting would wait on the full pipe
                    raise SystemExit(1) from None

    try:
        for count, batch in ticket_batches(writer, settings, rng, start):
            encoded = {table.name: encoder.encode(table, rows) for table, rows in batch.items()}
            send(("rows", encoded, count))
        send(("done", writer.counts, 0))
    except Exception:
        send(("error", traceback.format_exc(), 0))
    channel.close()
    channel.join_thread()


# --- Knowledge base -----------------------------------------------------------------------

ARTICLE_TASKS = {
    "Billing": (
        "update the card on my account", "download an invoice", "change my plan",
        "get a VAT receipt", "use a promo code", "pay in instalments", "cancel my membership",
        "see my payment history", "change my billing address", "get a refund of a fee",
        "add a company name to invoices", "pay with PayPal",
    ),
    "Orders & delivery": (
        "track my parcel", "change my delivery address", "choose a delivery day",
        "collect from a pick-up point", "add an item to my order", "cancel an order",
        "report a late delivery", "split an order", "order as a gift", "ship to another country",
        "book a redelivery", "see what delivery costs",
    ),
    "Account & sign-in": (
        "reset my password", "turn on two-step sign-in", "change my email address",
        "download my data", "delete my account", "sign in with a new phone",
        "unlock my account", "change my marketing preferences", "merge two accounts",
        "see where I am signed in", "update my name", "recover a lost account",
    ),
    "Technical issue": (
        "fix a crash in the app", "clear the app's cache", "fix checkout errors",
        "update the app", "fix a blank page on the website", "use the site with a screen reader",
        "turn on notifications", "fix a payment page that times out", "report a bug",
        "use the app offline", "fix login loops", "check the service status",
    ),
    "Product question": (
        "find my size", "care for a waxed jacket", "register a warranty", "find spare parts",
        "check if an item is back in stock", "compare two models", "wash a down jacket",
        "pair wireless earbuds", "season a cast-iron skillet", "charge a power bank safely",
        "choose a sleeping bag", "read a care label",
    ),
    "Returns & refunds": (
        "return an item", "print a return label", "exchange a size", "return a gift",
        "report a damaged item", "track my refund", "return an item bought in a sale",
        "return something after 30 days", "send back part of an order", "return from abroad",
        "get a refund to a closed card", "return a faulty item",
    ),
}  # fmt: skip
ARTICLE_TITLES = ("How do I {task}?", "Can I {task}?", "How to {task}", "Why can't I {task}?")
ARTICLE_STEPS = (
    "Sign in and open **Account**.",
    "Choose the order or setting concerned from the list.",
    "Follow the steps on screen and press **Save**.",
    "Check your email: we send a confirmation within a few minutes.",
    "If the button is greyed out, refresh the page and try again.",
    "On the app, pull down to refresh before you start.",
    "Keep your order number to hand; it starts with a #.",
    "Wait for the confirmation message before closing the page.",
)
ARTICLE_NOTES = (
    "Changes made before 2 pm on a working day take effect the same day.",
    "Banks can take 3-5 working days to show a refund.",
    "This works the same on the website and in the app.",
    "Business accounts may see extra options.",
    "If something looks wrong, open a ticket and mention this article.",
    "We never ask for your password by email or phone.",
)


def article_body(rng: random.Random, task: str) -> str:
    """A FAQ article in Markdown: an introduction, numbered steps, notes, sometimes a table."""
    steps = rng.sample(ARTICLE_STEPS, rng.randint(3, 5))
    notes = rng.sample(ARTICLE_NOTES, rng.randint(2, 3))
    parts = [
        f"Here is how to {task}. It takes a couple of minutes and you can do it yourself "
        "at any time, without waiting for the support team.",
        "## Steps",
        "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1)),
        "## Good to know",
        "\n".join(f"- {note}" for note in notes),
    ]
    if rng.random() < 0.25:
        parts += [
            "## At a glance",
            "| Where | How long |\n| --- | --- |\n| Website | A few minutes |\n"
            f"| App | A few minutes |\n| By phone | Up to {rng.randint(1, 3)} working days |",
        ]
    return "\n\n".join(parts)


def make_articles(
    loader: Loader,
    settings: Settings,
    rng: random.Random,
    people: People,
    catalogue: Catalogue,
    start: int,
) -> None:
    """Help-centre articles: the demo's thirty, then generated ones; a tenth are drafts. Views
    and "Was this helpful?" votes match the feedback rows."""
    now = int(settings.now.timestamp())
    by_theme: dict[str, list[int]] = {}
    for category_id, theme in catalogue.category_themes.items():
        by_theme.setdefault(theme, []).append(category_id)
    specs = [(a.title, a.body, a.category, list(a.tags)) for a in DEMO_ARTICLES]
    generated = [
        (template.format(task=task), theme, task)
        for template in ARTICLE_TITLES
        for theme, tasks in ARTICLE_TASKS.items()
        for task in tasks
    ]
    rng.shuffle(generated)
    for title, theme, task in generated:
        specs.append((title, article_body(rng, task), theme, list(TICKET_TAGS[theme][:1])))
    specs = specs[: settings.articles]
    progress = Progress("articles", len(specs))
    slugs: set[str] = set(RESERVED_SLUGS)
    articles = Article.__table__
    for number, (title, body, theme, tags) in enumerate(specs, start=1):
        slug = base = slugify(title)
        suffix = 1
        while slug in slugs:
            suffix += 1
            slug = f"{base}-{suffix}"
        slugs.add(slug)
        html = markup.render(body, markup.ARTICLE)
        written = start - rng.randint(0, 200) * DAY + int((now - start) * rng.random() ** 2)
        edits = rng.choice((0, 0, 1, 1, 2, 3))
        updated = min(now - HOUR, written + edits * rng.randint(1, 40) * DAY)
        published = rng.random() >= 0.1
        views = int(rng.lognormvariate(5.5, 1.2)) if published else 0
        voters = min(views // 12, 400)
        liked = rng.choice((0.92, 0.88, 0.82, 0.75, 0.45))
        yes = no = 0
        feedback = []
        for _ in range(voters):
            helpful = rng.random() < liked
            yes, no = yes + helpful, no + (not helpful)
            if rng.random() < 0.5:
                visitor = f"user:{people.first_customer_id + rng.randrange(settings.customers)}"
            else:
                visitor = f"visitor:{base64.urlsafe_b64encode(rng.randbytes(16)).decode()[:22]}"
            at = updated + int((now - updated) * rng.random())
            feedback.append(
                {"article_id": number, "visitor": visitor, "helpful": helpful, "at": stamp(at)}
            )
        # One row per visitor and article: drop the rare repeated signed-in visitor.
        seen: set[str] = set()
        unique = []
        for row in feedback:
            if row["visitor"] not in seen:
                seen.add(row["visitor"])
                unique.append(row)
        yes = sum(row["helpful"] for row in unique)
        no = len(unique) - yes
        loader.add(
            articles,
            {
                "id": number,
                "slug": slug,
                "title": title,
                "body_markdown": body,
                "body_html": html,
                "body_text": markup.plain_text(html),
                "category_id": rng.choice(by_theme[theme]),
                "status": "published" if published else "draft",
                "author_id": rng.choice(people.agents).id,
                "source_ticket_id": None,
                "created_at": stamp(written),
                "updated_at": stamp(updated),
                "published_at": stamp(written) if published else None,
                "view_count": views,
                "helpful_yes": yes,
                "helpful_no": no,
                "version": 1 + edits,
            },
        )
        loader.extend(ArticleFeedback.__table__, unique)
        for name in sorted(set(tags)):
            if name in catalogue.tag_ids:
                loader.add(article_tags, {"article_id": number, "tag_id": catalogue.tag_ids[name]})
        progress.advance(1)
    loader.flush()
    progress.finish()


# --- Ideas --------------------------------------------------------------------------------

IDEA_WISHES = {
    "Mobile app": (
        "Dark mode in the app", "Face ID sign-in", "Offline wishlist", "Widgets for order status",
        "Barcode scanner to reorder", "Bigger text option", "Push alerts for price drops",
        "Apple Pay in the app", "Save searches in the app", "Landscape mode on tablets",
        "Share products to friends", "App for smartwatches", "Faster app start-up",
    ),
    "Website & checkout": (
        "Save my basket across devices", "Guest checkout without an account",
        "Filter by sustainability", "Compare products side by side", "Pay later option",
        "Show stock in local shops", "Size filter that remembers me", "Wishlist sharing",
        "One-click reorder", "Better search for colours", "Show delivery date before paying",
        "Printable order summary", "Gift wrapping at checkout",
    ),
    "Delivery": (
        "Choose a delivery day", "Evening delivery slots", "Plastic-free packaging",
        "Deliver to a locker", "Live courier tracking", "Combine orders into one parcel",
        "Leave in a safe place option", "Weekend delivery", "Carbon-neutral shipping",
        "Delivery to my office", "Text me before the courier arrives", "Free returns pick-up",
    ),
    "Products": (
        "More sizes in rain jackets", "Repair service for jackets", "Refill packs for mugs",
        "Longer warranty on gadgets", "Spare parts shop", "Vegan leather options",
        "Kids' versions of bestsellers", "Recycled materials range", "Bundles for camping",
        "Colour samples by post", "Tall and petite fits", "Care kits for waxed cotton",
    ),
    "Account & billing": (
        "Family accounts", "Monthly spending summary", "Invoices with company details",
        "Pause a subscription", "Store credit wallet", "Export my order history",
        "Loyalty points", "Birthday discount", "Split payment between cards",
        "Student discount", "Download all invoices at once", "Choose the billing date",
    ),
    "Help & support": (
        "Live chat at weekends", "Callback instead of waiting", "Video guides for setup",
        "Help centre in more languages", "See my ticket history in the app",
        "WhatsApp support", "Status page for outages", "Community forum",
        "Repair booking online", "Faster answers for urgent issues",
        "Chat transcripts by email", "Rate each answer",
    ),
}  # fmt: skip
IDEA_QUALIFIERS = (
    "", "", "", "", "", " please", " for Android", " on iPhone", " for gift orders",
    " for business accounts", " in the EU", " (again!)", " for returns",
)  # fmt: skip
IDEA_REASONS = (
    "I use the shop every week and this is the one thing I keep missing.",
    "Most other shops I use have had this for a while now.",
    "It would save me a lot of time, especially around the holidays.",
    "My whole family shops here and we all asked for the same thing.",
    "Right now I have to work around it and it's a bit of a pain.",
    "It seems like a small change but it would make a big difference.",
    "I've asked support about it twice and they suggested posting it here.",
    "This would make me order more often, honestly.",
)
IDEA_DETAILS = (
    "It should work on the website and in the app",
    "An option in Settings would be enough",
    "Ideally it remembers my choice",
    "It could start with a few products and grow from there",
    "Email me when it's ready",
    "Keep it simple: no extra sign-up",
)
IDEA_COMMENTS = (
    "Yes please! I'd use this every week.",
    "Same here, this would be great.",
    "+1, I was about to post the same idea.",
    "Not sure about this one, it sounds complicated.",
    "This is long overdue, honestly a bit annoying that it's not there yet.",
    "Would love this for my family account too.",
    "Any news on this? It's been months.",
    "Great idea, hope it happens soon!",
    "I don't need this, but I see why others would.",
    "Please don't make it cost extra.",
    "This is the main reason I still use the website instead of the app.",
    "Disappointing that this keeps getting pushed back.",
)
IDEA_OFFICIAL = (
    "Thanks for all the votes, everyone. We're reading every comment here.",
    "Quick update from the team: this is on our list for next quarter.",
    "We've shared this with our product team; keep the votes coming.",
    "Thanks for the feedback! We'll post here as soon as we know more.",
)
IDEA_STATUS_MIX = (
    ("new", 44),
    ("under_review", 20),
    ("planned", 12),
    ("in_progress", 8),
    ("done", 10),
    ("declined", 6),
)
IDEA_PATHS = {
    "new": (),
    "under_review": ("under_review",),
    "planned": ("under_review", "planned"),
    "in_progress": ("under_review", "planned", "in_progress"),
    "done": ("under_review", "planned", "in_progress", "done"),
    "declined": ("under_review", "declined"),
}
IDEA_NOTES = {
    "under_review": "Thanks for the votes! The team is looking at what this would take.",
    "planned": "Good news: this is planned. We'll share dates here when we have them.",
    "in_progress": "Work on this has started; a first version is being tested.",
    "done": "This is live now. Thank you to everyone who voted and commented!",
    "declined": "Thanks for suggesting this. We've decided not to build it for now.",
}
IDEA_MERGED = 0.01


def idea_text(rng: random.Random) -> tuple[str, str, str]:
    """A title, Markdown body and category: a demo idea now and then, else a composed one."""
    if rng.random() < 0.05:
        spec = rng.choice(DEMO_IDEAS)
        return spec.title, spec.body, spec.category
    category = rng.choice(IDEA_CATEGORIES)
    title = rng.choice(IDEA_WISHES[category]) + rng.choice(IDEA_QUALIFIERS)
    body = " ".join(rng.sample(IDEA_REASONS, 2))
    if rng.random() < 0.5:
        body += "\n\nWhat I'd like:\n\n" + "\n".join(
            f"- {detail}" for detail in rng.sample(IDEA_DETAILS, rng.randint(2, 3))
        )
    return title[:150], body, category


def vote_counts(rng: random.Random, ideas: int, total: int, ceiling: int) -> list[int]:
    """Votes per idea, authors' own votes included: a long tail, adding up to `total`."""
    ranks = list(range(ideas))
    rng.shuffle(ranks)
    weights = [1 / (rank + 3) ** 0.9 for rank in ranks]
    extra = max(total - ideas, 0)
    scale = extra / sum(weights)
    counts = [min(ceiling, 1 + int(weight * scale)) for weight in weights]
    order = sorted(range(ideas), key=lambda index: -weights[index])
    missing = total - sum(counts)
    position = 0
    while missing > 0 and position < 10 * ideas:
        index = order[position % ideas]
        if counts[index] < ceiling:
            counts[index] += 1
            missing -= 1
        position += 1
    return counts


def make_ideas(
    loader: Loader,
    settings: Settings,
    rng: random.Random,
    people: People,
    start: int,
    tagger: Tagger,
) -> None:
    """The idea board: ideas with votes (vote_count equals the rows), comments (comment_count
    too), the team's status moves with the notices they sent, and a few merged duplicates."""
    now = int(settings.now.timestamp())
    loader.extend(
        IdeaCategory.__table__,
        [
            {"id": number, "name": name, "position": number}
            for number, name in enumerate(IDEA_CATEGORIES, start=1)
        ],
    )
    category_ids = {name: number for number, name in enumerate(IDEA_CATEGORIES, start=1)}
    merged = set(rng.sample(range(1, settings.ideas), int(settings.ideas * IDEA_MERGED)))
    # Merged duplicates' votes moved to the ideas they were merged into: the others share all.
    kept = [index for index in range(settings.ideas) if index + 1 not in merged]
    shares = vote_counts(rng, len(kept), settings.votes, settings.customers)
    counts = dict(zip(kept, shares, strict=True))
    statuses = [name for name, _ in IDEA_STATUS_MIX]
    status_weights = [weight for _, weight in IDEA_STATUS_MIX]
    staff = [people.supervisor, *people.agents[:5]]
    progress = Progress("ideas", settings.ideas)
    ids = {"vote": 0, "comment": 0, "change": 0, "notice": 0}
    html_cache: dict[str, str] = {}
    titles: dict[int, str] = {}

    def next_id(kind: str) -> int:
        """The next id of a kind of idea row."""
        ids[kind] += 1
        return ids[kind]

    # Ids follow posting time; more ideas lately.
    posted_times = sorted(
        start + int((now - 2 * DAY - start) * rng.random() ** 0.7) for _ in range(settings.ideas)
    )
    open_ideas: list[int] = []  # ideas a later duplicate can be merged into
    for index in range(settings.ideas):
        number = index + 1
        title, body, category = idea_text(rng)
        posted = posted_times[index]
        author_index = rng.randrange(settings.customers)
        author_id = people.first_customer_id + author_index
        status = "new" if number in merged else rng.choices(statuses, status_weights)[0]
        path = IDEA_PATHS[status]
        turn = posted + int((now - posted) * rng.uniform(0.3, 0.8))
        moments = sorted(rng.randint(turn, now - 1) for _ in path)
        closes = moments[-1] if status in ("done", "declined") else now
        # Votes: the author's at once, then others until the idea closes.
        voters: list[tuple[int, int]] = [(posted, author_id)]
        if number not in merged:
            others = rng.sample(range(settings.customers), min(counts[index], settings.customers))
            others = [other for other in others if other != author_index][: counts[index] - 1]
            span = max(closes - posted - 60, 1)
            voters += sorted(
                (posted + 60 + int(span * rng.random() ** 1.5), people.first_customer_id + other)
                for other in others
            )
        else:
            voters = []  # moved to the idea it was merged into
        for at, user_id in voters:
            loader.add(
                Vote.__table__,
                {
                    "id": next_id("vote"),
                    "idea_id": number,
                    "user_id": user_id,
                    "created_at": stamp(at),
                },
            )
        # The team's moves, each telling the author and the voters so far.
        headline_for = "The idea you voted for is now {}"
        for step, at in zip(path, moments, strict=True):
            told = {author_id} | {user for when, user in voters if when < at}
            label = step.replace("_", " ")
            loader.add(
                IdeaStatusChange.__table__,
                {
                    "id": next_id("change"),
                    "idea_id": number,
                    "actor_id": rng.choice(staff).id,
                    "old": "new" if step == path[0] else path[path.index(step) - 1],
                    "new": step,
                    "note": IDEA_NOTES[step],
                    "told": len(told),
                    "created_at": stamp(at),
                },
            )
            text_ = f"{headline_for.format(label)}: {title}"[:300]
            for user_id in sorted(told):
                read = at + rng.randint(HOUR, 20 * DAY)
                loader.add(
                    Notice.__table__,
                    {
                        "id": next_id("notice"),
                        "user_id": user_id,
                        "idea_id": number,
                        "text": text_,
                        "created_at": stamp(at),
                        "read_at": stamp(read) if read < now and rng.random() < 0.8 else None,
                    },
                )
        comments = 0
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 6)):
                reading = tagger(rng.choice(IDEA_COMMENTS))
                at = rng.randint(posted + 60, now - 1)
                comments += 1
                loader.add(
                    IdeaComment.__table__,
                    {
                        "id": next_id("comment"),
                        "idea_id": number,
                        "author_id": people.first_customer_id + rng.randrange(settings.customers),
                        "body": reading.body,
                        "official": False,
                        "created_at": stamp(at),
                        "sentiment_label": reading.label,
                        "sentiment_polarity": reading.polarity,
                    },
                )
            if path and rng.random() < 0.4:
                comments += 1
                loader.add(
                    IdeaComment.__table__,
                    {
                        "id": next_id("comment"),
                        "idea_id": number,
                        "author_id": rng.choice(staff).id,
                        "body": rng.choice(IDEA_OFFICIAL),
                        "official": True,
                        "created_at": stamp(rng.randint(turn, now - 1)),
                        "sentiment_label": None,
                        "sentiment_polarity": None,
                    },
                )
        merged_into = None
        if number in merged and open_ideas:
            # Its votes moved to the idea kept (the author's too); the author is told.
            merged_into = rng.choice(open_ideas)
            at = rng.randint(posted + HOUR, now - 1)
            loader.add(
                IdeaStatusChange.__table__,
                {
                    "id": next_id("change"),
                    "idea_id": number,
                    "actor_id": staff[0].id,
                    "old": "new",
                    "new": "merged",
                    "note": f"Merged into #{merged_into} “{titles[merged_into]}”: votes and "
                    "follow-ups continue there.",
                    "told": 1,
                    "created_at": stamp(at),
                },
            )
            loader.add(
                Notice.__table__,
                {
                    "id": next_id("notice"),
                    "user_id": author_id,
                    "idea_id": number,
                    "text": f"The idea you voted for was merged: {title}"[:300],
                    "created_at": stamp(at),
                    "read_at": None,
                },
            )
        elif number in merged:
            voters = [(posted, author_id)]  # nothing to merge into yet: it stays
            loader.add(
                Vote.__table__,
                {
                    "id": next_id("vote"),
                    "idea_id": number,
                    "user_id": author_id,
                    "created_at": stamp(posted),
                },
            )
        elif status not in ("done", "declined"):
            open_ideas.append(number)
        titles[number] = title
        html = html_cache.get(body)
        if html is None:
            html = html_cache[body] = markup.render(body, markup.GUIDANCE)
        reading = tagger(f"{title}. {body}")
        loader.add(
            Idea.__table__,
            {
                "id": number,
                "title": title,
                "body_markdown": body,
                "body_html": html,
                "body_text": markup.plain_text(html),
                "author_id": author_id,
                "category_id": category_ids[category],
                "status": status,
                "merged_into_id": merged_into,
                "vote_count": len(voters),
                "comment_count": comments,
                "ticket_count": 0,
                "created_at": stamp(posted),
                "reviewed_at": stamp(moments[0]) if moments else None,
                "status_changed_at": stamp(moments[-1]) if moments else None,
                "done_at": stamp(moments[-1]) if status == "done" else None,
                "sentiment_label": reading.label,
                "sentiment_polarity": reading.polarity,
            },
        )
        progress.advance(1)
        if len(loader) > 50_000:
            loader.flush()
    loader.flush()
    progress.finish()


# --- Main ---------------------------------------------------------------------------------

COUNTED = (
    "users", "categories", "tickets", "messages", "ticket_events", "ticket_tags",
    "survey_invitations", "survey_responses", "recoveries", "check_ins", "articles",
    "article_feedback", "ideas", "idea_votes", "idea_comments", "idea_status_changes", "notices",
)  # fmt: skip


def row_counts(connection: Connection) -> dict[str, int]:
    """How many rows the filled tables hold."""
    tables = {table.name: table for table in db.metadata.sorted_tables}
    return {
        name: connection.execute(select(func.count()).select_from(tables[name])).scalar_one()
        for name in COUNTED
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Generate the database the command line asks for and print what is in it."""
    settings = parse_arguments(argv)
    began = time.perf_counter()
    now = int(settings.now.timestamp())
    start = now - settings.days * DAY
    say(
        f"Generating {settings.tickets:,} tickets (seed {settings.seed}, "
        f"{settings.days} days to {settings.now:%Y-%m-%d %H:%M} UTC) into "
        f"{make_url(settings.url).render_as_string(hide_password=True)}"
    )
    prepare_database(settings)
    app = create_app({"SQLALCHEMY_DATABASE_URI": settings.url, "SECRET_KEY": "bench"})

    def streams(name: str) -> random.Random:
        return random.Random(f"{settings.seed}:{name}")

    with app.app_context():
        stage = time.perf_counter()
        upgrade(directory=resource_dir("migrations"), revision="heads")
        from helpdesk.playbooks import service as playbooks

        playbooks.sync(resource_dir("playbooks"))
        db.session.commit()
        db.engine.dispose()
        say(f"  schema     migrated, playbooks synced in {duration(time.perf_counter() - stage)}")
        stage = time.perf_counter()
        tagger = Tagger()
        pool = thread_pool(streams("texts"), tagger)
        say(
            f"  texts      {sum(len(threads) for threads in pool.values()):,} conversations, "
            f"{len(tagger.cache):,} texts tagged in {duration(time.perf_counter() - stage)}"
        )
        with db.engine.connect() as connection:
            triggers = start_loading(connection)
            loader = Loader(connection)
            stage = time.perf_counter()
            people = make_people(loader, settings, streams("people"), start)
            catalogue = make_catalogue(connection, settings.now)
            say(
                f"  people     {settings.agents + 2 + settings.customers:,} users and "
                f"{len(catalogue.category_ids)} categories in "
                f"{duration(time.perf_counter() - stage)}"
            )
            make_articles(loader, settings, streams("articles"), people, catalogue, start)
            writer = TicketWriter(
                settings, app.config, people, catalogue, pool, tagger, streams("tickets"), start
            )
            stats = make_tickets(connection, writer, settings, streams("timeline"), start)
            if settings.ideas:
                make_ideas(loader, settings, streams("ideas"), people, start, tagger)
            stage = time.perf_counter()
            finish_loading(connection, triggers)
            what = "search indexes rebuilt, " if triggers else ""
            say(f"  finish     {what}ANALYZE in {duration(time.perf_counter() - stage)}")
            counts = row_counts(connection)
        db.engine.dispose()
    resolved = stats["resolved"]
    url = make_url(settings.url)
    size = ""
    if url.get_backend_name() == "sqlite":
        size = f", {Path(url.database).stat().st_size / 2**20:,.0f} MiB"
    say("")
    say(f"Done in {duration(time.perf_counter() - began)}{size}. Rows:")
    for name, count in counts.items():
        say(f"  {name:<20} {count:>12,}")
    if resolved:
        say(
            f"Resolved or closed tickets: {resolved:,}; reopened "
            f"{stats['reopened'] / resolved:.1%}, surveyed {stats['answered'] / resolved:.1%}."
        )
    say(f"Sign in as agent@bench.example (or supervisor@, admin@, customer@) with {PASSWORD}.")


if __name__ == "__main__":
    main()
