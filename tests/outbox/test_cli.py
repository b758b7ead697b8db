"""`flask outbox send`: one round for cron, or --watch until interrupted."""

from sqlalchemy import select

from helpdesk.extensions import db
from helpdesk.outbox import cli
from helpdesk.outbox.models import OutboxEmail


def test_outbox_send_reports_what_it_sent(app, runner, queue, smtp_server):
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER=smtp_server.host, MAIL_PORT=smtp_server.port)
    queue(to="ana@example.com")
    queue(to="ben@example.com")
    db.session.commit()

    result = runner.invoke(args=["outbox", "send"])

    assert result.exit_code == 0, result.output
    assert result.output == "Sent 2, will retry 0, failed 0.\n"
    assert sorted(r for email in smtp_server.received for r in email.recipients) == [
        "ana@example.com",
        "ben@example.com",
    ]


def test_outbox_send_reports_failures_and_honours_the_limit(app, runner, queue, smtp_server):
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER=smtp_server.host, MAIL_PORT=smtp_server.port)
    smtp_server.refuse_with = "451 4.3.0 Try again later"
    for _ in range(3):
        queue()
    db.session.commit()

    result = runner.invoke(args=["outbox", "send", "--limit", "2"])

    assert result.exit_code == 0, result.output
    assert result.output == "Sent 0, will retry 2, failed 0.\n"


def test_outbox_send_with_nothing_due_says_so(runner):
    result = runner.invoke(args=["outbox", "send"])

    assert result.exit_code == 0 and result.output == "Nothing to send.\n"


def test_outbox_send_watch_keeps_delivering_until_interrupted(runner, queue, monkeypatch):
    queue()
    db.session.commit()
    naps = []

    def nap(seconds):
        naps.append(seconds)
        if len(naps) == 1:
            queue(subject="queued while the sender waited")
            db.session.commit()
            return
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "sleep", nap)

    result = runner.invoke(args=["outbox", "send", "--watch", "--interval", "2"])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Watching the outbox every 2s; Ctrl+C stops.",
        "Sent 1, will retry 0, failed 0.",
        "Sent 1, will retry 0, failed 0.",
        "Stopped.",
    ]
    assert naps == [2, 2]
    assert set(db.session.scalars(select(OutboxEmail.status))) == {"sent"}


def test_outbox_send_refuses_smtp_without_a_server(app, runner):
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="")

    result = runner.invoke(args=["outbox", "send"])

    assert result.exit_code == 1 and "HELPDESK_MAIL_SERVER is empty" in result.output
