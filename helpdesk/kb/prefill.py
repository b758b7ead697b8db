"""A draft FAQ article from a solved ticket: its question and best answer, personal data out."""

import re
from dataclasses import dataclass

from sqlalchemy import select

from helpdesk.extensions import db
from helpdesk.tickets.models import Message, MessageKind, Ticket

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Phone, order, card and account numbers: five or more digits, spaces and dashes allowed
# between them (prices such as 109.59 and years stay).
LONG_NUMBER = re.compile(r"(?<![\w.,])\+?\d(?:[\d\s()-]*\d)?(?![\w]|[.,]\d)")
CARD_ENDING = re.compile(r"\b(ending|ends)(\s+in|\s+with)?\s+\d{3,4}\b", re.IGNORECASE)
MIN_DIGITS = 5
GREETING = re.compile(
    r"\A\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^\n]*\n+", re.IGNORECASE
)
SIGN_OFF = re.compile(
    r"(?:best(?: wishes| regards)?|kind regards|regards|many thanks|thanks(?: again)?|"
    r"thank you|cheers|all the best)[,.!]?",
    re.IGNORECASE,
)
SIGN_OFF_LINES = 4  # a sign-off is one of the last few lines: the word, then a name or two
# Reference numbers that mix letters and digits: ORD123456, GB29NWBK60161331926819.
REFERENCE = re.compile(r"\b(?=[A-Za-z0-9]*\d{4})(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{6,}\b")
MIN_NAME = 3  # shorter names ("Al", "me@...") would take ordinary words with them


@dataclass(frozen=True)
class Draft:
    """What the new-article form starts with."""

    title: str
    body: str
    category_id: int | None
    tags: list[str]


def scrub(text: str, names: list[str]) -> str:
    """The text without greetings and sign-offs, email addresses, long numbers or the names."""
    text = GREETING.sub("", text)
    text = _without_sign_off(text)
    text = REFERENCE.sub("[number]", text)
    text = EMAIL.sub("[email]", text)
    text = CARD_ENDING.sub(lambda match: f"{match[1]}{match[2] or ''} [number]", text)
    text = LONG_NUMBER.sub(
        lambda match: "[number]" if sum(c.isdigit() for c in match[0]) >= MIN_DIGITS else match[0],
        text,
    )
    for name in sorted({name for name in names if len(name) >= MIN_NAME}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", "[name]", text, flags=re.IGNORECASE)
    return text.strip()


def _without_sign_off(text: str) -> str:
    """The text without a closing "Thanks, Anna" (looked for in the last lines only)."""
    lines = text.rstrip().split("\n")
    for position in range(max(0, len(lines) - SIGN_OFF_LINES), len(lines)):
        if SIGN_OFF.fullmatch(lines[position].strip()):
            return "\n".join(lines[:position]).rstrip()
    return text


def _names_of(ticket: Ticket) -> list[str]:
    """The customer's full name and each part of it, and the local part of their email."""
    full = ticket.customer.name.strip()
    parts = [part for part in re.split(r"[\s,]+", full) if len(part) >= 2]
    return [full, *parts, ticket.customer.email.split("@")[0]]


def best_reply(messages: list[Message], ticket: Ticket) -> Message | None:
    """The reply that solved it: one the customer answered happily, else the last reply
    before the ticket was resolved, else the last reply."""
    replies = [message for message in messages if message.kind == MessageKind.REPLY]
    for position, message in enumerate(messages):
        if message.kind != MessageKind.REPLY:
            continue
        answer = next(
            (later for later in messages[position + 1 :] if later.kind == MessageKind.CUSTOMER),
            None,
        )
        if answer is not None and answer.sentiment_label == "positive":
            return message
    if ticket.resolved_at is not None:
        before = [message for message in replies if message.created_at <= ticket.resolved_at]
        if before:
            return before[-1]
    return replies[-1] if replies else None


def draft_from_ticket(ticket: Ticket) -> Draft:
    """The ticket's first question and best answer as an article to edit, without the
    customer's personal data (names, email addresses, long numbers such as order numbers)."""
    messages = db.session.scalars(
        select(Message)
        .where(Message.ticket_id == ticket.id, Message.kind != MessageKind.NOTE)
        .order_by(Message.created_at, Message.id)
    ).all()
    names = _names_of(ticket)
    question = next((m for m in messages if m.kind == MessageKind.CUSTOMER), None)
    answer = best_reply(messages, ticket)
    sections = []
    if question is not None:
        sections.append(f"## Question\n\n{scrub(question.body, names)}")
    sections.append(
        f"## Answer\n\n{scrub(answer.body, names) if answer else 'Write the answer here.'}"
    )
    return Draft(
        title=scrub(ticket.subject, names),
        body="\n\n".join(sections),
        category_id=ticket.category_id,
        tags=[tag.name for tag in ticket.tags],
    )
