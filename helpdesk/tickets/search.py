"""Full-text search over subjects and message bodies, in the database's own index.

SQLite: FTS5 tables kept in step by triggers (see the tickets migration). PostgreSQL: GIN
indexes on to_tsvector('english', ...) of the same columns.

A common word is in tens of thousands of messages; a search reads the newest MATCH_LIMIT
matching messages and subjects (ids follow time), so its cost does not grow with the years
of tickets behind it, and `has_older_matches` tells the page to say so.
"""

import re

from sqlalchemy import Select, column, func, literal_column, select, table, text, union

from helpdesk.extensions import db
from helpdesk.tickets.models import Message, Ticket

MAX_TERMS = 12
MATCH_LIMIT = 2_000
ENGLISH = literal_column("'english'::regconfig")
_message_fts = table("message_fts", column("rowid"))
_subject_fts = table("ticket_subject_fts", column("rowid"))


def search_terms(query: str) -> list[str]:
    """The words of a query, lowercased; punctuation and operators are not syntax here."""
    return re.findall(r"\w+", query.lower())[:MAX_TERMS]


def matching_ticket_ids(query: str) -> Select | None:
    """A select of ids of tickets whose subject or any message has all the words (among the
    newest MATCH_LIMIT matches of each), or None when the query has no words."""
    terms = search_terms(query)
    if not terms:
        return None
    in_messages, in_subjects = _matches(terms, MATCH_LIMIT)
    by_subject = in_subjects.subquery()
    return (
        union(
            select(Message.ticket_id).where(Message.id.in_(in_messages)),
            select(*by_subject.c),
        )
        .subquery()
        .select()
    )


def has_older_matches(query: str) -> bool:
    """Whether more messages match than a search reads (older tickets were left out)."""
    terms = search_terms(query)
    if not terms:
        return False
    in_messages, _ = _matches(terms, MATCH_LIMIT + 1)
    counted = select(func.count()).select_from(in_messages.subquery())
    return db.session.scalar(counted) > MATCH_LIMIT


def _matches(terms: list[str], limit: int) -> tuple[Select, Select]:
    """The newest `limit` matching message ids and ticket ids by subject."""
    if db.engine.dialect.name == "postgresql":
        query = func.plainto_tsquery(ENGLISH, " ".join(terms))
        return (
            select(Message.id)
            .where(func.to_tsvector(ENGLISH, Message.body).op("@@")(query))
            .order_by(Message.id.desc())
            .limit(limit),
            select(Ticket.id)
            .where(func.to_tsvector(ENGLISH, Ticket.subject).op("@@")(query))
            .order_by(Ticket.id.desc())
            .limit(limit),
        )
    match = " ".join(f'"{term}"' for term in terms)
    return (
        select(_message_fts.c.rowid)
        .where(text("message_fts MATCH :message_match").bindparams(message_match=match))
        .order_by(_message_fts.c.rowid.desc())
        .limit(limit),
        select(_subject_fts.c.rowid)
        .where(text("ticket_subject_fts MATCH :subject_match").bindparams(subject_match=match))
        .order_by(_subject_fts.c.rowid.desc())
        .limit(limit),
    )
