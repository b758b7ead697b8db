"""Delivery over a real SMTP conversation, what a refusing or absent server leaves, the log."""

import logging
from datetime import timedelta

import pytest

from helpdesk import clock
from helpdesk.config import ConfigError
from helpdesk.extensions import db
from helpdesk.outbox import service
from helpdesk.outbox.delivery import LogBackend, SMTPBackend, backend_from_config
from tests.conftest import FIXED_NOW, free_port


def test_a_queued_email_arrives_with_its_plain_text_and_html_parts(smtp_config, queue):
    email = queue(to="ana@example.com", subject="Your ticket #7")
    db.session.commit()

    report = service.send_pending()

    assert report.sent == 1 and email.status == "sent"
    [received] = smtp_config.received
    assert received.mail_from == "support@help.example.com"
    assert received.recipients == ["ana@example.com"]
    message = received.message
    assert message["To"] == "ana@example.com"
    assert message["From"] == "Helpdesk <support@help.example.com>"
    assert message["Subject"] == "Your ticket #7"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"].endswith("@help.example.com>")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert text == "Hello Ana,\nyour ticket is at https://help.example.com/tickets/7\n"
    assert '<a href="https://help.example.com/tickets/7">Open your ticket</a>' in html


def test_an_email_is_not_sent_twice_over_smtp(smtp_config, queue):
    queue()
    db.session.commit()

    service.send_pending()
    clock.advance(timedelta(hours=2))
    again = service.send_pending()

    assert again.attempted == 0 and len(smtp_config.received) == 1


def test_a_refusing_server_leaves_the_email_pending_with_its_error(smtp_config, queue):
    email = queue()
    db.session.commit()
    smtp_config.refuse_with = "451 4.3.0 Mailbox busy, try later"

    report = service.send_pending()

    assert (report.sent, report.retried, report.failed) == (0, 1, 0)
    assert (email.status, email.attempts) == ("pending", 1)
    assert email.last_error == "451 4.3.0 Mailbox busy, try later"
    assert email.next_attempt_at == FIXED_NOW + timedelta(minutes=1)

    smtp_config.refuse_with = None
    clock.advance(timedelta(minutes=1))
    later = service.send_pending()

    assert later.sent == 1 and email.status == "sent" and email.attempts == 2
    assert len(smtp_config.received) == 1


def test_an_unreachable_server_leaves_the_email_pending_with_its_error(app, queue):
    email = queue()
    db.session.commit()
    nobody_listens = SMTPBackend(host="127.0.0.1", port=free_port(), timeout=5)

    report = service.send_pending(backend=nobody_listens)

    assert report.retried == 1 and email.status == "pending"
    assert email.last_error.startswith("ConnectionRefusedError")
    assert email.next_attempt_at == FIXED_NOW + timedelta(minutes=1)


def test_an_email_the_server_keeps_refusing_fails_after_the_last_attempt(smtp_config, queue):
    email = queue()
    db.session.commit()
    smtp_config.refuse_with = "550 5.1.1 No such mailbox"
    reports = []

    for _ in range(8):
        reports.append(service.send_pending())
        clock.advance(timedelta(hours=1))
    smtp_config.refuse_with = None

    assert [report.retried for report in reports] == [1] * 7 + [0]
    assert reports[-1].failed == 1
    assert (email.status, email.attempts) == ("failed", 8)
    assert email.last_error == "550 5.1.1 No such mailbox"
    assert service.send_pending().attempted == 0 and smtp_config.received == []


def test_the_log_backend_writes_the_email_to_the_app_log(app, queue, caplog):
    email = queue(subject="Logged, not sent")
    db.session.commit()

    with caplog.at_level(logging.INFO, logger="helpdesk.outbox"):
        report = service.send_pending()

    assert report.sent == 1 and email.status == "sent"
    [record] = [record for record in caplog.records if record.name == "helpdesk.outbox"]
    logged = record.getMessage()
    assert "To: ana@example.com" in logged and "Subject: Logged, not sent" in logged
    assert "Hello Ana,\nyour ticket is at http://127.0.0.1:5000/tickets/7" in logged


def test_the_log_backend_is_the_default(app):
    assert isinstance(backend_from_config(app), LogBackend)


def test_the_smtp_backend_needs_a_server(app):
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="")

    with pytest.raises(ConfigError, match="HELPDESK_MAIL_SERVER"):
        backend_from_config(app)


def test_the_smtp_backend_takes_the_mail_settings(app):
    app.config.update(
        MAIL_BACKEND="smtp",
        MAIL_SERVER="smtp.example.com",
        MAIL_PORT=587,
        MAIL_USERNAME="helpdesk",
        MAIL_PASSWORD="secret",
        MAIL_USE_TLS=True,
    )

    backend = backend_from_config(app)

    assert backend == SMTPBackend(
        host="smtp.example.com", port=587, username="helpdesk", password="secret", use_tls=True
    )
    assert "secret" not in repr(backend)
