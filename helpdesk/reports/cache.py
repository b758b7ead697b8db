"""Reports computed once per state of the data, and never waited for long.

A report reads many tables; recomputing it for every view of the dashboard costs seconds on a
large helpdesk. Instead, a fingerprint of cheap, indexed values (the newest row and the latest
change of each table a report reads, and how many check-ins are due by now) tells whether
anything the report depends on changed; if not, the report computed last time is served. The
computed report lives in the database, so several workers and instances share it and see the
same fingerprint. Writes need no hook: they add rows or move a timestamp forward. Entries also
expire after HELPDESK_REPORTS_CACHE_SECONDS, for what no fingerprint sees (a vote taken back,
two changes within the same microsecond).

When the data has changed, the report is computed again in a thread of the worker, and the
request waits for it up to HELPDESK_REPORTS_WAIT_SECONDS. A report added up from its days
(reports/rollups.py) is ready well within that and is shown fresh; the first count of the days
(for the whole team, or under a report's cuts) takes seconds on a large helpdesk, so the page
shows the figures computed last (saying when) and the newer ones replace them once ready.
One computation of a report runs at a time: in a worker, whoever asks for it meanwhile waits
for the same computation; across workers, the one that claimed the report (a row in
report_claims) computes it and the others show what they have. The computing thread runs at
the lowest CPU priority, so the pages being served go first.
"""

import hashlib
import logging
import os
import pickle
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as StillComputing
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cache, cached_property

from flask import Flask, current_app
from sqlalchemy import Select, bindparam, delete, func, select
from sqlalchemy.orm import Session

from helpdesk.extensions import db
from helpdesk.ideas.models import Idea, IdeaStatusChange
from helpdesk.kb.models import Article, ArticleFeedback, Suggestion
from helpdesk.playbooks.models import CheckIn, PlaybookRun
from helpdesk.reports import metrics, rollups
from helpdesk.reports.models import ReportCache, ReportClaim
from helpdesk.sql import insert_for
from helpdesk.surveys.models import SurveyInvitation, SurveyResponse
from helpdesk.tickets.models import Message, Ticket

log = logging.getLogger(__name__)

# Bump when the Report's shape changes, so old pickles are never read.
FORMAT = "report-v1"

# A claim this old is taken over: its worker died computing (a year at a million tickets
# takes seconds, not minutes).
CLAIM_SECONDS = 600


@dataclass(frozen=True)
class Served:
    """What the dashboard shows: a report (none while the first one is being computed), a
    stamp naming its computation (under which what is drawn from it can be kept; None when
    reports are not cached), when it was computed, and whether newer figures are on the way.
    A kept report is unpickled only when asked for: a page whose drawing is kept needs none."""

    stamp: str | None
    computed_at: datetime | None
    refreshing: bool = False
    fingerprint: str | None = None  # the state of the data it was computed for
    computed: metrics.Report | None = field(default=None, repr=False)
    payload: bytes | None = field(default=None, repr=False)

    @property
    def ready(self) -> bool:
        return self.computed is not None or self.payload is not None

    @cached_property
    def report(self) -> metrics.Report | None:
        if self.payload is None:
            return self.computed
        return pickle.loads(self.payload)  # noqa: S301 (written by this app)


@cache
def _fingerprint_statement() -> Select:
    """The fingerprint's one statement, built once: each view runs it with its own `now`."""
    return select(
        *(
            select(aggregate).scalar_subquery()
            for aggregate in (
                func.max(Ticket.id),
                func.max(Ticket.updated_at),
                func.max(Message.id),
                func.max(Message.corrected_at),
                func.max(SurveyInvitation.id),
                func.max(SurveyInvitation.sent_at),
                func.max(SurveyResponse.id),
                func.max(CheckIn.id),
                func.max(CheckIn.done_at),
                func.max(PlaybookRun.id),
                func.max(PlaybookRun.completed_at),
                func.max(Idea.id),
                func.max(Idea.status_changed_at),
                func.sum(Idea.vote_count),
                func.max(IdeaStatusChange.id),
                func.max(Article.updated_at),
                func.sum(Article.view_count),
                func.max(ArticleFeedback.id),
                func.max(Suggestion.id),
                func.max(Suggestion.opened_at),
            )
        ),
        select(func.count())
        .where(CheckIn.due_at <= bindparam("now", type_=CheckIn.due_at.type))
        .scalar_subquery(),
    )


