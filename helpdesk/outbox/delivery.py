"""Delivery backends: SMTP for real mail, the app log for development."""

import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Protocol

from flask import Flask

from helpdesk import clock
from helpdesk.config import ConfigError
from helpdesk.outbox.models import OutboxEmail

SMTP_TIMEOUT_SECONDS = 30


class DeliveryError(Exception):
    """A backend could not hand the email over; the outbox tries again later."""


class Backend(Protocol):
    """Anything that delivers one message or raises DeliveryError."""

    def send(self, message: EmailMessage) -> None: ...


def build_message(email: OutboxEmail, *, sender: str) -> EmailMessage:
    """The row as a multipart/alternative message: the plain text, and the HTML beside it."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = email.to_address
    message["Subject"] = email.subject
    message["Date"] = format_datetime(clock.now())
    # The same id on every attempt, so a receiver can recognise a retried duplicate.
    created = int(email.created_at.timestamp())
    message["Message-ID"] = f"<outbox.{email.id}.{created}@{_domain_of(sender)}>"
    # Out-of-office replies must not answer (RFC 3834): an answer could open a ticket.
    message["Auto-Submitted"] = "auto-generated"
    message["X-Helpdesk-Kind"] = email.kind
    message.set_content(email.body_text)
    message.add_alternative(email.body_html, subtype="html")
    return message


def _domain_of(sender: str) -> str:
    return parseaddr(sender)[1].rpartition("@")[2] or "localhost"


@dataclass(frozen=True)
class SMTPBackend:
    """Deliver through an SMTP server: one connection per message, STARTTLS when asked."""

    host: str
    port: int = 25
    username: str = ""
    password: str = field(default="", repr=False)
    use_tls: bool = False
    timeout: float = SMTP_TIMEOUT_SECONDS

    def send(self, message: EmailMessage) -> None:
        """Hand the message to the server, or raise DeliveryError with the server's answer."""
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.use_tls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryError(describe_smtp_error(error)) from error


def describe_smtp_error(error: Exception) -> str:
    """One line for last_error: the server's code and words when it answered, else the cause."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{code} {_text(reply)} ({recipient})"
            for recipient, (code, reply) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}"


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply


class LogBackend:
    """Write each message to the app log instead of sending it (development and demos)."""

    def __init__(self, logger: logging.Logger) -> None:
        # Flask's logger inherits WARNING from the root logger; these lines are the whole
        # point of this backend, so they must show.
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.INFO)
        self.logger = logger

    def send(self, message: EmailMessage) -> None:
        """Log the headers that matter and the plain-text part."""
        text = message.get_body(preferencelist=("plain",))
        self.logger.info(
            "Email %s\nTo: %s\nSubject: %s\n\n%s",
            message["Message-ID"],
            message["To"],
            message["Subject"],
            text.get_content() if text is not None else "",
        )


def backend_from_config(app: Flask) -> Backend:
    """The backend HELPDESK_MAIL_BACKEND names, set up from the HELPDESK_MAIL_* settings."""
    config = app.config
    if config["MAIL_BACKEND"] != "smtp":
        return LogBackend(app.logger.getChild("outbox"))
    if not config["MAIL_SERVER"]:
        raise ConfigError("HELPDESK_MAIL_BACKEND is smtp but HELPDESK_MAIL_SERVER is empty")
    return SMTPBackend(
        host=config["MAIL_SERVER"],
        port=config["MAIL_PORT"],
        username=config["MAIL_USERNAME"],
        password=config["MAIL_PASSWORD"],
        use_tls=config["MAIL_USE_TLS"],
    )
