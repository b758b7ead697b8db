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
- The number is read before the signed-in user is loaded, so a page drawn for someone whose
  role was just changed is kept under the number that change left, never under an older one;
  and who may see the page is checked on every request, kept or not (`@allow` runs first).
- Pages are kept per signed-in user and full address (path and query string), in each worker
  process, for the newest number and minute only, within HELPDESK_PAGE_CACHE_MB.
- Only a GET answered 200 with HTML and no flashed message is kept, and a page is drawn
  whenever the session holds a message to flash. What must differ on every sending is put
  back fresh: the CSRF token (this session's) and one-time keys (`one_time_key()`).
- Counters of readers (an article's views, the suggestions a new-ticket form was shown) are
  written `UNCOUNTED`: lists and figures built on them may be up to a minute behind, so that
  a busy help centre's readers do not redraw every agent's pages.

Views opt in with `@kept`, below their `@allow`: only views whose page depends on nothing but
the user, the address, the data and the clock's minute (a view that counts its readers, such
as an article, writes on GET and must not be kept); a view calls `not_kept()` for a page
that must not be sent again (the reports while their figures are being computed).
"""

import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from flask import Flask, current_app, g, make_response, request, session
from flask.globals import request_ctx
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import BigInteger, Integer, event, inspect, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from helpdesk import clock
from helpdesk.database import Base
from helpdesk.extensions import db

log = logging.getLogger(__name__)


class DataVersion(Base):
    """One row, id 1: moved by every transaction that writes (see the module's docstring)."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


# Tables whose writes change no page that is kept: caches of the reports (their page is kept
# only with figures the report cache calls current) and this number itself.
CACHE_TABLES = frozenset(
    {"data_version", "report_cache", "report_claims", "report_days", "report_day_marks"}
)
# An execution option: a statement (or a whole connection) given it moves no number. For
# counters of readers, and for the migrations (the table may not exist yet, or no longer).
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
_READ = "helpdesk.data_version"  # (number, when it was read) in the request's WSGI environ


def _noted(connection: Connection, cursor, statement: str, parameters, context, *_args) -> None:
    """Note a statement that writes to a table pages show."""
    if connection.info.get(_WROTE) or statement.lstrip()[:9].upper().startswith(_READS):
        return
    if context is not None and context.execution_options.get(UNCOUNTED):
        return
    target = _TARGET.match(statement)
    if target is not None and target[1].lower() in CACHE_TABLES:
        return
    connection.info[_WROTE] = True  # anything else (WITH, DDL) counts, to be safe


def _committing(connection: Connection) -> None:
    """Move the number inside the transaction, just before SQLAlchemy sends COMMIT."""
    if connection.info.pop(_WROTE, False) and not connection.get_execution_options().get(UNCOUNTED):
        connection.exec_driver_sql(_MOVE.format(secrets.randbits(62)))


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


def _read_first() -> None:
    """First of all on a request for a kept page (init_app puts it before every other hook):
    read the number, so the user, loaded after it, is at least as new as it."""
    view = current_app.view_functions.get(request.endpoint or "")
    if (
        request.method != "GET"
        or not getattr(view, "kept_page", False)
        or "page_cache" not in current_app.extensions
    ):
        return
    request.environ[_READ] = (data_version(), time.monotonic())


def not_kept() -> None:
    """Draw this request's page for this request only (it shows figures still being worked
    out, which change without a write)."""
    g.page_not_kept = True


def one_time_key() -> str:
    """A fresh random key for a form (a submission key), made again each time a kept page
    holding it is sent."""
    key = secrets.token_urlsafe(16)
    if "one_time_keys" in g:
        g.one_time_keys.append(key)
    return key


CSRF = 0  # in KeptPage.fresh: this session's CSRF token


@dataclass(frozen=True)
class KeptPage:
    """A drawn page, cut where its per-sending values go: parts[0] fresh parts[1] fresh ..."""

    parts: tuple[bytes, ...]
    fresh: tuple[int, ...]  # between each two parts: CSRF (0), or one-time key number n > 0
    content_type: str

    @property
    def size(self) -> int:
        return sum(len(part) for part in self.parts)

    def sent(self) -> bytes:
        values = {
            slot: generate_csrf().encode() if slot == CSRF else secrets.token_urlsafe(16).encode()
            for slot in set(self.fresh)
        }  # one fresh value for each value drawn, wherever the page repeats it
        body = [self.parts[0]]
        for slot, part in zip(self.fresh, self.parts[1:], strict=True):
            body.append(values[slot])
            body.append(part)
        return b"".join(body)


def _kept(body: bytes, content_type: str) -> KeptPage:
    keys = g.get("one_time_keys", ())
    fresh = {key.encode(): number for number, key in enumerate(keys, start=1)}
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if token:
        fresh[token.encode()] = CSRF
    if not fresh:
        return KeptPage((body,), (), content_type)
    pieces = re.split(b"(" + b"|".join(map(re.escape, fresh)) + b")", body)
    kinds = tuple(fresh[value] for value in pieces[1::2])
    return KeptPage(tuple(pieces[0::2]), kinds, content_type)


class PageStore:
    """One worker's kept pages for one generation (data version, minute), least recently
    used first out past `max_bytes` (the pages' bytes and their addresses')."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._generation: tuple | None = None
        self._read_at = float("-inf")  # when the request that began this generation read it
        self._pages: OrderedDict[tuple, tuple[KeptPage, int]] = OrderedDict()
        self._bytes = 0

    def get(self, generation: tuple, key: tuple) -> KeptPage | None:
        with self._lock:
            if generation != self._generation or key not in self._pages:
                return None
            self._pages.move_to_end(key)
            return self._pages[key][0]

    def put(self, generation: tuple, read_at: float, key: tuple, page: KeptPage) -> None:
        size = page.size + len(key[1])
        if size > self.max_bytes:
            return
        with self._lock:
            if generation != self._generation:
                if read_at < self._read_at:
                    return  # a slow request's page, of an older generation than the store's
                self._generation, self._read_at = generation, read_at
                self._pages, self._bytes = OrderedDict(), 0  # a write or a new minute
            _old, old_size = self._pages.pop(key, (None, 0))
            self._pages[key] = (page, size)
            self._bytes += size - old_size
            while self._bytes > self.max_bytes:
                _, (_evicted, evicted_size) = self._pages.popitem(last=False)
                self._bytes -= evicted_size


def kept(view: Callable) -> Callable:
    """Send the view's page as drawn before while nothing was written since (see above).
    Goes below `@allow`."""

    @wraps(view)
    def serve(*args, **kwargs):
        store: PageStore | None = current_app.extensions.get("page_cache")
        version, read_at = request.environ.get(_READ, (None, 0.0))
        if store is None or version is None or session.get("_flashes"):
            return view(*args, **kwargs)
        now = clock.now()
        generation = (version, now.date(), now.hour, now.minute)
        key = (current_user.id if current_user.is_authenticated else None, request.full_path)
        page = store.get(generation, key)
        if page is not None:
            return current_app.response_class(page.sent(), content_type=page.content_type)
        g.one_time_keys, g.page_not_kept = [], False  # one_time_key() records from here
        response = make_response(view(*args, **kwargs))
        if (
            response.status_code == 200
            and response.mimetype == "text/html"
            and not response.is_streamed
            and not request_ctx.flashes  # shown on this page
            and not session.get("_flashes")  # left for the next
            and not g.page_not_kept
        ):
            page = _kept(response.get_data(), response.content_type)
            store.put(generation, read_at, key, page)
        return response

    serve.kept_page = True
    return serve


def init_app(app: Flask) -> None:
    """Count writes on the app's engine, read the number first on requests for kept pages,
    and give the app its store (none when the setting is 0). A database not migrated to
    have the number's table gets none of it, rather than failing every write."""
    try:
        migrated = inspect(db.engine).has_table("data_version")
    except SQLAlchemyError:  # not reachable now: it will be, migrated as the code expects
        migrated = True
    finally:
        db.engine.dispose()  # no connection made here may reach a worker forked from this process
    if not migrated:
        log.info("no data_version table (run `flask db upgrade`): pages are not kept")
        return
    count_writes(db.engine)
    app.before_request_funcs.setdefault(None, []).insert(0, _read_first)
    megabytes = app.config["PAGE_CACHE_MB"]
    if megabytes > 0:
        app.extensions["page_cache"] = PageStore(int(megabytes * 1024 * 1024))
