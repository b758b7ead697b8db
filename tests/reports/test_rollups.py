"""Reports added up from the days kept (helpdesk.reports.rollups, day_counts, day_marks) over
histories made through the services: every figure must be what `metrics` reads from the
tickets, with or without cuts, before and after each kind of write, and a write must make the
reports count again only the days it touches."""

import dataclasses
from datetime import timedelta, timezone

import pytest
from sqlalchemy import func, select, update

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.reports import day_counts, day_marks, metrics, rollups
from helpdesk.reports.models import ReportDay, ReportDayMark
from helpdesk.surveys import service as surveys_service
from helpdesk.surveys.models import SurveyResponse
from helpdesk.tickets import batch, service
from helpdesk.tickets.models import Category, Message, Ticket
from tests.reports.test_metrics import (
    ANGRY,
    CALM,
    GLAD,
    PRAISE,
    T0,
    UPSET,
    answer,
    at,
    customer_writes,
    far_from_utc,
    first_message_id,
    opened,
    period,
    rate,
    resolve,
    review,
    send_due_email,
    start,
    tick,
)

MIDNIGHT = T0.replace(hour=0, minute=30) - timedelta(minutes=30)  # the start of T0's day


def differences(expected, found, path: str = "report") -> list[str]:
    """Where two reports differ, as paths; floats equal to their precision."""
    if dataclasses.is_dataclass(expected):
        return [
            difference
            for field in dataclasses.fields(expected)
            for difference in differences(
                getattr(expected, field.name), getattr(found, field.name), f"{path}.{field.name}"
            )
        ]
    if isinstance(expected, list | tuple):
        if len(expected) != len(found):
            return [f"{path}: {len(expected)} items, {len(found)} found"]
        return [
            difference
            for index, (one, other) in enumerate(zip(expected, found, strict=True))
            for difference in differences(one, other, f"{path}[{index}]")
        ]
    if isinstance(expected, dict):
        if expected.keys() != found.keys():
            return [f"{path}: keys {sorted(expected)}, {sorted(found)} found"]
        return [d for key in expected for d in differences(expected[key], found[key], path)]
    if isinstance(expected, float) and isinstance(found, float):
        return [] if found == pytest.approx(expected, rel=1e-9, abs=1e-3) else [path]
    return [] if expected == found else [f"{path}: {expected!r}, {found!r} found"]


def added_up(f: metrics.Filter) -> metrics.Report:
    """The report as the dashboard gets it, checked against the one read from the tickets."""
    found = rollups.report(f, db.session)
    assert differences(metrics.report(f, db.session), found) == []
    return found


@pytest.fixture
def history(ann, bob, checklists):
    """A week of tickets for two agents in two categories: complaints with and without a
    checklist, replies, a reopen, survey answers with comments, a review and an invitation
    delivered. The clock ends at T0 plus six hours."""
    billing, delivery = (Category(name=name) for name in ("Invoices", "Couriers"))
    db.session.add_all([billing, delivery])
    db.session.commit()
    at(days=-6)
    angry = opened(ANGRY, agent=ann, category_id=billing.id)
    calm = opened(CALM, agent=bob, category_id=delivery.id, priority="high")
    glad = opened(GLAD)
    at(days=-6, hours=3)
    answer(angry, ann)
    answer(calm, bob)
    at(days=-5)
    resolve(angry, ann)
    customer_writes(calm, ANGRY)
    at(days=-4)
    rate(angry, 2, nps=3, ces=6, comment=UPSET)
    furious = opened(ANGRY, agent=ann, category_id=delivery.id)
    run = start(furious, checklists["alpha"], ann)
    tick(run, ann, 1, 2)
    answer(furious, ann)
    at(days=-3)
    resolve(calm, bob)
    resolve(furious, ann)
    review(calm, bob, "negative")
    at(days=-2)
    rate(furious, 5, nps=10, ces=2, comment=PRAISE)
    customer_writes(angry, "It broke again.")  # reopens it
    send_due_email()
    at(days=-1)
    answer(angry, bob)
    resolve(angry, bob)
    later = opened(CALM, agent=bob)
    at(hours=6)
    answer(later, bob)
    return {"angry": angry, "calm": calm, "glad": glad, "furious": furious, "later": later}


def test_a_report_without_cuts_adds_up_its_days_to_what_the_tickets_give(history):
    far_from_utc()
    for days in (1, 3, 7, 30, 365):
        start = MIDNIGHT + timedelta(days=1) - timedelta(days=days)

        report = added_up(period(start, days))

        assert report.current.volume.created == {1: 0, 3: 1}.get(days, 5)
    kept_days = db.session.scalar(select(func.count()).where(ReportDay.grain == "all"))
    assert kept_days == 7  # the first ticket's day to today, each once
    week = added_up(period(MIDNIGHT - timedelta(days=6), 7))
    assert week.current.outcomes.resolved == 3
    assert week.current.outcomes.reopened == 1
    assert week.current.surveys.answers == 2
    assert [row.name for row in week.agents] == ["Ann Archer", "Bob Baker", "Unassigned"]
    assert [row.name for row in week.categories] == ["Couriers", "Invoices", "No category"]
    assert [cohort.tickets for cohort in week.playbooks.cohorts] == [1, 2]  # calm reviewed


