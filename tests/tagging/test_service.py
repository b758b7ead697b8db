"""The feedback loop in the app: agents' corrections retrain the tagger, the app switches to it."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select, update

from helpdesk import sentiment
from helpdesk.extensions import db
from helpdesk.ideas import service as ideas
from helpdesk.surveys import service as surveys
from helpdesk.surveys.models import SurveyInvitation
from helpdesk.tagging import service as tagging
from helpdesk.tickets import service as tickets
from helpdesk.tickets.models import Message, MessageKind, Ticket
from tests.factories import make_idea, make_ticket, make_user


def customer_message(ticket) -> Message:
    return db.session.scalar(select(Message).where(Message.ticket_id == ticket.id))


def test_messages_record_which_model_tagged_them(app):
    ticket = make_ticket(body="Still waiting for my refund, third time I'm asking.")

    message = customer_message(ticket)

    assert message.sentiment_label == "negative"
    assert message.sentiment_model == f"shipped-{sentiment.default_tagger().version}"
    assert 0 < message.sentiment_confidence <= 1


def test_train_command_learns_from_corrections_and_the_app_uses_the_new_model(app, runner):
    agent = make_user("agent")
    ticket = make_ticket(body="The gizmo makes a whirring sound.")
    message = customer_message(ticket)
    tickets.correct_sentiment(message_id=message.id, actor=agent, label="negative")

    result = runner.invoke(args=["sentiment", "train"])

    assert result.exit_code == 0, result.output
    assert "(1 from agents' corrections)" in result.output and "macro-F1" in result.output
    pointer = json.loads((Path(app.instance_path) / "sentiment" / "current.json").read_text())
    assert pointer["corrections"] == 1
    assert pointer["trained_on"] == len(sentiment.shipped_examples()) + 1
    assert set(pointer["scores"]) >= {"accuracy", "macro_f1", "negative_recall"}
    assert (Path(app.instance_path) / "sentiment" / pointer["file"]).exists()

    later = make_ticket(body="Where can I find the user guide?")
    assert customer_message(later).sentiment_model == pointer["version"]
    assert tagging.model_info().version == pointer["version"]


def test_retag_uses_the_new_model_and_keeps_corrections(app, runner):
    agent = make_user("agent")
    ticket = make_ticket(body="Thanks for the quick reply")
    message = customer_message(ticket)
    tickets.correct_sentiment(message_id=message.id, actor=agent, label="neutral")
    runner.invoke(args=["sentiment", "train"])

    result = runner.invoke(args=["sentiment", "retag"])

    assert result.exit_code == 0, result.output
    db.session.refresh(message)
    assert message.sentiment_model == tagging.model_info().version
    assert message.corrected_label == "neutral"
    assert f"with model {tagging.model_info().version}" in result.output


def test_retag_in_several_jobs_tags_every_message_once_and_keeps_corrections(app, runner):
    agent = make_user("agent")
    made = [make_ticket(body=f"Thanks for the quick reply number {n}") for n in range(7)]
    corrected = customer_message(made[3]).id
    tickets.correct_sentiment(message_id=corrected, actor=agent, label="neutral")
    for ticket in made:
        tickets.reply(ticket=ticket, author=ticket.customer, body="This is awful, still broken.")
    db.session.execute(update(Message).values(sentiment_model="an older model"))
    db.session.commit()
    runner.invoke(args=["sentiment", "train"])

    result = runner.invoke(args=["sentiment", "retag", "--jobs", "3", "--batch-size", "4"])

    assert result.exit_code == 0, result.output
    assert "Retagged 14 messages" in result.output
    version = tagging.model_info().version
    models = db.session.scalars(
        select(Message.sentiment_model).where(Message.kind == MessageKind.CUSTOMER)
    ).all()
    assert models == [version] * 14
    assert db.session.get(Message, corrected).corrected_label == "neutral"
    latest = db.session.scalars(select(Ticket.last_sentiment).order_by(Ticket.id)).all()
    assert latest == ["negative"] * 7


def test_retag_also_tags_survey_comments_ideas_and_idea_comments_again(app, runner):
    ticket = make_ticket()
    tickets.change_status(ticket=ticket, actor=make_user("agent"), status="resolved")
    invitation = db.session.scalar(select(SurveyInvitation))
    answer = surveys.answer(token=invitation.token, csat=3, comment="Awful, slow and rude.")
    idea = make_idea(title="Broken checkout", body="It fails every time, terrible.")
    comment = ideas.add_comment(idea=idea, author=make_user("customer"), body="Useless, broken.")
    for row in (answer, idea, comment):
        row.sentiment_label = "positive"  # as an older model might have said
    db.session.commit()

    result = runner.invoke(args=["sentiment", "retag"])

    assert result.exit_code == 0, result.output
    assert "Retagged 1 survey comments." in result.output
    assert "Retagged 1 ideas." in result.output and "Retagged 1 idea comments." in result.output
    for row in (answer, idea, comment):
        db.session.refresh(row)
        assert row.sentiment_label == "negative"


def test_training_needs_enough_examples(app, runner, monkeypatch, tmp_path):
    monkeypatch.setattr(sentiment, "SHIPPED_EXAMPLES", tmp_path / "missing.csv")
    monkeypatch.setattr(sentiment, "_default", sentiment.Tagger())

    result = runner.invoke(args=["sentiment", "train"])

    assert result.exit_code == 1
    assert "Not enough labelled examples" in result.output


def test_without_any_model_the_rules_tag_alone(app, monkeypatch, tmp_path):
    monkeypatch.setattr(sentiment, "SHIPPED_EXAMPLES", tmp_path / "missing.csv")
    monkeypatch.setattr(sentiment, "_default", None)

    ticket = make_ticket(body="Still waiting for my refund.")

    message = customer_message(ticket)
    assert (message.sentiment_label, message.sentiment_model) == ("negative", "rules")


def test_admin_page_shows_the_model_agreement_and_retrains(app, login):
    browser, admin = login("admin")
    ticket = make_ticket(body="The gizmo makes a whirring sound.")
    message = customer_message(ticket)
    machine = message.sentiment_label
    tickets.correct_sentiment(message_id=message.id, actor=admin, label=machine)
    second = customer_message(make_ticket(body="Lovely, works great now!"))
    other = "negative" if second.sentiment_label != "negative" else "neutral"
    tickets.correct_sentiment(message_id=second.id, actor=admin, label=other)

    page = browser.get("/admin/sentiment").get_data(as_text=True)
    assert "Model in use" in page and "shipped-" in page
    assert '<td data-label="Reviewed">2</td>' in page and "50%" in page
    assert "whirring sound" in page
    assert f"<code>{message.sentiment_model}</code>: 2 customer messages" in page

    response = browser.post("/admin/sentiment/train")

    page = browser.get(response.location).get_data(as_text=True)
    assert f"trained on {len(sentiment.shipped_examples()) + 2} examples" in page
    assert "of which 2 agents' corrections" in page


@pytest.mark.parametrize("role", ["customer", "agent", "supervisor"])
def test_only_admins_reach_the_tagger_page(login, role):
    browser, _ = login(role)

    assert browser.get("/admin/sentiment").status_code == 403
    assert browser.post("/admin/sentiment/train").status_code == 403


def test_a_web_worker_tags_without_loading_scikit_learn_or_nltk(tmp_path):
    """The shipped model is trained once, in a child process, and kept in the instance
    folder: a serving process holds its arithmetic only (100 MB less per worker)."""
    code = textwrap.dedent(
        """
        import sys
        from helpdesk import create_app
        from helpdesk.tagging import service

        app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
        with app.app_context():
            result, version = service.tag("Still waiting for my refund, third time I'm asking.")
        heavy = sorted({name.split(".")[0] for name in sys.modules} & {"sklearn", "scipy", "nltk"})
        print(result.label, version, heavy)
        """
    )
    env = {**os.environ, "HELPDESK_INSTANCE_PATH": str(tmp_path)}

    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    cached = list((tmp_path / "sentiment").glob("shipped-*.pkl"))
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)

    version = sentiment.default_tagger().version
    assert first.stdout.split() == ["negative", f"shipped-{version}", "[]"], first.stderr
    assert [path.name for path in cached] == [f"shipped-{version}.pkl"]
    assert again.stdout == first.stdout
