"""Queueing emails in the caller's transaction; delivering each once, with retries and backoff."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from helpdesk import clock
from helpdesk.errors import Invalid
from helpdesk.extensions import db
from helpdesk.outbox import service
from helpdesk.outbox.models import OutboxEmail
from tests.conftest import FIXED_NOW, RecordingBackend, RefusingBackend


def outbox_count() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxEmail))


def test_queued_email_is_rendered_and_pending_once_the_caller_commits(app, queue):
    app.config["BASE_URL"] = "https://help.example.com/"

    email = queue(name="Ana <Ops>")
    db.session.commit()

    stored = db.session.get(OutboxEmail, email.id)
    assert (stored.to_address, stored.subject, stored.kind) == (
        "ana@example.com",
        "Your ticket",
        "greeting",
    )
    assert stored.body_text == (
        "Hello Ana <Ops>,\nyour ticket is at https://help.example.com/tickets/7"
    )
    assert "<p>Hello Ana &lt;Ops&gt;,</p>" in stored.body_html
    assert 'href="https://help.example.com/tickets/7"' in stored.body_html
    assert "<!doctype html>" in stored.body_html  # wrapped in email/_layout.html
    assert (stored.status, stored.attempts, stored.sent_at, stored.last_error) == (
        "pending",
        0,
        None,
        None,
    )
    assert stored.created_at == stored.next_attempt_at == FIXED_NOW


def test_queue_email_writes_nothing_when_the_caller_rolls_back(queue):
    queue()
    db.session.rollback()

    assert outbox_count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"to": "ana@example.com\nBcc: everyone@example.com"}, "to"),
        ({"to": "not an address"}, "to"),
        ({"to": "   "}, "to"),
        ({"subject": "Hello\r\nBcc: everyone@example.com"}, "subject"),
        ({"subject": ""}, "subject"),
        ({"subject": "x" * 256}, "subject"),
    ],
)
def test_queue_email_refuses_what_would_break_the_headers(queue, overrides, field):
    with pytest.raises(Invalid) as refused:
        queue(**overrides)

    assert refused.value.field == field
    assert outbox_count() == 0


def test_absolute_url_joins_the_base_url_and_a_local_path(app):
    app.config["BASE_URL"] = "https://example.com/helpdesk/"

    assert service.absolute_url("/tickets/7") == "https://example.com/helpdesk/tickets/7"


@pytest.mark.parametrize("path", ["tickets/7", "//evil.example/x", "https://evil.example/x"])
def test_absolute_url_refuses_anything_but_a_local_path(app, path):
    with pytest.raises(ValueError, match="local path"):
        service.absolute_url(path)


def test_retry_delay_doubles_from_a_minute_up_to_an_hour():
    delays = [service.retry_delay(attempts) for attempts in range(1, 10)]

    assert delays == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60, 60, 60)]


def test_a_sent_email_is_never_sent_again(queue):
    email = queue()
    db.session.commit()
    backend = RecordingBackend()

    first = service.send_pending(backend=backend)
    clock.advance(timedelta(days=1))
    second = service.send_pending(backend=backend)

    assert (first.sent, second.attempted) == (1, 0)
    assert len(backend.messages) == 1
    assert (email.status, email.sent_at, email.attempts) == ("sent", FIXED_NOW, 1)


def test_send_pending_sends_the_oldest_first_and_stops_at_the_limit(queue):
    for subject in ("first", "second", "third"):
        queue(subject=subject)
        clock.advance(timedelta(seconds=1))
    db.session.commit()
    backend = RecordingBackend()

    report = service.send_pending(limit=2, backend=backend)
    rest = service.send_pending(limit=2, backend=backend)

    assert (report.sent, rest.sent) == (2, 1)
    assert [message["Subject"] for message in backend.messages] == ["first", "second", "third"]


def test_failed_attempts_wait_longer_each_time_then_the_email_fails(queue):
    email = queue()
    db.session.commit()
    backend = RefusingBackend("451 4.3.0 Mailbox busy")
    waits = []

    for _ in range(7):
        report = service.send_pending(backend=backend)
        assert (report.retried, report.failed, email.status) == (1, 0, "pending")
        waits.append(email.next_attempt_at - clock.now())
        assert service.send_pending(backend=backend).attempted == 0  # not due yet
        clock.advance(waits[-1])
    last = service.send_pending(backend=backend)
    clock.advance(timedelta(days=1))

    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60)]
    assert (last.retried, last.failed) == (0, 1)
    assert (email.status, email.attempts, email.sent_at) == ("failed", 8, None)
    assert email.last_error == "451 4.3.0 Mailbox busy"
    assert service.send_pending(backend=RecordingBackend()).attempted == 0


def test_the_maximum_number_of_attempts_is_a_setting(app, queue):
    app.config["MAIL_MAX_ATTEMPTS"] = 2
    email = queue()
    db.session.commit()

    service.send_pending(backend=RefusingBackend())
    clock.advance(timedelta(minutes=1))
    report = service.send_pending(backend=RefusingBackend())

    assert report.failed == 1 and email.status == "failed" and email.attempts == 2


class SenderThread(threading.Thread):
    """A sender with its own app context, session and connection; join() re-raises its error."""

    def __init__(self, app, backend, barrier: threading.Barrier | None = None) -> None:
        super().__init__()
        self.app, self.backend, self.barrier = app, backend, barrier
        self.report: service.DeliveryReport | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with self.app.app_context():
                if self.barrier:
                    self.barrier.wait()
                self.report = service.send_pending(backend=self.backend)
        except BaseException as error:
            self.error = error

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        if self.error is not None:
            raise self.error


def test_an_email_being_sent_is_passed_by_every_other_sender(app, queue):
    queue()
    db.session.commit()
    others = []

    class SlowBackend(RecordingBackend):
        def send(self, message):
            # While this sender holds the email, another one runs and must find nothing to do.
            other = SenderThread(app, RecordingBackend())
            other.start()
            other.join()
            others.append(other)
            super().send(message)

    backend = SlowBackend()
    report = service.send_pending(backend=backend)

    assert report.sent == 1 and len(backend.messages) == 1
    assert others[0].report.attempted == 0 and others[0].backend.messages == []


def test_two_senders_at_once_deliver_every_email_exactly_once(app, queue):
    for number in range(30):
        queue(subject=f"email {number}")
    db.session.commit()
    start_together = threading.Barrier(2)
    senders = [SenderThread(app, RecordingBackend(), start_together) for _ in range(2)]

    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()

    subjects = [message["Subject"] for sender in senders for message in sender.backend.messages]
    assert sorted(subjects) == sorted(f"email {number}" for number in range(30))
    assert db.session.scalar(select(func.count()).where(OutboxEmail.status == "sent")) == 30