def test_a_report_with_cuts_adds_up_the_days_counted_under_its_cuts(history, ann, bob):
    week = MIDNIGHT - timedelta(days=6)
    couriers = history["calm"].category_id
    cuts = [
        {"agent_id": ann.id},
        {"agent_id": bob.id},
        {"category_id": couriers},
        {"priority": "high"},
        {"channel": "web"},
        {"sentiment": "negative"},
        {"agent_id": ann.id, "category_id": couriers},
    ]

    for cut in cuts:
        added_up(period(week, 7, **cut))

    kept = db.session.scalars(
        select(ReportDay.cut).where(ReportDay.grain == "all").distinct().order_by(ReportDay.cut)
    ).all()
    assert kept == sorted(day_counts.cut_key(period(week, 7, **cut)) for cut in cuts)
    ann_week = added_up(period(week, 7, agent_id=ann.id))
    assert ann_week.current.volume.created == 2  # the angry and the furious customers
    assert [row.name for row in ann_week.categories] == ["Couriers", "Invoices"]


def test_a_period_starting_or_ending_within_a_day_is_read_from_the_tickets(history):
    week = MIDNIGHT - timedelta(days=6)
    assert rollups.applies(period(week, 7))
    partly = period(T0 - timedelta(days=6), 7)  # from 09:30
    new_york = timezone(timedelta(hours=-5))
    elsewhere = dataclasses.replace(
        period(week, 7), start=week.astimezone(new_york), end=MIDNIGHT.astimezone(new_york)
    )  # the same moments, written in another zone, whose dates are not the UTC days

    for f in (partly, elsewhere):
        assert not rollups.applies(f)
        assert differences(metrics.report(f, db.session), rollups.report(f, db.session)) == []

    assert db.session.scalar(select(func.count()).select_from(ReportDay)) == 0


def write_a_reply(history, ann, bob):
    answer(history["glad"], ann)  # its first reply, six days on


def write_a_resolution(history, ann, bob):
    resolve(history["later"], bob)


def write_a_reopen(history, ann, bob):
    service.change_status(ticket=history["furious"], actor=ann, status="open")


def write_a_survey_answer(history, ann, bob):
    rate(history["calm"], 4, nps=8, comment=GLAD)


def write_a_review(history, ann, bob):
    review(history["glad"], ann, "neutral")


def write_an_assignment(history, ann, bob):
    service.assign(ticket=history["calm"], actor=ann, assignee_id=ann.id)


def write_a_category(history, ann, bob):
    ticket = history["angry"]
    service.update_properties(ticket=ticket, actor=ann, priority="low", category_id=None)


def write_a_delivered_invitation(history, ann, bob):
    send_due_email()  # the invitation of the resolution an hour ago


def write_a_completed_checklist(history, ann, bob, checklists=None):
    run = start(history["angry"], checklists["beta"], ann)
    tick(run, ann, 1)


WRITES = [
    write_a_reply,
    write_a_resolution,
    write_a_reopen,
    write_a_survey_answer,
    write_a_review,
    write_an_assignment,
    write_a_category,
    write_a_delivered_invitation,
    write_a_completed_checklist,
]


@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.__name__[len("write_") :])
def test_each_kind_of_write_is_in_the_next_report(history, ann, bob, checklists, write):
    week = period(MIDNIGHT - timedelta(days=6), 7)
    cuts = [{}, {"agent_id": ann.id}, {"category_id": history["calm"].category_id}]
    if write is write_a_delivered_invitation:
        resolve(history["later"], bob)
    before = [added_up(dataclasses.replace(week, **cut)) for cut in cuts]
    at(hours=7)
    week = dataclasses.replace(week, now=clock.now())
    if write is write_a_completed_checklist:
        write(history, ann, bob, checklists)
    else:
        write(history, ann, bob)

    after = [added_up(dataclasses.replace(week, **cut)) for cut in cuts]

    assert differences(before[0], after[0]) != []


