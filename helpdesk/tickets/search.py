"""Full-text search over subjects and message bodies, in the database's own index.

SQLite: FTS5 tables kept in step by triggers (see the tickets migration). PostgreSQL: GIN
indexes on to_tsvector('english', ...) of the same columns.
"""

import re

from sqlalchemy import Select, column, func, literal_column, select, table, text, union

from helpdesk.extensions import db
from helpdesk.tickets.models import Message, Ticket

MAX_TERMS = 12
ENGLISH = literal_column("'english'::regconfig")
_message_fts = table("message_fts", column("rowid"))
_subject_fts = table("ticket_subject_fts", column("rowid"))


def search_terms(query: str) -> list[str]:
    """The words of a query, lowercased; punctuation and operators are not syntax here."""
    return re.findall(r"\w+", query.lower())[:MAX_TERMS]


def matching_ticket_ids(query: str) -> Select | None:
    """A select of ids of tickets whose subject or any message has all the words, or None."""
    terms = search_terms(query)
    if not terms:
        return None
    if db.engine.dialect.name == "postgresql":
        return _postgres(" ".join(terms))
    return _sqlite(" ".join(f'"{term}"' for term in terms))


def _sqlite(match: str) -> Select:
    in_messages = select(_message_fts.c.rowid).where(
        text("message_fts MATCH :message_match").bindparams(message_match=match)
    )
    in_subjects = select(_subject_fts.c.rowid).where(
        text("ticket_subject_fts MATCH :subject_match").bindparams(subject_match=match)
    )
    return (
        union(select(Message.ticket_id).where(Message.id.in_(in_messages)), in_subjects)
        .subquery()
        .select()
    )


def _postgres(words: str) -> Select:
    query = func.plainto_tsquery(ENGLISH, words)
    return (
        union(
            select(Message.ticket_id).where(
                func.to_tsvector(ENGLISH, Message.body).op("@@")(query)
            ),
            select(Ticket.id).where(func.to_tsvector(ENGLISH, Ticket.subject).op("@@")(query)),
        )
        .subquery()
        .select()
    )
