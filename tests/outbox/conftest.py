"""Outbox fixtures: an email template of the tests' own, queueing with defaults, test backends."""

from collections.abc import Callable
from email.message import EmailMessage

import pytest
from jinja2 import ChoiceLoader, FileSystemLoader

from helpdesk.outbox import service
from helpdesk.outbox.delivery import DeliveryError
from helpdesk.outbox.models import OutboxEmail

GREETING_TXT = "Hello {{ name }},\nyour ticket is at {{ absolute_url(path) }}\n"
GREETING_HTML = """{% extends "email/_layout.html" %}
{% block content %}<p>Hello {{ name }},</p>
<p><a href="{{ absolute_url(path) }}">Open your ticket</a></p>{% endblock %}
"""


@pytest.fixture
def queue(app, tmp_path) -> Callable[..., OutboxEmail]:
    """queue(**overrides) queues a greeting (a template only the tests have) to ana@example.com."""
    folder = tmp_path / "email-templates"
    (folder / "email").mkdir(parents=True)
    (folder / "email" / "greeting.txt").write_text(GREETING_TXT)
    (folder / "email" / "greeting.html").write_text(GREETING_HTML)
    app.jinja_env.loader = ChoiceLoader([FileSystemLoader(folder), app.jinja_env.loader])

    def queue_greeting(**overrides) -> OutboxEmail:
        values = {
            "to": "ana@example.com",
            "subject": "Your ticket",
            "template": "greeting",
            "kind": "greeting",
            "name": "Ana",
            "path": "/tickets/7",
            **overrides,
        }
        return service.queue_email(**values)

    return queue_greeting


class RecordingBackend:
    """Delivers nothing; keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        self.messages.append(message)


class RefusingBackend:
    """Fails every delivery the way a mail server that says no does."""

    def __init__(self, error: str = "451 4.3.0 Try again later") -> None:
        self.error = error

    def send(self, message: EmailMessage) -> None:
        raise DeliveryError(self.error)
