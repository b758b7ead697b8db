"""Pages kept as drawn while the data under them is unchanged.

An agent who opens the queue again, a ticket again or the same search is sent the page drawn
the first time, without its queries or its templates, until something is written to the
database or the minute ends. How it stays right:

- Every transaction that writes a row changes one number, `data_version.value`, to a new
  random one as its last statement before COMMIT. An engine hook sees each INSERT, UPDATE
  and DELETE, from the ORM, Core or text alike, so no write can go around it. Tables that
  only keep caches (the reports' results and day counts) leave the number alone.
- A request reads the number first and keeps its page under it and under the minute: a
  write in any worker is seen by every worker at its next request, and a page that shows
  time left ("2 h left", check-ins due) is drawn again each minute.
- Pages are kept per signed-in user and full address (path and query string), in each worker
  process, for the newest number and minute only, within HELPDESK_PAGE_CACHE_MB.
- Only a GET answered 200 with HTML and no flashed message is kept, and a page is drawn
  whenever the session holds a message to flash. What must differ on every sending is put
  back fresh: the CSRF token (this session's) and one-time keys (`one_time_key()`).

Views opt in with `@kept`, below their `@allow`: only views whose page depends on nothing but
the user, the address, the data and the clock's minute (a view that counts its readers, such
as an article, writes on GET and must not be kept).
"""

import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from flask import Flask, current_app, g, make_response, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import BigInteger, Integer, event, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Mapped, mapped_column

from helpdesk import clock
from helpdesk.database import Base
from helpdesk.extensions import db


class DataVersion(Base):
    """One row, id 1: moved by every transaction that writes (see the module's docstring)."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


# Tables whose writes change no page that is kept: caches of the reports (the reports page
# is not kept; it has its own cache, invalidated by the day marks) and this number itself.
CACHE_TABLES = frozenset(
    {"data_version", "report_cache", "report_claims", "report_days", "report_day_marks"}
)
# A connection given this execution option moves no number (the migrations: the table may
# not exist yet, or no longer).
UNCOUNTED = "helpdesk_uncounted"

_WROTE = "helpdesk_wrote"
_READS = ("SELECT", "PRAGMA", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "SHOW", "EXPLAIN")
_TARGET = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+\"?(\w+)",
    re.IGNORECASE,
)
# A random number rather than a count: a database restored from a backup, or emptied and
# filled again, never comes back to a number some worker kept pages under.
_MOVE = "UPDATE data_version SET value = {}"


def _noted(connection: Connection, cursor, statement: str, *_args) -> None:
    """Note a statement that writes to a table pages show."""
    if connection.info.get(_WROTE) or statement.lstrip()[:9].upper().startswith(_READS):
        return
    target = _TARGET.match(statement)
    if target is not None and target[1].lower() in CACHE_TABLES:
        return
    connection.info[_WROTE] = True  # anything else (WITH, DDL) counts, to be safe


def _committing(connection: Connection) -> None:
    """Move the number inside the transaction, just before SQLAlchemy sends COMMIT."""
    if not connection.info.pop(_WROTE, False):
        return
    if connection.get_execution_options().get(UNCOUNTED):
        return
    cursor = connection.connection.cursor()  # the driver's own: past these hooks, same transaction
    try:
        cursor.execute(_MOVE.format(secrets.randbits(62)))
    finally:
        cursor.close()


def _forget(connection: Connection) -> None:
    connection.info.pop(_WROTE, None)


def count_writes(engine: Engine) -> None:
    """Have every writing transaction on `engine` move the data version."""
    event.listen(engine, "before_cursor_execute", _noted)
    event.listen(engine, "commit", _committing)
    event.listen(engine, "rollback", _forget)


def data_version() -> int | None:
    """The number the last write left (None without its row: then no page is kept)."""
    return db.session.scalar(select(DataVersion.value).where(DataVersion.id == 1))


def one_time_key() -> str:
    """A fresh random key for a form (a submission key), made again each time a kept page
    holding it is sent."""
    key = secrets.token_urlsafe(16)
    if "one_time_keys" in g:
        g.one_time_keys.append(key)
    return key


@dataclass(frozen=True)
class KeptPage:
    """A drawn page, cut where its per-sending values go: parts[0] fresh parts[1] fresh ..."""

    parts: tuple[str, ...]
    fresh: tuple[str, ...]  # "csrf" or "key", one between each two parts
    content_type: str

    @property
    def size(self) -> int:
        return sum(len(part) for part in self.parts)

    def sent(self) -> str:
        values = {"csrf": generate_csrf() if "csrf" in self.fresh else ""}
        text = [self.parts[0]]
        for kind, part in zip(self.fresh, self.parts[1:], strict=True):
            text.append(values["csrf"] if kind == "csrf" else secrets.token_urlsafe(16))
            text.append(part)
        return "".join(text)


def _kept(body: str, content_type: str) -> KeptPage:
    fresh = {key: "key" for key in g.get("one_time_keys", ())}
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if token:
        fresh[token] = "csrf"
    if not fresh:
        return KeptPage((body,), (), content_type)
    pieces = re.split("(" + "|".join(map(re.escape, fresh)) + ")", body)
    kinds = tuple(fresh[value] for value in pieces[1::2])
    return KeptPage(tuple(pieces[0::2]), kinds, content_type)


class PageStore:
    """One worker's kept pages for one generation (data version, minute), least recently
    used first out past `max_bytes`."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._generation: tuple | None = None
        self._pages: OrderedDict[tuple, KeptPage] = OrderedDict()
        self._bytes = 0

    def get(self, generation: tuple, key: tuple) -> KeptPage | None:
        with self._lock:
            if generation != self._generation:
                return None
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, generation: tuple, key: tuple, page: KeptPage) -> None:
        if page.size > self.max_bytes:
            return
        with self._lock:
            if generation != self._generation:  # a write or a new minute: the rest is stale
                self._generation, self._pages, self._bytes = generation, OrderedDict(), 0
            old = self._pages.pop(key, None)
            self._bytes += page.size - (old.size if old else 0)
            self._pages[key] = page
            while self._bytes > self.max_bytes:
                _, evicted = self._pages.popitem(last=False)
                self._bytes -= evicted.size


def kept(view: Callable) -> Callable:
    """Send the view's page as drawn before while nothing was written since (see above)."""

    @wraps(view)
    def serve(*args, **kwargs):
        store: PageStore | None = current_app.extensions.get("page_cache")
        if store is None or request.method != "GET" or session.get("_flashes"):
            return view(*args, **kwargs)
        version = data_version()
        if version is None:
            return view(*args, **kwargs)
        now = clock.now()
        generation = (version, now.date(), now.hour, now.minute)
        user = current_user.id if current_user.is_authenticated else None
        key = (user, request.full_path)
        page = store.get(generation, key)
        if page is not None:
            return current_app.response_class(page.sent(), content_type=page.content_type)
        g.one_time_keys = []  # (g can outlive a request: tests keep one app context)
        response = make_response(view(*args, **kwargs))
        if (
            response.status_code == 200
            and response.mimetype == "text/html"
            and not response.is_streamed
            and not session.get("_flashes")
        ):
            page = _kept(response.get_data(as_text=True), response.content_type)
            store.put(generation, key, page)
        return response

    return serve


def init_app(app: Flask) -> None:
    """Count writes on the app's engine and give the app its store (none when the setting is 0)."""
    count_writes(db.engine)
    megabytes = app.config["PAGE_CACHE_MB"]
    if megabytes > 0:
        app.extensions["page_cache"] = PageStore(int(megabytes * 1024 * 1024))
