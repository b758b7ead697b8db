"""Demo tickets: about 600 conversations over the last 90 days, played through the services."""

import random
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from helpdesk import clock
from helpdesk.auth.models import Role, User
from helpdesk.extensions import db
from helpdesk.outbox.models import OutboxEmail
from helpdesk.tickets import batch, service
from helpdesk.tickets.demo_text import MOODS, scripted_thread
from helpdesk.tickets.models import Category, Message, MessageKind, Ticket

TICKET_COUNT = 600
DAYS = 90
# The quarter's story for the reports: the team gets quicker and customers calmer. Moods
# (negative, neutral, positive) and the pace of every wait move from the first weight to the
# second as the ticket gets more recent.
MOOD_WEIGHTS = ((42, 43, 15), (26, 49, 25))
PACE = (1.5, 0.6)
WAIT_MINUTES = 150  # the median wait between two steps of a thread, at a pace of 1
GENUINE_REOPEN = 0.1  # the customer's last word comes after the resolution and reopens it
PRIORITIES = (("low", 20), ("normal", 55), ("high", 20), ("urgent", 5))
CHANNELS = (("web", 60), ("email", 25), ("chat", 10), ("phone", 5))
REVIEW_CHANCE = 0.15
CANNED_REPLIES = (
    (
        "Refund issued",
        "Hi {{customer.first_name}},\n\nI have issued your refund today. Banks usually take "
        "3-5 working days to show it.\n\nBest wishes,\n{{agent.name}}",
    ),
    (
        "Need more details",
        "Hi {{customer.first_name}},\n\nThanks for getting in touch about #{{ticket.number}}. "
        "Could you send me your order number and a photo of the problem?\n\n{{agent.name}}",
    ),
    (
        "Password reset steps",
        'Hi {{customer.first_name}},\n\nOn the sign-in page choose "Forgot password", enter '
        "your email and follow the link we send. It works for one hour.\n\n{{agent.name}}",
    ),
)


def _pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def seed_tickets(rng: random.Random, count: int = TICKET_COUNT) -> int:
    """Add the demo tickets that are missing (each has a fixed submission key)."""
    customers = db.session.scalars(
        select(User).where(User.role == Role.CUSTOMER, User.email.like("%@example.%"))
    ).all()
    agents = db.session.scalars(select(User).where(User.role == Role.AGENT)).all()
    categories = db.session.scalars(select(Category).where(Category.active)).all()
    if not customers or not agents:
        return 0
    done = set(
        db.session.scalars(
            select(Ticket.submission_key).where(Ticket.submission_key.like("demo-%"))
        )
    )
    last_email = db.session.scalar(select(func.max(OutboxEmail.id))) or 0
    now = clock.now()
    added = 0
    with clock.travelling():
        for index in range(count):
            # Draw every number even for tickets already there, so reruns stay in step.
            plan = _plan(rng, now, customers, agents, categories)
            if f"demo-{index}" in done:
                continue
            _play(plan, f"demo-{index}", now)
            added += 1
        clock.freeze(now)
        batch.close_stale(days=current_app.config["AUTO_CLOSE_DAYS"])
    # The demo's history happened in the past: nobody is waiting for those emails.
    db.session.execute(delete(OutboxEmail).where(OutboxEmail.id > last_email))
    db.session.commit()
    _seed_canned_replies()
    return added


def _between(pair: tuple, progress: float):
    """The value `progress` (0 at the start of the demo's days, 1 today) of the way along."""
    first, last = pair
    if isinstance(first, tuple):
        return tuple(_between(values, progress) for values in zip(first, last, strict=True))
    return first + (last - first) * progress


def _wait(rng: random.Random, pace: float) -> timedelta:
    """A wait between two steps: mostly a few hours, now and then more than a day."""
    minutes = WAIT_MINUTES * pace * rng.lognormvariate(0, 1.0)
    return timedelta(minutes=min(max(minutes, 10), 3 * 24 * 60))