def test_retagging_is_in_the_next_report(history):
    # Labels an older model gave, written around the ORM as a model upgrade might:
    db.session.execute(update(Message).values(sentiment_label="positive"))
    db.session.execute(update(SurveyResponse).values(sentiment_label="negative"))
    db.session.commit()
    week = period(MIDNIGHT - timedelta(days=6), 7)
    before = added_up(week)
    added_up(dataclasses.replace(week, sentiment="positive"))  # moods the older model gave

    assert batch.retag_batch(after_id=0, batch_size=1000) is not None
    assert surveys_service.retag_comments(0, 100) is not None

    assert added_up(dataclasses.replace(week, sentiment="positive")).current.volume.created == 1
    after = added_up(week)
    assert after.sentiment_weeks != before.sentiment_weeks
    # The praise after the furious customer's complaint reads as praise again: recovered.
    assert after.current.complaints.recovered == before.current.complaints.recovered + 1


def test_a_write_makes_the_reports_compute_again_only_the_days_it_touches(history, ann):
    first, today = (MIDNIGHT - timedelta(days=6)).date(), MIDNIGHT.date()
    added_up(period(MIDNIGHT - timedelta(days=6), 7))
    assert day_counts.refresh(db.session, first, today) == 0

    answer(history["glad"], ann)  # created six days ago, answered today

    assert day_counts.refresh(db.session, first, today) == 2
    assert day_counts.refresh(db.session, first, today) == 0


def test_a_day_whose_rows_were_computed_before_a_write_is_computed_again(history):
    first, today = (MIDNIGHT - timedelta(days=6)).date(), MIDNIGHT.date()
    day_counts.refresh(db.session, first, today)
    # Rows kept by a worker that read the day before a write moved its mark on:
    yesterday = today - timedelta(days=1)
    day_marks.touch(db.session, days=[yesterday])
    db.session.commit()
    mark = db.session.get(ReportDayMark, yesterday).version
    kept = db.session.get(ReportDay, ("", yesterday, "all", 0))

    assert kept.version == mark - 1
    assert day_counts.refresh(db.session, first, today) == 1
    db.session.expire_all()
    assert db.session.get(ReportDay, ("", yesterday, "all", 0)).version == mark


def test_messages_reviewed_and_written_on_other_days_move_both_days(history, ann):
    today = MIDNIGHT.date()
    message = db.session.get(Message, first_message_id(history["glad"]))
    day_counts.refresh(db.session, today - timedelta(days=6), today)

    review(history["glad"], ann, "positive")

    marks = dict(db.session.execute(select(ReportDayMark.day, ReportDayMark.version)).all())
    assert day_marks.utc_day(message.created_at) == today - timedelta(days=6)
    assert {today - timedelta(days=6), today} <= set(marks)


def test_warming_with_recount_counts_again_what_a_write_around_the_app_changed(
    history, ann, runner
):
    week = period(MIDNIGHT - timedelta(days=6), 7)
    added_up(week)
    db.session.execute(update(Ticket).values(assignee_id=ann.id))  # SQL by hand: no day marked
    db.session.commit()
    assert differences(metrics.report(week, db.session), rollups.report(week, db.session)) != []

    result = runner.invoke(args=["reports", "warm", "--period", "7", "--recount"])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Forgot 7 days kept; counting every day again."
    assert [row.name for row in added_up(week).agents] == ["Ann Archer"]


def test_a_day_written_to_while_it_was_being_counted_is_not_kept(history, ann, monkeypatch):
    first, today = (MIDNIGHT - timedelta(days=6)).date(), MIDNIGHT.date()
    real = day_counts._computed

    def counted_then_written(session, run, marks, cuts=None):
        rows = real(session, run, marks, cuts)
        if today in run:  # a reply lands after the day was read, before it is kept
            answer(history["glad"], ann)
        return rows

    monkeypatch.setattr(day_counts, "_computed", counted_then_written)
    assert day_counts.refresh(db.session, first, today) == 7
    monkeypatch.setattr(day_counts, "_computed", real)

    assert db.session.get(ReportDay, ("", today, "all", 0)) is None
    assert day_counts.refresh(db.session, first, today) == 2  # today, and the ticket's first day
    added_up(period(MIDNIGHT - timedelta(days=6), 7))


def test_a_report_whose_days_keep_being_written_to_is_read_from_the_tickets(
    history, ann, monkeypatch
):
    real = day_counts._computed
    counts = []

    def counted_then_written(session, run, marks, cuts=None):
        counts.append(run)
        rows = real(session, run, marks, cuts)
        customer_writes(history["glad"], "Any news?")  # every count, a message lands today
        return rows

    read = []
    real_report = metrics.report
    monkeypatch.setattr(day_counts, "_computed", counted_then_written)
    monkeypatch.setattr(
        metrics, "report", lambda f, session: read.append(f) or real_report(f, session)
    )
    week = period(MIDNIGHT - timedelta(days=6), 7)

    report = rollups.report(week, db.session)

    assert read == [week]  # counted three times, then read from the tickets
    assert counts[-1] == [MIDNIGHT.date()]
    assert differences(real_report(week, db.session), report) == []
