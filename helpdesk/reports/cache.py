"""Reports computed once per state of the data.

A report reads many tables; recomputing it for every view of the dashboard costs seconds on a
large helpdesk. Instead, a fingerprint of cheap, indexed values (the newest row and the latest
change of each table a report reads, and how many check-ins are due by now) tells whether
anything the report depends on changed; if not, the report computed last time is served. The
computed report lives in the database, so several workers and instances share it and see the
same fingerprint. Writes need no hook: they add rows or move a timestamp forward. Entries also
expire after HELPDESK_REPORTS_CACHE_SECONDS, for what no fingerprint sees (a vote taken back,
two changes within the same microsecond).

A cold report of a year takes seconds; when several supervisors ask for it at once, one thread
of a worker computes it while the worker's other threads asking for the same report wait for
its result, instead of all computing it side by side and starving every other page.
"""

import hashlib
import pickle
import threading
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from helpdesk.ideas.models import Idea, IdeaStatusChange
from helpdesk.kb.models import Article, ArticleFeedback, Suggestion
from helpdesk.playbooks.models import CheckIn, PlaybookRun
from helpdesk.reports import metrics
from helpdesk.reports.models import ReportCache
from helpdesk.surveys.models import SurveyInvitation, SurveyResponse
from helpdesk.tickets.models import Message, Ticket

# Bump when the Report's shape changes, so old pickles are never read.
FORMAT = "report-v1"

# One computation at a time per report in this process (a fixed pool: reports share a lock
# only when their keys collide, which merely queues them).
_COMPUTING = tuple(threading.Lock() for _ in range(64))


def _fingerprint(session: Session, now) -> str:
    values = session.execute(
        select(
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
            select(func.count()).where(CheckIn.due_at <= now).scalar_subquery(),
        )
    ).one()
    return hashlib.sha256(repr((FORMAT, *values)).encode()).hexdigest()


def _key(f: metrics.Filter) -> str:
    # Everything but `now`: the same period and cuts asked again are the same report.
    cut = (f.start, f.end, f.agent_id, f.category_id, f.priority, f.channel, f.sentiment)
    return hashlib.sha256(repr((FORMAT, cut)).encode()).hexdigest()


def report(f: metrics.Filter, session: Session) -> tuple[metrics.Report, str | None]:
    """The report for the filter: the one computed before if the data has not changed since,
    else computed now (and kept); and a stamp naming that computation (None when reports are
    not cached), under which what is drawn from the report can be kept too."""
    lifetime = current_app.config["REPORTS_CACHE_SECONDS"]
    if lifetime <= 0:
        return metrics.report(f, session), None
    key = _key(f)
    kept = _fresh(session, key, _fingerprint(session, f.now), f.now, lifetime)
    if kept is not None:
        return kept
    with _COMPUTING[int(key[:8], 16) % len(_COMPUTING)]:
        # Another thread may have computed it while this one waited.
        fingerprint = _fingerprint(session, f.now)
        kept = _fresh(session, key, fingerprint, f.now, lifetime)
        if kept is not None:
            return kept
        computed = metrics.report(f, session)
        row = {
            "key": key,
            "fingerprint": fingerprint,
            "payload": pickle.dumps(computed),
            "computed_at": f.now,
        }
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(
            insert(ReportCache)
            .values(**row)
            .on_conflict_do_update(index_elements=["key"], set_=row)
        )
        session.commit()
    return computed, f"{key}:{fingerprint}:{f.now.isoformat()}"


def _fresh(
    session: Session, key: str, fingerprint: str, now, lifetime: int
) -> tuple[metrics.Report, str] | None:
    """The kept report and its stamp, if it was computed for this state of the data lately."""
    kept = session.get(ReportCache, key, populate_existing=True)
    if (
        kept is None
        or kept.fingerprint != fingerprint
        or now - kept.computed_at >= timedelta(seconds=lifetime)
    ):
        return None
    stamp = f"{key}:{fingerprint}:{kept.computed_at.isoformat()}"
    return pickle.loads(kept.payload), stamp  # noqa: S301 (written by this app)
