"""Idea board operations: posting, voting, commenting, moving ideas on, merging, telling voters.

Every change here commits whole; the counts the board sorts by (votes, comments, tickets) move
in the same transaction as the rows they count, with atomic increments, so they stay equal.
"""

from blinker import Namespace
from sqlalchemy import delete, exists, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from helpdesk import clock, markup
from helpdesk.auth.models import User
from helpdesk.errors import Conflict, Invalid, NotFound
from helpdesk.extensions import db
from helpdesk.ideas.models import (
    CLOSED_STATUSES,
    Idea,
    IdeaCategory,
    IdeaComment,
    IdeaStatus,
    IdeaStatusChange,
    IdeaTicket,
    Notice,
    Vote,
)
from helpdesk.outbox.service import absolute_url, queue_email
from helpdesk.tagging.service import RETAG_STEPS, RetagStep, tag
from helpdesk.tickets import service as tickets
from helpdesk.tickets.history import record

MAX_TITLE = 150
MAX_BODY = 10_000
MAX_COMMENT = 5_000
MAX_NOTE = 2_000
# Sent with the idea as sender and change= (the IdeaStatusChange) when staff move an idea on,
# before the change commits: what receivers add to the session commits with it.
status_changed = Namespace().signal("idea-status-changed")


def get(idea_id: int) -> Idea:
    """An idea, or NotFound."""
    idea = db.session.get(Idea, idea_id)
    if idea is None:
        raise NotFound("There is no such idea.")
    return idea


def _category(category_id: int | None) -> int | None:
    if category_id is not None and db.session.get(IdeaCategory, category_id) is None:
        raise Invalid("Choose a category from the list.", field="category")
    return category_id


def _tagged(text: str) -> tuple[str, float]:
    reading, _ = tag(text)
    return reading.label, reading.polarity


def create_idea(*, author: User, title: str, body: str, category_id: int | None) -> Idea:
    """Post an idea; its author votes for it at once."""
    title, body = title.strip(), (body or "").strip()
    if not title:
        raise Invalid("Give your idea a title.", field="title")
    if len(title) > MAX_TITLE or len(body) > MAX_BODY:
        raise Invalid("Keep the idea shorter.", field="title" if len(title) > MAX_TITLE else "body")
    html = markup.render(body, markup.GUIDANCE)
    label, polarity = _tagged(f"{title}. {body}")
    idea = Idea(
        title=title,
        body_markdown=body,
        body_html=html,
        body_text=markup.plain_text(html),
        author_id=author.id,
        category_id=_category(category_id),
        vote_count=1,
        sentiment_label=label,
        sentiment_polarity=polarity,
    )
    db.session.add(idea)
    db.session.flush()
    db.session.add(Vote(idea_id=idea.id, user_id=author.id))
    db.session.commit()
    return idea


def _count(idea_id: int, **steps: int) -> None:
    """Move an idea's counters by the given steps, atomically in the database."""
    columns = {
        "votes": Idea.vote_count,
        "comments": Idea.comment_count,
        "tickets": Idea.ticket_count,
    }
    names = {"votes": "vote_count", "comments": "comment_count", "tickets": "ticket_count"}
    db.session.execute(
        update(Idea)
        .where(Idea.id == idea_id)
        .values({names[key]: columns[key] + step for key, step in steps.items()})
        .execution_options(synchronize_session=False)
    )


def has_voted(idea: Idea, user: User) -> bool:
    return bool(
        user.is_authenticated
        and db.session.scalar(
            select(exists().where(Vote.idea_id == idea.id, Vote.user_id == user.id))
        )
    )


def toggle_vote(*, idea: Idea, user: User) -> bool:
    """Add the user's vote, or take it back; True when they now vote for the idea."""
    if not idea.takes_votes:
        state = "merged into another idea" if idea.merged_into_id else idea.status_label.lower()
        raise Invalid(f"This idea is {state}; it takes no more votes.")
    removed = db.session.execute(
        delete(Vote).where(Vote.idea_id == idea.id, Vote.user_id == user.id)
    ).rowcount
    if removed:
        _count(idea.id, votes=-removed)
        db.session.commit()
        return False
    try:
        db.session.add(Vote(idea_id=idea.id, user_id=user.id))
        db.session.flush()
    except IntegrityError:  # the same person's other click got there first: one vote stands
        db.session.rollback()
        return True
    _count(idea.id, votes=1)
    db.session.commit()
    return True


def add_comment(*, idea: Idea, author: User, body: str) -> IdeaComment:
    """A comment; staff comments are the team's official word, customers' get a mood."""
    body = (body or "").strip()
    if not body:
        raise Invalid("Write a comment.", field="body")
    if len(body) > MAX_COMMENT:
        raise Invalid(f"Keep the comment under {MAX_COMMENT} characters.", field="body")
    comment = IdeaComment(idea_id=idea.id, author_id=author.id, body=body, official=author.is_staff)
    if not author.is_staff:
        comment.sentiment_label, comment.sentiment_polarity = _tagged(body)
    db.session.add(comment)
    _count(idea.id, comments=1)
    db.session.commit()
    return comment


