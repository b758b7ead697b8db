"""`flask seed-demo` fills an empty database once and prints the demo logins."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from helpdesk import clock
from helpdesk.auth.demo import DEMO_PASSWORD
from helpdesk.auth.models import User
from helpdesk.extensions import db
from helpdesk.ideas.models import Idea, Vote
from helpdesk.kb.models import Article, Suggestion
from helpdesk.outbox.models import OutboxEmail
from helpdesk.playbooks.models import CheckIn, PlaybookRun
from helpdesk.reports.metrics import Filter, summary
from helpdesk.surveys.models import Recovery, SurveyResponse
from helpdesk.tickets.models import CannedReply, Category, Message, Ticket
from tests.conftest import sign_in
from tests.factories import make_user


def count_by_role() -> dict[str, int]:
    rows = db.session.execute(select(User.role, func.count()).group_by(User.role))
    return dict(rows.all())


@pytest.mark.long_running
def test_seed_demo_creates_staff_and_customers_prints_working_logins_and_seeds_once(app, runner):
    result = runner.invoke(args=["seed-demo", "--tickets", "20"])

    assert result.exit_code == 0, result.output
    counts = count_by_role()
    assert counts["agent"] == 3 and counts["supervisor"] == 1 and counts["admin"] == 1
    assert 55 <= counts["customer"] <= 65
    for email in ("admin@example.com", "supervisor@example.com", "agent@example.com"):
        assert email in result.output
    assert "demo-password" in result.output
    for email in (
        "admin@example.com",
        "supervisor@example.com",
        "agent@example.com",
        "customer@example.com",
    ):
        assert sign_in(app.test_client(), email, DEMO_PASSWORD).status_code == 302, email

    again = runner.invoke(args=["seed-demo", "--tickets", "20"])

    assert again.exit_code == 0
    assert count_by_role() == counts
    assert "0 help centre articles" in again.output
    assert "0 accounts, 0 tickets" in again.output


def test_first_run_flag_leaves_a_used_database_alone(runner):
    make_user(email="real.person@example.org")

    result = runner.invoke(args=["seed-demo", "--first-run"])

    assert result.exit_code == 0
    assert "not seeded again" in result.output
    assert sum(count_by_role().values()) == 1


def test_demo_tickets_have_threads_in_varied_moods_and_states(seeded_demo):
    _app, output = seeded_demo

    assert "60 tickets" in output
    statuses = set(db.session.scalars(select(Ticket.status)))
    moods = set(db.session.scalars(select(Ticket.first_sentiment)))
    kinds = set(db.session.scalars(select(Message.kind)))
    assert len(statuses) >= 3 and moods == {"negative", "neutral", "positive"}
    assert kinds == {"customer", "reply", "note"}
    assert db.session.scalar(select(func.count()).select_from(CannedReply)) >= 3
    assert db.session.scalar(select(func.count()).select_from(OutboxEmail)) == 0
    runs = db.session.scalars(select(PlaybookRun)).all()
    assert runs and all(run.playbook.slug == "difficult-customer" for run in runs)
    assert db.session.scalar(select(func.count()).select_from(CheckIn)) > 0


@pytest.mark.long_running
@pytest.mark.only_on("sqlite")  # seeded once, to keep the suite quick
def test_full_demo_has_about_six_hundred_tickets(runner):

    result = runner.invoke(args=["seed-demo"])

    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(Ticket)) == 600
    # The reports tell a believable story: a team getting quicker, few genuine reopens,
    # most tickets within their SLA, customers answering surveys.
    now = clock.now()
    last_month = Filter(start=now - timedelta(days=30), end=now, now=now)
    recent, before = summary(last_month, db.session), summary(last_month.previous(), db.session)
    assert recent.outcomes.resolution.median < before.outcomes.resolution.median
    assert recent.first_reply.answered.median < before.first_reply.answered.median
    assert recent.volume.created > 100 and before.volume.created > 100
    assert recent.outcomes.reopen_rate < 0.2
    assert 0.4 < recent.outcomes.sla_rate < 0.95
    assert 0.5 < recent.surveys.csat < 0.95
    assert recent.complaints.received > 30 and recent.check_ins.due > 10


def test_demo_help_centre_has_published_articles_in_every_category(seeded_demo):
    published = db.session.scalars(select(Article).where(Article.status == "published")).all()

    assert len(published) >= 25
    assert {article.category.name for article in published} == set(
        db.session.scalars(select(Category.name))
    )
    assert sum(article.helpful_yes + article.helpful_no for article in published) > 0
    assert db.session.scalar(select(Article).where(Article.source_ticket_id.is_not(None)))
    assert db.session.scalar(select(func.count()).select_from(Suggestion)) > 0


def test_demo_survey_answers_cover_about_forty_percent_and_follow_the_tickets_history(
    seeded_demo,
):
    resolved = db.session.scalar(
        select(func.count()).select_from(Ticket).where(Ticket.status.in_(("resolved", "closed")))
    )
    answers = db.session.execute(
        select(Ticket.last_sentiment, func.avg(SurveyResponse.csat), func.count())
        .join(Ticket, Ticket.id == SurveyResponse.ticket_id)
        .group_by(Ticket.last_sentiment)
    ).all()
    by_mood = {mood: average for mood, average, _ in answers}
    answered = sum(count for _, _, count in answers)
    assert 0.25 * resolved <= answered <= 0.55 * resolved
    assert by_mood["negative"] < by_mood["positive"]
    assert db.session.scalar(select(func.count()).select_from(Recovery)) > 0


def test_demo_idea_board_has_forty_ideas_with_votes_statuses_and_merges(seeded_demo):
    counts = dict(db.session.execute(select(Idea.status, func.count()).group_by(Idea.status)).all())
    assert sum(counts.values()) == 40 and counts["done"] > 0 and counts["declined"] > 0
    votes = db.session.scalar(select(func.count()).select_from(Vote))
    assert votes == db.session.scalar(select(func.sum(Idea.vote_count))) > 100
    assert db.session.scalar(select(func.count()).where(Idea.merged_into_id.is_not(None))) == 3
    assert db.session.scalar(select(func.count()).select_from(OutboxEmail)) == 0
