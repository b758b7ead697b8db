"""Demo idea board: about forty ideas with votes from many demo customers, comments, the
team's status notes over the months, three duplicates merged, and tickets that asked."""

import random
from datetime import timedelta

from sqlalchemy import delete, select

from helpdesk import clock
from helpdesk.auth.models import Role, User
from helpdesk.extensions import db
from helpdesk.ideas import service
from helpdesk.ideas.demo_ideas import CATEGORIES, DUPLICATES, IDEAS
from helpdesk.ideas.models import Idea, IdeaCategory, IdeaStatus
from helpdesk.outbox.models import OutboxEmail
from helpdesk.tickets.models import Ticket

PATHS = {
    IdeaStatus.NEW: [],
    IdeaStatus.UNDER_REVIEW: [IdeaStatus.UNDER_REVIEW],
    IdeaStatus.PLANNED: [IdeaStatus.UNDER_REVIEW, IdeaStatus.PLANNED],
    IdeaStatus.IN_PROGRESS: [IdeaStatus.UNDER_REVIEW, IdeaStatus.PLANNED, IdeaStatus.IN_PROGRESS],
    IdeaStatus.DONE: [
        IdeaStatus.UNDER_REVIEW,
        IdeaStatus.PLANNED,
        IdeaStatus.IN_PROGRESS,
        IdeaStatus.DONE,
    ],
    IdeaStatus.DECLINED: [IdeaStatus.UNDER_REVIEW, IdeaStatus.DECLINED],
}
LINKED_TICKETS = 12


def _categories() -> dict[str, int]:
    existing = {category.name: category.id for category in db.session.scalars(select(IdeaCategory))}
    for name in CATEGORIES:
        if name not in existing:
            existing[name] = service.add_category(name=name).id
    return existing


def seed_ideas(rng: random.Random) -> int:
    """Add the demo ideas that are missing (by title); return how many were added."""
    customers = db.session.scalars(
        select(User).where(User.role == Role.CUSTOMER).order_by(User.id)
    ).all()
    staff = db.session.scalars(
        select(User).where(User.role.in_((Role.AGENT, Role.SUPERVISOR))).order_by(User.id)
    ).all()
    if not customers or not staff:
        return 0
    categories = _categories()
    existing = set(db.session.scalars(select(Idea.title)))
    now = clock.now()
    last_email = db.session.scalar(select(OutboxEmail.id).order_by(OutboxEmail.id.desc()).limit(1))
    by_title: dict[str, Idea] = {}
    added = 0
    with clock.travelling():
        for spec in IDEAS:
            posted = now - timedelta(days=rng.randint(20, 300), minutes=rng.randint(0, 1440))
            if spec.title in existing:
                continue
            clock.freeze(posted)
            idea = service.create_idea(
                author=rng.choice(customers),
                title=spec.title,
                body=spec.body,
                category_id=categories.get(spec.category),
            )
            by_title[spec.title] = idea
            added += 1
            # Votes come first and the team's moves later, so a closed idea's votes all came
            # before it closed (as the board allows).
            turn = posted + (now - posted) * 0.6
            _votes(rng, idea, customers, spec.popularity, posted, turn)
            minutes = max(61, int((now - turn).total_seconds() // 60))
            moments = sorted(
                turn + timedelta(minutes=rng.randint(60, minutes))
                for _ in range(len(spec.comments) + len(PATHS[IdeaStatus(spec.status)]) + 1)
            )
            for body in spec.comments:
                clock.freeze(moments.pop(0))
                service.add_comment(idea=idea, author=rng.choice(customers), body=body)
            path = PATHS[IdeaStatus(spec.status)]
            for step, note in zip(path, (*spec.status_notes, *([""] * len(path))), strict=False):
                clock.freeze(moments.pop(0))
                service.change_status(
                    idea=idea,
                    actor=rng.choice(staff),
                    status=step,
                    note=note or f"Now {step.label.lower()}.",
                )
            if spec.official:
                clock.freeze(moments.pop(0))
                service.add_comment(idea=idea, author=rng.choice(staff), body=spec.official)
        for duplicate, original in DUPLICATES:
            if duplicate in by_title and original in by_title:
                clock.freeze(now - timedelta(days=rng.randint(1, 15)))
                service.merge(
                    idea=by_title[duplicate], into_id=by_title[original].id, actor=staff[0]
                )
        clock.freeze(now)
    if added:
        _link_tickets(rng, list(by_title.values()), staff[0])
    # The demo's past happened already: nobody is waiting for those emails.
    if last_email is not None or added:
        db.session.execute(delete(OutboxEmail).where(OutboxEmail.id > (last_email or 0)))
        db.session.commit()
    return added


def _votes(rng, idea: Idea, customers: list[User], popularity: float, posted, now) -> None:
    """Votes from a share of the demo customers, spread between posting and today."""
    span = max(1, int((now - posted).total_seconds() // 60))
    for customer in customers:
        if customer.id == idea.author_id or rng.random() > popularity:
            continue
        clock.freeze(posted + timedelta(minutes=int(span * rng.random() ** 1.5)))
        service.toggle_vote(idea=idea, user=customer)


def _link_tickets(rng: random.Random, ideas: list[Idea], agent: User) -> None:
    """A few demo tickets were customers asking for an idea."""
    tickets = db.session.scalars(
        select(Ticket).where(Ticket.submission_key.like("demo-%")).order_by(Ticket.id)
    ).all()
    open_ideas = [idea for idea in ideas if idea.merged_into_id is None]
    for ticket in rng.sample(tickets, min(LINKED_TICKETS, len(tickets))):
        service.link_ticket(idea=rng.choice(open_ideas), ticket_number=ticket.number, actor=agent)
