"""What the knowledge base should say next, and how often it already answers before a ticket.

Topics: what customers asked about lately (by category, and by the words of ticket subjects)
that no published article covers. Deflection: how often a suggested article was read and the
customer left the new-ticket form without sending it.
"""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, exists, func, select

from helpdesk import clock
from helpdesk.extensions import db
from helpdesk.kb import search
from helpdesk.kb.models import Article, ArticleStatus, Suggestion
from helpdesk.tickets.models import Category, Ticket

WINDOW = timedelta(days=30)
# Subjects read for common words: the newest this many in the window, so the page's cost
# is bounded however busy the month was.
SUBJECTS_READ = 20_000
TOPICS = 20
CANDIDATES = 100
MIN_TICKETS = 2
EXAMPLES = 3


@dataclass(frozen=True)
class CategoryCoverage:
    """Tickets in a category lately, and the published articles it has."""

    category: str
    category_id: int | None
    tickets: int
    articles: int


@dataclass(frozen=True)
class Topic:
    """A word many recent ticket subjects share that no published article mentions."""

    word: str
    tickets: int
    examples: list[Ticket]


def categories_by_demand(now: datetime | None = None) -> list[CategoryCoverage]:
    """Categories with tickets in the last 30 days, least covered first (tickets per article)."""
    since = (now or clock.now()) - WINDOW
    published = (
        select(func.count(Article.id))
        .where(Article.category_id == Category.id, Article.status == ArticleStatus.PUBLISHED)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Category.name, Category.id, func.count(Ticket.id), published)
        .join(Ticket, Ticket.category_id == Category.id)
        .where(Ticket.created_at >= since)
        .group_by(Category.id, Category.name)
    ).all()
    found = [CategoryCoverage(*row) for row in rows]
    return sorted(found, key=lambda row: (-row.tickets / (row.articles + 1), row.category))


def subject_words(subject: str) -> set[str]:
    """The words of a subject worth counting: no stop words, numbers or short words."""
    return {
        word
        for word in re.findall(r"[a-z][a-z'-]+", subject.lower())
        if len(word) > 3 and word not in search.STOP_WORDS
    }


def uncovered_topics(now: datetime | None = None) -> list[Topic]:
    """The most common words of recent ticket subjects that no published article covers."""
    since = (now or clock.now()) - WINDOW
    subjects = db.session.execute(
        select(Ticket.subject)
        .where(Ticket.created_at >= since)
        .order_by(Ticket.created_at.desc())
        .limit(SUBJECTS_READ)
        .execution_options(yield_per=1000)
    ).scalars()
    counts = Counter(word for subject in subjects for word in subject_words(subject))
    topics = []
    # Coverage is one indexed query per word: look at the commonest words only.
    for word, tickets in counts.most_common(CANDIDATES):
        if tickets < MIN_TICKETS or len(topics) == TOPICS:
            break
        if search.covers(word):
            continue
        examples = db.session.scalars(
            select(Ticket)
            .where(Ticket.created_at >= since, func.lower(Ticket.subject).contains(word))
            .order_by(Ticket.created_at.desc())
            .limit(EXAMPLES)
        ).all()
        topics.append(Topic(word, tickets, examples))
    return topics


@dataclass(frozen=True)
class Deflection:
    """New-ticket forms that were shown suggestions, and what their customers did."""

    forms: int  # forms shown at least one suggestion
    opened: int  # of those, forms where the customer opened a suggestion
    deflected: int  # opened one and never sent the form

    @property
    def rate(self) -> float | None:
        """Share of forms shown suggestions that ended without a ticket after a read."""
        return self.deflected / self.forms if self.forms else None


def deflection(since: datetime, until: datetime) -> Deflection:
    """Deflection of the new-ticket forms shown suggestions in [since, until)."""
    visits = (
        select(
            Suggestion.form_key,
            Suggestion.customer_id,
            func.max(case((Suggestion.opened_at.is_not(None), 1), else_=0)).label("opened"),
        )
        .where(Suggestion.shown_at >= since, Suggestion.shown_at < until)
        .group_by(Suggestion.form_key, Suggestion.customer_id)
        .subquery()
    )
    sent = exists().where(
        Ticket.customer_id == visits.c.customer_id, Ticket.submission_key == visits.c.form_key
    )
    forms, opened, deflected = db.session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(visits.c.opened), 0),
            func.coalesce(func.sum(case((and_(visits.c.opened == 1, ~sent), 1), else_=0)), 0),
        ).select_from(visits)
    ).one()
    return Deflection(forms=forms, opened=opened, deflected=deflected)
