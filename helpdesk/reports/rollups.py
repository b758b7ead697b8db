"""Reports added up from the days kept instead of read from every ticket.

A year's report over a million tickets is some forty passes over half a million rows: twelve
seconds or more. Most of it is the same for every report: what happened on each past day. So
each UTC day's figures are kept (day_counts.py), with every duration of the day, so that a
period's medians and percentiles are those of all its values, exactly as `metrics` takes them
(to the millisecond). A report of whole UTC days adds up its days: the whole team's, or those
counted under its cuts (an agent, a category...) the first time a report with those cuts is
asked for. A period that starts or ends within a day is read from the tickets by `metrics`.

A day's rows hold while nothing dated that day changes: a write moves the marks of the days it
touches (day_marks.py), and a report first counts again the days whose mark moved (after a
reply: today, and the ticket's first day), then adds up. Figures that depend on `now` or sit in
small tables (check-ins, KB, ideas, playbook runs, deflection) are read live, as `metrics`
reads them.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from helpdesk.reports import metrics
from helpdesk.reports.day_counts import COLUMNS, TEXTS, cut_key, refresh
from helpdesk.reports.day_marks import utc_day
from helpdesk.reports.metrics import MOODS, RESOLUTION_BANDS, Filter, Spread, Surveys, total
from helpdesk.reports.models import ReportDay
from helpdesk.sql import joined, percentiles_of
from helpdesk.tickets.models import Ticket


def applies(f: Filter) -> bool:
    """Whether the days answer for this filter: whole days, given in UTC."""
    return all(
        moment.utcoffset() == timedelta(0) and moment.time() == time()
        for moment in (f.start, f.end)
    )


def report(f: Filter, session: Session) -> metrics.Report:
    """The report for the filter: added up from the days when they answer for it, else
    computed from the tickets. Commits (the days computed again are kept)."""
    if not applies(f):
        return metrics.report(f, session)
    # From the first ticket's day, or the first day kept if earlier (its tickets are gone).
    first_ticket = session.scalar(select(func.min(Ticket.created_at)))
    first_kept = session.scalar(select(func.min(ReportDay.day)).where(ReportDay.cut == cut_key(f)))
    firsts = [day for day in (first_ticket and utc_day(first_ticket), first_kept) if day]
    if firsts:
        # A day written to while it was counted is not kept: count it again (a few times at
        # most; past that the writes come faster than the counts, so read the tickets).
        for _attempt in range(3):
            if not refresh(session, min(firsts), _last_day(f), f):
                break
        else:
            return metrics.report(f, session)
    return _Days(f, session).report()


def _last_day(f: Filter) -> date:
    return (f.end - timedelta(microseconds=1)).astimezone(UTC).date()


@dataclass
class _Sum:
    """Days' rows added up: counts summed, duration texts joined."""

    values: dict

    def __getattr__(self, name: str):
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def spread(self, count_name: str, text_name: str) -> Spread:
        return Spread(self.values[count_name], *percentiles_of(self.values[text_name], (0.5, 0.9)))

    def mean(self, total_name: str, count_name: str) -> float | None:
        count = self.values[count_name]
        return self.values[total_name] / count if count else None

    def scores(self) -> Surveys:
        return Surveys(
            self.answers,
            self.satisfied,
            self.nps_answers,
            self.promoters,
            self.detractors,
            self.ces_answers,
            self.mean("ces_total", "ces_answers"),
            self.invited,
            self.invitations_answered,
        )


def _added(rows: Iterable[Sequence]) -> _Sum:
    """Rows of ReportDay's columns (a Row or tuple each, in the table's order) added up."""
    columns = list(zip(*rows, strict=True)) or [()] * len(ReportDay.__table__.columns)
    values = {}
    for name, position in _POSITIONS.items():
        found = columns[position]
        values[name] = ",".join(text for text in found if text) if name in TEXTS else sum(found)
    return _Sum(values)


