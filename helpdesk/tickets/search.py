"""Full-text search over subjects and message bodies, in the database's own index.

SQLite: FTS5 tables kept in step by triggers (see the tickets migration). PostgreSQL: the
same columns' tsvector, stored in a generated column (search_fts) under a GIN index.

A common word is in tens of thousands of messages; a search reads the newest MATCH_LIMIT
matching messages and subjects (ids follow time), so its cost does not grow with the years
of tickets behind it; `Matches.older` tells the page to say so.
"""

import re
from dataclasses import dataclass

from sqlalchemy import (
    Select,
    column,
    func,
    literal_column,
    select,
    table,
    text,
    union,
)

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


@dataclass(frozen=True)
class Matches:
    """What a search found: the tickets, and whether older matching messages were left out."""

    ticket_ids: list[int]
    older: bool


def find(query: str) -> Matches | None:
    """The tickets whose subject or any message has all the words, among the newest
    MATCH_LIMIT matching messages and subjects; None when the query has no words. The
    matches are read once, here: the queue counts and pages through at most a few thousand
    ids by primary key."""
    terms = search_terms(query)
    if not terms:
        return None
    in_messages, in_subjects = _matches(terms, MATCH_LIMIT)
    one_more = _matches(terms, MATCH_LIMIT + 1)[0].subquery()
    older = db.session.scalar(select(func.count()).select_from(one_more)) > MATCH_LIMIT
    by_message = select(Message.ticket_id).where(Message.id.in_(in_messages))
    by_subject = select(in_subjects.subquery().c[0])  # SQLite: no LIMIT inside a UNION's part
    ticket_ids = db.session.scalars(union(by_message, by_subject)).all()
    return Matches(sorted(ticket_ids), older=older)


def _newest(id_column, query, limit: int) -> Select:
    """PostgreSQL: the newest `limit` ids whose stored vector (search_fts) matches. For a common
    word the planner walks the ids backwards checking each stored vector, and stops early; for
    a rare one it reads the GIN index (the column's statistics tell it which)."""
    vector = literal_column(f"{id_column.table.name}.search_fts")
    return select(id_column).where(vector.op("@@")(query)).order_by(id_column.desc()).limit(limit)


def _matches(terms: list[str], limit: int) -> tuple[Select, Select]:
    """The newest `limit` matching message ids and ticket ids by subject."""
    if db.engine.dialect.name == "postgresql":
        query = func.plainto_tsquery(ENGLISH, " ".join(terms))
        return _newest(Message.id, query, limit), _newest(Ticket.id, query, limit)
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