def _fingerprint(session: Session, now) -> str:
    values = session.execute(_fingerprint_statement(), {"now": now}).one()
    return hashlib.sha256(repr((FORMAT, *values)).encode()).hexdigest()


def _key(f: metrics.Filter) -> str:
    # Everything but `now`: the same period and cuts asked again are the same report.
    cut = (f.start, f.end, f.agent_id, f.category_id, f.priority, f.channel, f.sentiment)
    return hashlib.sha256(repr((FORMAT, cut)).encode()).hexdigest()


def _stamp(key: str, fingerprint: str, computed_at: datetime) -> str:
    return f"{key}:{fingerprint}:{computed_at.isoformat()}"


def report(f: metrics.Filter, session: Session) -> Served:
    """The report for the filter: the one computed before if the data has not changed since;
    else computed now, waited for up to REPORTS_WAIT_SECONDS; past that, the one computed
    before (or none, the first time) while the computation goes on."""
    config = current_app.config
    lifetime = config["REPORTS_CACHE_SECONDS"]
    if lifetime <= 0:
        return Served(None, f.now, computed=rollups.report(f, session))
    kept, fresh, computing, fingerprint = _look(f, session)
    if fresh:
        return _served(kept)
    if computing is not None:  # else another worker computes it
        try:
            served = computing.result(timeout=config["REPORTS_WAIT_SECONDS"])
            # A computation begun before a later write is waited for, but not shown as current.
            return served if served.fingerprint == fingerprint else replace(served, refreshing=True)
        except StillComputing:
            if computing.done():
                raise  # the computation's own TimeoutError (the same class since 3.11)
    if kept is None:
        return Served(None, None, refreshing=True)
    return _served(kept, refreshing=True)


def warm(f: metrics.Filter, session: Session) -> str:
    """Compute and keep the report for the filter now, whatever it takes, so the next view
    finds it ready: "computed", "kept" (unchanged since it was computed), or "computing
    elsewhere" (another worker claimed it)."""
    _kept, fresh, computing, _fingerprint = _look(f, session)
    if fresh:
        return "kept"
    if computing is None:
        return "computing elsewhere"
    computing.result()
    return "computed"


def _look(
    f: metrics.Filter, session: Session
) -> tuple[ReportCache | None, bool, Future | None, str]:
    """The report kept for the filter, whether it was computed for this state of the data,
    and if not, the computation of a new one (None when another worker is computing it);
    and this state's fingerprint."""
    key = _key(f)
    fingerprint = _fingerprint(session, f.now)
    kept = session.get(ReportCache, key, populate_existing=True)
    if _fresh(kept, fingerprint, f.now):
        return kept, True, None, fingerprint
    app = current_app._get_current_object()
    return kept, False, _computing(app, key, fingerprint, f), fingerprint


def _fresh(kept: ReportCache | None, fingerprint: str, now: datetime) -> bool:
    """Whether the kept report was computed for this state of the data, lately."""
    lifetime = timedelta(seconds=current_app.config["REPORTS_CACHE_SECONDS"])
    return (
        kept is not None and kept.fingerprint == fingerprint and now - kept.computed_at < lifetime
    )


def _served(kept: ReportCache, refreshing: bool = False) -> Served:
    stamp = _stamp(kept.key, kept.fingerprint, kept.computed_at)
    return Served(
        stamp, kept.computed_at, refreshing, fingerprint=kept.fingerprint, payload=kept.payload
    )


# One thread computes this worker's reports, one at a time (a report is seconds of CPU on a
# large helpdesk; two side by side would only slow each other and the pages being served).
_executor: ThreadPoolExecutor | None = None
_running: dict[str, Future] = {}
_lock = threading.Lock()