_POSITIONS = {
    column.name: position
    for position, column in enumerate(ReportDay.__table__.columns)
    if column.name in COLUMNS
}


class _Days:
    """One report added up from the days of its period and of the one before."""

    def __init__(self, f: Filter, session: Session) -> None:
        self.f, self.session = f, session
        before = f.previous()
        self.first, self.last = before.start.astimezone(UTC).date(), _last_day(f)
        self.cut = ReportDay.cut == cut_key(f)
        days = ReportDay.day.between(self.first, self.last)
        rows = session.execute(self._rows().where(self.cut, days))
        self.days: dict[tuple[str, int], dict[date, object]] = defaultdict(dict)
        for row in rows:
            self.days[(row.grain, row.key)][row.day] = row

    @staticmethod
    def _rows() -> Select:
        # Plain rows, not ReportDay objects: two years of days are thousands of them.
        grains = ReportDay.grain.in_(("all", "mood", "band", "cohort"))
        return select(*ReportDay.__table__.columns).where(grains)

    def _in(self, f: Filter, grain: str = "all", key: int = 0, days=None) -> _Sum:
        rows = self.days.get((grain, key), {})
        wanted = f.days() if days is None else days
        return _added(rows[day] for day in wanted if day in rows)

    def report(self) -> metrics.Report:
        f, session = self.f, self.session
        weeks = self._weeks()
        return metrics.Report(
            filter=f,
            current=self._summary(f),
            previous=self._summary(f.previous()),
            daily=[
                metrics.DailyVolume(day, found.created, found.resolved)
                for day in f.days()
                for found in (self._in(f, days=[day]),)
            ],
            resolution_weeks=[
                metrics.WeeklySpread(
                    monday, self._in(f, days=days).spread("resolved", "resolution")
                )
                for monday, days in weeks
            ],
            sentiment_weeks=[
                metrics.WeeklyMoods(
                    monday, *(getattr(self._in(f, days=days), mood) for mood in MOODS)
                )
                for monday, days in weeks
            ],
            complaint_weeks=[
                metrics.WeeklyComplaints(monday, found.complaints, found.complaints_resolved)
                for monday, days in weeks
                for found in (self._cohorts(f, days),)
            ],
            score_weeks=[
                metrics.WeeklyScores(monday, _only_scores(self._in(f, days=days).scores()))
                for monday, days in weeks
            ],
            csat_bands=[
                metrics.Band(label, found.answers, found.satisfied)
                for index, (label, _hours) in enumerate(RESOLUTION_BANDS)
                for found in (self._in(f, "band", index),)
            ],
            mood_resolution=[
                metrics.MoodSpread(
                    mood, self._in(f, "mood", index).spread("resolved", "resolution")
                )
                for index, mood in enumerate(MOODS)
            ],
            agents=metrics.agent_rows(*self._team("agent"), f, session),
            categories=metrics.category_rows(*self._team("category"), session),
            playbooks=metrics.playbooks(f, session, cohorts=self._cohort_rows),
            ideas=metrics.ideas(f, session),
            kb=metrics.kb(f, session),
        )

    def _weeks(self) -> list[tuple[date, list[date]]]:
        days = self.f.days()
        return [
            (monday, [day for day in days if monday <= day < monday + timedelta(weeks=1)])
            for monday in self.f.weeks()
        ]

    def _cohorts(self, f: Filter, days=None) -> _Sum:
        """Both complaint cohorts added up: all the complaints of the days."""
        wanted = f.days() if days is None else days
        cohorts = [self.days.get(("cohort", key), {}) for key in range(len(metrics.COHORTS))]
        return _added(rows[day] for rows in cohorts for day in wanted if day in rows)

    def _cohort_rows(self, f: Filter, _session: Session) -> list[metrics.Cohort]:
        cohorts = []
        for index, (_key_name, label) in enumerate(metrics.COHORTS):
            found = self._in(f, "cohort", index)
            cohorts.append(
                metrics.Cohort(
                    label,
                    found.complaints,
                    found.complaints_resolved,
                    found.complaints_reopened,
                    found.complaints_recovered,
                    _only_scores(found.scores()),
                )
            )
        return cohorts

    def _summary(self, f: Filter) -> metrics.Summary:
        found = self._in(f)
        complaints = self._cohorts(f)
        return metrics.Summary(
            volume=metrics.Volume(found.created, found.resolved, self._backlog(f)),
            first_reply=metrics.FirstReply(
                found.spread("answered", "first_reply"), found.created - found.answered
            ),
            outcomes=metrics.Outcomes(
                resolved=found.resolved,
                resolution=found.spread("resolved", "resolution"),
                wait=found.spread("resolved", "wait"),
                replies_mean=found.mean("replies", "resolved"),
                one_touch=found.one_touch,
                reopened=found.reopened,
                reopens=found.reopens,
                followups_mean=found.mean("followups", "resolved"),
                sla_met=found.sla_met,
            ),
            conversation=metrics.Conversation(
                found.talked,
                found.mean("public_messages", "public_tickets"),
                found.spread("talked", "elapsed"),
            ),
            complaints=metrics.Complaints(
                complaints.complaints,
                complaints.complaints_resolved,
                complaints.complaints_recovered,
            ),
            surveys=found.scores(),
            check_ins=metrics.check_ins(f, self.session),
            agreement=metrics.Agreement(found.reviewed, found.kept),
            deflection=metrics.deflection(f, self.session),
        )

    def _backlog(self, f: Filter) -> int:
        """Created before the end (capped at now) and not resolved before it. Every ticket
        resolved before the end was created before it, so it is those created less those
        resolved: the whole days' from their rows, the day the end falls in from the tickets."""
        end = min(f.end, f.now)
        midnight = datetime.combine(end.astimezone(UTC).date(), time(), tzinfo=UTC)
        days = self.session.scalar(
            select(total(ReportDay.created) - total(ReportDay.resolved)).where(
                self.cut,
                ReportDay.grain == "all",
                ReportDay.key == 0,
                ReportDay.day < midnight.date(),
            )
        )
        partly = replace(f, start=midnight, end=end, now=end)
        created, resolved = (
            self.session.scalar(
                select(func.count()).where(metrics.during(column, partly), *metrics.cut(f))
            )
            for column in (Ticket.created_at, Ticket.resolved_at)
        )
        return days + created - resolved

    def _team(self, grain: str) -> tuple[dict, dict, dict]:
        """The outcomes, arrivals and scores of each agent or category over the period, as
        `metrics.agent_rows` takes them (key None for none)."""
        period = ReportDay.day.between(self.f.start.astimezone(UTC).date(), _last_day(self.f))
        found = self.session.execute(
            select(
                ReportDay.key,
                *(
                    joined(getattr(ReportDay, name))
                    if name in TEXTS
                    else total(getattr(ReportDay, name))
                    for name in COLUMNS
                ),
            )
            .where(self.cut, ReportDay.grain == grain, period)
            .group_by(ReportDay.key)
        )
        outcomes, arrivals, scores = {}, {}, {}
        for result in found:
            key = result[0] or None
            part = _Sum(dict(zip(COLUMNS, result[1:], strict=True)))
            if part.resolved:
                median = percentiles_of(part.resolution, (0.5,))
                outcomes[key] = (
                    part.resolved,
                    median,
                    part.mean("replies", "resolved"),
                    part.reopened,
                )
            if part.created:
                median = percentiles_of(part.first_reply, (0.5,))
                arrivals[key] = (part.created, median, part.complaints)
            if part.answers:
                scores[key] = _only_scores(part.scores())
        return outcomes, arrivals, scores


def _only_scores(scores: Surveys) -> Surveys:
    """Scores as `metrics` finds them apart from invitations (counted only in summaries)."""
    return replace(scores, invited=0, invitations_answered=0)