def _people_to_tell(idea_id: int) -> list[User]:
    """The idea's voters and its author, each once, active accounts only."""
    voters = select(Vote.user_id).where(Vote.idea_id == idea_id)
    author = select(Idea.author_id).where(Idea.id == idea_id)
    return db.session.scalars(
        select(User).where(User.active, User.id.in_(voters.union(author))).order_by(User.id)
    ).all()


def _tell(idea: Idea, change: IdeaStatusChange, headline: str) -> None:
    """Email each voter and the author once about a change, and leave them a notice."""
    people = _people_to_tell(idea.id)
    url = absolute_url(f"/ideas/{idea.id}")
    for person in people:
        queue_email(
            to=person.email,
            subject=f"{headline}: {idea.title}"[:255],
            template="idea_status",
            kind="idea_status",
            recipient=person,
            idea=idea,
            change=change,
            headline=headline,
            idea_url=url,
        )
        db.session.add(
            Notice(user_id=person.id, idea_id=idea.id, text=f"{headline}: {idea.title}"[:300])
        )
    change.told = len(people)


def _locked(*idea_ids: int) -> dict[int, Idea]:
    """The ideas, re-read and locked for this transaction, in id order (no deadlock between two
    staff merging A into B and B into A; SQLite's single writer does the same by itself)."""
    rows = db.session.scalars(
        select(Idea)
        .where(Idea.id.in_(idea_ids))
        .order_by(Idea.id)
        .with_for_update(of=Idea)
        .execution_options(populate_existing=True)
    ).all()
    return {idea.id: idea for idea in rows}


def change_status(*, idea: Idea, actor: User, status: str, note: str) -> IdeaStatusChange:
    """Move an idea on with a public note; its voters and author are told, once each."""
    try:
        target = IdeaStatus(status)
    except ValueError:
        raise Invalid("Choose a status from the list.", field="status") from None
    note = (note or "").strip()
    if not note:
        raise Invalid("Write a note for the voters: what changes, and why.", field="note")
    if len(note) > MAX_NOTE:
        raise Invalid(f"Keep the note under {MAX_NOTE} characters.", field="note")
    idea = _locked(idea.id)[idea.id]  # a second click waits here, then finds the move made
    if idea.merged_into_id:
        raise Invalid("A merged idea keeps the status of the idea it was merged into.")
    if target == idea.status:
        raise Invalid(f"The idea is {target.label.lower()} already.", field="status")
    now = clock.now()
    change = IdeaStatusChange(
        idea_id=idea.id, actor_id=actor.id, old=idea.status, new=target.value, note=note
    )
    idea.status = target.value
    idea.status_changed_at = now
    idea.reviewed_at = idea.reviewed_at or now
    idea.done_at = now if target == IdeaStatus.DONE else None
    db.session.add(change)
    _tell(idea, change, f"The idea you voted for is now {target.label.lower()}")
    status_changed.send(idea, change=change)
    db.session.commit()
    return change