def _computing(app: Flask, key: str, fingerprint: str, f: metrics.Filter) -> Future | None:
    """The computation of this report running or queued in this worker, or a new one (one
    started before a later change is still waited for: the next view computes again); None
    when another worker is computing it."""
    global _executor
    with _lock:
        running = _running.get(key)
        if running is not None and not running.done():
            return running
        if not _claim(key, f.now):
            return None
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reports")
        started = _executor.submit(_compute, app, key, fingerprint, f)
        _running[key] = started
    # Outside the lock: a computation done already calls _forget here, which takes the lock.
    started.add_done_callback(lambda done: _forget(key, done))
    return started


def _forget(key: str, done: Future) -> None:
    with _lock:
        if _running.get(key) is done:
            del _running[key]
    if done.exception() is not None:
        log.error("A report could not be computed", exc_info=done.exception())


def _claim(key: str, now: datetime) -> bool:
    """Claim the computation of a report for this worker: True unless another worker claimed
    it lately. Written on a connection of its own, committed at once; a claim held by another
    worker is seen by a read first, so the views that find one write nothing."""
    row = {"key": key, "since": now}
    taken_over = now - timedelta(seconds=CLAIM_SECONDS)
    with db.engine.begin() as connection:
        held = select(ReportClaim.key).where(
            ReportClaim.key == key, ReportClaim.since >= taken_over
        )
        if connection.execute(held).first() is not None:
            return False
        claimed = connection.execute(
            insert_for(connection.dialect.name, ReportClaim)
            .values(**row)
            .on_conflict_do_update(
                index_elements=["key"],
                set_={"since": now},
                where=ReportClaim.since < taken_over,
            )
            .returning(ReportClaim.key)  # a row when inserted or taken over, none when refused
        )
        return claimed.first() is not None


def _at_lowest_priority(app: Flask, f: metrics.Filter) -> metrics.Report:
    """The report, computed by a thread of its own at the lowest CPU priority, so the pages
    being served go first (Linux sets a thread's priority by its id; elsewhere it keeps the
    process's). A thread cannot raise its priority again, so it writes little: the days it
    computes again (short transactions, a month of days each), while the write that keeps
    the report is left to the normal-priority thread."""
    found: dict = {}

    def compute() -> None:
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        except (AttributeError, OSError):
            pass
        with app.app_context():
            try:
                found["report"] = rollups.report(f, db.session)
            except BaseException as error:  # raised again in the thread that waits
                found["error"] = error
            finally:
                db.session.remove()

    thread = threading.Thread(target=compute, name="reports-compute", daemon=True)
    thread.start()
    thread.join()
    if "error" in found:
        raise found["error"]
    return found["report"]


def _compute(app: Flask, key: str, fingerprint: str, f: metrics.Filter) -> Served:
    with app.app_context():
        session = db.session
        mine = delete(ReportClaim).where(ReportClaim.key == key, ReportClaim.since == f.now)
        try:
            # Another worker may have kept this state of the data since the view looked.
            kept = session.get(ReportCache, key)
            if _fresh(kept, fingerprint, f.now):
                session.execute(mine)
                session.commit()
                return _served(kept)
            computed = _at_lowest_priority(app, f)
            row = {
                "key": key,
                "fingerprint": fingerprint,
                "payload": pickle.dumps(computed),
                "computed_at": f.now,
            }
            session.execute(
                insert_for(session.get_bind().dialect.name, ReportCache)
                .values(**row)
                .on_conflict_do_update(index_elements=["key"], set_=row)
            )
            session.execute(mine)  # the claim goes in the same transaction as the report
            session.commit()
        except BaseException:
            session.rollback()
            try:
                session.execute(mine)
                session.commit()
            except Exception:  # the claim lapses after CLAIM_SECONDS instead
                log.exception("A report's claim could not be released")
            raise
        finally:
            db.session.remove()
    stamp = _stamp(key, fingerprint, f.now)
    return Served(stamp, f.now, fingerprint=fingerprint, computed=computed)


def settle(timeout: float | None = None) -> None:
    """Wait until the reports being computed in this worker are done (for tests and tools)."""
    with _lock:
        running = list(_running.values())
    wait_for(running, timeout=timeout)
