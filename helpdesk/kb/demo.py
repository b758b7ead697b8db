"""Demo knowledge base: the shop's FAQ, readers' votes, a draft written from a ticket, and
suggestions shown on new-ticket forms (some read and left, some followed by a ticket)."""

import random
from datetime import timedelta

from sqlalchemy import select, update

from helpdesk import clock
from helpdesk.auth.models import Role, User
from helpdesk.extensions import db
from helpdesk.kb import prefill, service
from helpdesk.kb.demo_articles import ARTICLES
from helpdesk.kb.models import Article, ArticleStatus, Suggestion
from helpdesk.tickets.models import Category, Status, Ticket

DRAFTS = 2  # the last few articles stay drafts, so staff see what a draft looks like
VOTERS = (3, 14)
LEFT_FORMS = 40  # new-ticket forms where the customer read a suggestion and left
SUGGESTED_SHARE = 0.5  # recent demo tickets whose form was shown suggestions
OPENED_SHARE = 0.3
DESCRIPTIONS = {
    "Billing": "Payments, invoices, plans and charges you did not expect.",
    "Orders & delivery": "Tracking, delivery options and changing an order.",
    "Account & sign-in": "Passwords, two-step sign-in, your details and your data.",
    "Technical issue": "The app and the website: crashes, errors and outages.",
    "Product question": "Sizes, materials, care, compatibility and warranty.",
    "Returns & refunds": "Sending something back and getting your money.",
}


def seed_articles(rng: random.Random) -> int:
    """Add the demo articles that are missing; return how many were added."""
    agents = db.session.scalars(select(User).where(User.role == Role.AGENT).order_by(User.id)).all()
    customers = db.session.scalars(
        select(User).where(User.role == Role.CUSTOMER).order_by(User.id)
    ).all()
    if not agents:
        return 0
    categories = {}
    for category in db.session.scalars(select(Category)):
        category.description = category.description or DESCRIPTIONS.get(category.name, "")
        categories[category.name] = category.id
    db.session.commit()
    existing = set(db.session.scalars(select(Article.slug)))
    now = clock.now()
    added = []
    with clock.travelling():
        for index, spec in enumerate(ARTICLES):
            written = now - timedelta(days=rng.randint(40, 400), minutes=rng.randint(0, 600))
            edited = written + timedelta(days=rng.randint(0, 35))
            if service.slugify(spec.title) in existing:
                continue
            clock.freeze(written)
            draft = index >= len(ARTICLES) - DRAFTS
            article = service.create_article(
                author=rng.choice(agents),
                title=spec.title,
                body=spec.body,
                category_id=categories.get(spec.category),
                tags=spec.tags,
                status=ArticleStatus.DRAFT if draft else ArticleStatus.PUBLISHED,
            )
            if edited < now:
                clock.freeze(edited)
                article.updated_at = edited
                db.session.commit()
            added.append(article)
        clock.freeze(now)
    for article in added:
        if article.is_published:
            _readers(rng, article, customers)
    if added:
        _draft_from_a_ticket(agents[0])
    _suggestions(rng, customers, now)
    return len(added)


def _readers(rng: random.Random, article: Article, customers: list[User]) -> None:
    """Views, and votes from demo customers: most articles help, a few miss."""
    db.session.execute(
        update(Article)
        .where(Article.id == article.id)
        .values(view_count=rng.randint(15, 900))
        .execution_options(synchronize_session=False)
    )
    liked = rng.choice((0.9, 0.85, 0.8, 0.75, 0.45))
    for voter in rng.sample(customers, min(len(customers), rng.randint(*VOTERS))):
        service.give_feedback(
            article=article, visitor=f"user:{voter.id}", helpful=rng.random() < liked
        )
    db.session.commit()


def _draft_from_a_ticket(agent: User) -> None:
    """One solved ticket turned into a draft FAQ, as an agent would with "Turn into FAQ"."""
    ticket = db.session.scalar(
        select(Ticket)
        .where(
            Ticket.status.in_((Status.RESOLVED, Status.CLOSED)),
            Ticket.agent_replies >= 1,
            Ticket.submission_key.like("demo-%"),
        )
        .order_by(Ticket.resolved_at.desc())
        .limit(1)
    )
    if ticket is None:
        return
    draft = prefill.draft_from_ticket(ticket)
    if db.session.scalar(select(Article.id).where(Article.source_ticket_id == ticket.id)):
        return
    service.create_article(
        author=agent,
        title=draft.title,
        body=draft.body,
        category_id=draft.category_id,
        tags=draft.tags,
        source_ticket_number=ticket.number,
    )


def _suggestions(rng: random.Random, customers: list[User], now) -> None:
    """Suggestions on recent new-ticket forms: some sent anyway, some read and left."""
    recent = db.session.scalars(
        select(Ticket)
        .where(Ticket.created_at >= now - timedelta(days=30), Ticket.submission_key.like("demo-%"))
        .order_by(Ticket.id)
    ).all()
    subjects = [ticket.subject for ticket in recent] or [spec.title for spec in ARTICLES]
    forms = [
        (ticket.customer, ticket.submission_key, ticket.subject, ticket.created_at)
        for ticket in recent
        if rng.random() < SUGGESTED_SHARE
    ]
    for number in range(LEFT_FORMS):
        shown = now - timedelta(minutes=rng.randint(60, 30 * 24 * 60))
        forms.append((rng.choice(customers), f"demo-left-{number}", rng.choice(subjects), shown))
    with clock.travelling():
        for customer, form_key, subject, shown in forms:
            clock.freeze(shown - timedelta(minutes=2))
            articles = service.suggest(query=subject, customer=customer, form_key=form_key)
            left = form_key.startswith("demo-left")
            if articles and rng.random() < (0.75 if left else OPENED_SHARE):
                db.session.execute(
                    update(Suggestion)
                    .where(
                        Suggestion.form_key == form_key,
                        Suggestion.article_id == articles[0].id,
                        Suggestion.opened_at.is_(None),
                    )
                    .values(opened_at=shown - timedelta(minutes=1))
                    .execution_options(synchronize_session=False)
                )
        db.session.commit()
        clock.freeze(now)