def merge(*, idea: Idea, into_id: int, actor: User) -> Idea:
    """Merge a duplicate into the idea kept: votes move over (nobody counted twice), comments
    stay readable on the duplicate, linked tickets and earlier duplicates move, and the
    duplicate's voters are told. A done or declined idea takes no votes: merged into one,
    the duplicate keeps its votes, and its voters are told where things stand."""
    if into_id == idea.id:
        raise Invalid("An idea cannot be merged into itself.", field="into_id")
    found = _locked(idea.id, into_id)
    idea, kept = found[idea.id], found.get(into_id)
    if idea.merged_into_id:
        raise Invalid("This idea was merged already.")
    if kept is None:
        raise Invalid("There is no idea with that number.", field="into_id")
    if kept.merged_into_id:
        raise Invalid(
            f"#{kept.id} was itself merged into #{kept.merged_into_id}; merge into that.",
            field="into_id",
        )
    closed = kept.status in CLOSED_STATUSES
    where = f"#{kept.id} “{kept.title}”"
    note = (
        f"Merged into {where}, which is {kept.status_label.lower()} already."
        if closed
        else f"Merged into {where}: votes and follow-ups continue there."
    )
    change = IdeaStatusChange(
        idea_id=idea.id, actor_id=actor.id, old=idea.status, new="merged", note=note
    )
    db.session.add(change)
    _tell(idea, change, "The idea you voted for was merged")
    moved = 0 if closed else _move_votes(idea, kept)
    linked = select(IdeaTicket.ticket_id).where(IdeaTicket.idea_id == kept.id)
    tickets_moved = db.session.execute(
        update(IdeaTicket)
        .where(IdeaTicket.idea_id == idea.id, IdeaTicket.ticket_id.not_in(linked))
        .values(idea_id=kept.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.execute(delete(IdeaTicket).where(IdeaTicket.idea_id == idea.id))
    # Earlier duplicates of this idea now point straight at the kept one: no chains.
    db.session.execute(
        update(Idea)
        .where(Idea.merged_into_id == idea.id)
        .values(merged_into_id=kept.id)
        .execution_options(synchronize_session=False)
    )
    _count(kept.id, votes=moved, tickets=tickets_moved)
    idea.ticket_count = 0
    idea.merged_into_id = kept.id
    try:
        db.session.commit()
    except IntegrityError:  # someone voted for the kept idea in the same instant
        db.session.rollback()
        raise Conflict("Votes changed while merging; please merge again.") from None
    db.session.refresh(idea)
    return kept


def _move_votes(idea: Idea, kept: Idea) -> int:
    """Give the kept idea the duplicate's votes of people not voting for it yet; the
    duplicate's votes go. Returns how many the kept idea gained."""
    already = select(Vote.user_id).where(Vote.idea_id == kept.id)
    moving = db.session.execute(
        select(Vote.user_id, Vote.created_at).where(
            Vote.idea_id == idea.id, Vote.user_id.not_in(already)
        )
    ).all()
    if moving:
        db.session.execute(
            insert(Vote),
            [
                {"idea_id": kept.id, "user_id": user_id, "created_at": created_at}
                for user_id, created_at in moving
            ],
        )
    dropped = db.session.execute(delete(Vote).where(Vote.idea_id == idea.id)).rowcount
    _count(idea.id, votes=-dropped)
    return len(moving)


def link_ticket(*, idea: Idea, ticket_number: int, actor: User) -> IdeaTicket:
    """Note that a customer asked for this idea in a ticket."""
    try:
        ticket = tickets.ticket_for(actor, ticket_number)
    except NotFound:
        raise Invalid(f"There is no ticket #{ticket_number}.", field="number") from None
    if idea.merged_into_id:
        raise Invalid(f"This idea was merged; link the ticket to #{idea.merged_into_id}.")
    link = IdeaTicket(idea_id=idea.id, ticket_id=ticket.id, linked_by_id=actor.id)
    db.session.add(link)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(f"Ticket #{ticket.number} is linked to this idea already.") from None
    _count(idea.id, tickets=1)
    record(ticket, actor, "idea_linked", idea_id=idea.id, title=idea.title)
    db.session.commit()
    return link


def set_category(*, idea: Idea, category_id: int | None) -> Idea:
    """File an idea under another category (or none)."""
    idea.category_id = _category(category_id)
    db.session.commit()
    return idea


def _save_category(category: IdeaCategory) -> IdeaCategory:
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Invalid("A category with this name exists already.", field="name") from None
    return category


def add_category(*, name: str) -> IdeaCategory:
    """A new idea category, last in the list."""
    name = name.strip()
    if not name:
        raise Invalid("Name the category.", field="name")
    position = (db.session.scalar(select(func.max(IdeaCategory.position))) or 0) + 1
    category = IdeaCategory(name=name, position=position)
    db.session.add(category)
    return _save_category(category)


def rename_category(*, category_id: int, name: str, position: int | None) -> IdeaCategory:
    """Rename or move an idea category; its ideas keep it."""
    category = db.session.get(IdeaCategory, category_id)
    if category is None:
        raise NotFound("There is no such category.")
    if not name.strip():
        raise Invalid("Name the category.", field="name")
    category.name = name.strip()
    if position is not None:
        category.position = position
    return _save_category(category)


def mark_notices_read(user: User, notice_ids: list[int]) -> None:
    """The notices the user was shown are read now (older unread ones stay unread)."""
    db.session.execute(
        update(Notice)
        .where(Notice.user_id == user.id, Notice.id.in_(notice_ids), Notice.read_at.is_(None))
        .values(read_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _retag(model, text_of, after_id: int, batch_size: int, *where) -> tuple[int, int] | None:
    batch = db.session.scalars(
        select(model).where(model.id > after_id, *where).order_by(model.id).limit(batch_size)
    ).all()
    if not batch:
        return None
    for row in batch:
        row.sentiment_label, row.sentiment_polarity = _tagged(text_of(row))
    db.session.commit()
    return batch[-1].id, len(batch)


RETAG_STEPS.extend(
    (
        RetagStep(
            "ideas",
            count=lambda: db.session.scalar(select(func.count()).select_from(Idea)),
            batch=lambda after_id, size: _retag(
                Idea, lambda idea: f"{idea.title}. {idea.body_markdown}", after_id, size
            ),
        ),
        RetagStep(
            "idea comments",
            count=lambda: db.session.scalar(
                select(func.count()).select_from(IdeaComment).where(~IdeaComment.official)
            ),
            batch=lambda after_id, size: _retag(
                IdeaComment, lambda comment: comment.body, after_id, size, ~IdeaComment.official
            ),
        ),
    )
)