def _plan(rng, now, customers, agents, categories) -> dict:
    category = rng.choice(categories)
    customer = rng.choice(customers)
    agent = rng.choice(agents)
    age = timedelta(days=DAYS * rng.random() ** 1.3, minutes=rng.randint(0, 1439))
    progress = max(0.0, 1 - age / timedelta(days=DAYS))
    mood = rng.choices(MOODS, _between(MOOD_WEIGHTS, progress))[0]
    pace = _between(PACE, progress)
    return {
        "customer": customer,
        "agent": agent,
        "category": category,
        "priority": _pick(rng, PRIORITIES),
        "channel": _pick(rng, CHANNELS),
        "opened": now - age,
        "thread": scripted_thread(
            rng,
            category=category.name,
            mood=mood,
            customer_name=customer.name,
            agent_name=agent.name,
        ),
        # The first wait is the assignment's: minutes, not hours.
        "gaps": [timedelta(minutes=rng.randint(2, 90))] + [_wait(rng, pace) for _ in range(11)],
        "assign": rng.random() < 0.85,
        "finish": rng.random(),
        "reopens": rng.random() < GENUINE_REOPEN,
        "reviews": [rng.random() < REVIEW_CHANCE for _ in range(8)],
    }


def _play(plan: dict, key: str, now) -> None:
    """Replay one conversation at the times it happened, through the real services."""
    thread, agent, customer = plan["thread"], plan["agent"], plan["customer"]
    gaps = iter(plan["gaps"])
    at = plan["opened"]

    def later():
        nonlocal at
        at = at + next(gaps)
        if at >= now:
            return False
        clock.freeze(at)
        return True

    clock.freeze(at)
    ticket = service.create_ticket(
        customer=customer,
        subject=thread.subject,
        body=thread.opening,
        category_id=plan["category"].id,
        channel=plan["channel"],
        priority=plan["priority"],
        submission_key=key,
    )
    if plan["assign"] and later():
        service.assign(ticket=ticket, actor=agent, assignee_id=agent.id)
    followups = list(thread.followups)
    if followups and later():
        service.reply(ticket=ticket, author=customer, body=followups.pop(0))
    if thread.note and later():
        service.reply(ticket=ticket, author=agent, body=thread.note, kind=MessageKind.NOTE.value)
    # Mostly the agent waits for the customer's last word before resolving; now and then the
    # last word comes after the resolution and reopens the ticket.
    resolves_early = not thread.closing or plan["reopens"]
    for position, text in enumerate(thread.replies):
        if not later():
            return _review(plan, ticket)
        last = position == len(thread.replies) - 1
        resolve = last and plan["finish"] < 0.85 and resolves_early
        status = "resolved" if resolve else "pending"
        service.reply(ticket=ticket, author=agent, body=text, kind="reply", status=status)
        if followups and not last and later():
            service.reply(ticket=ticket, author=customer, body=followups.pop(0))
    if thread.closing and later():
        service.reply(ticket=ticket, author=customer, body=thread.closing)
        if plan["finish"] < 0.85 and ticket.status == "open" and later():
            service.change_status(ticket=ticket, actor=agent, status="resolved")
    _review(plan, ticket)


def _review(plan: dict, ticket: Ticket) -> None:
    """Agents confirm or correct the mood of some customer messages."""
    messages = db.session.scalars(
        select(Message).where(Message.ticket_id == ticket.id, Message.kind == MessageKind.CUSTOMER)
    ).all()
    for message, review in zip(messages, plan["reviews"], strict=False):
        if review:
            label = plan["thread"].mood if message.id == messages[0].id else message.sentiment_label
            service.correct_sentiment(message_id=message.id, actor=plan["agent"], label=label)


def _seed_canned_replies() -> None:
    from helpdesk.tickets.models import CannedReply

    existing = set(db.session.scalars(select(CannedReply.title)))
    for title, body in CANNED_REPLIES:
        if title not in existing:
            db.session.add(CannedReply(title=title, body=body))
    db.session.commit()
