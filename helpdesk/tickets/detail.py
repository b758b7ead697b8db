"""What the ticket page shows, gathered once for the page and for its forms with errors."""

from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from helpdesk import clock
from helpdesk.auth.models import User, is_staff
from helpdesk.extensions import db
from helpdesk.tickets import canned, categories
from helpdesk.tickets.forms import (
    AssignForm,
    PropertiesForm,
    ReplyForm,
    StatusForm,
    TagsForm,
    choices,
)
from helpdesk.tickets.history import events_of
from helpdesk.tickets.models import Message, MessageKind, Ticket

OTHER_TICKETS = 10


def category_choices(blank: str, include_hidden: bool = False):
    """Choices of the categories (active ones unless asked), after a blank one."""
    found = categories.all_categories() if include_hidden else categories.active_categories()
    return choices([("", blank)] + [(category.id, category.name) for category in found])


def reply_form_for(user: User) -> ReplyForm:
    """Customers write plain messages; staff also choose reply or note and a status."""
    form = ReplyForm()
    if not user.is_staff:
        del form.kind
        del form.status
    return form


def thread(ticket: Ticket, include_notes: bool) -> list[Message]:
    """The ticket's messages in order, with their attachments; notes only for staff."""
    statement = (
        select(Message)
        .where(Message.ticket_id == ticket.id)
        .options(selectinload(Message.attachments))
        .order_by(Message.created_at, Message.id)
    )
    if not include_notes:
        statement = statement.where(Message.kind != MessageKind.NOTE)
    return db.session.scalars(statement).all()


def staff_members() -> list[User]:
    """Active staff, for the assignee list."""
    return db.session.scalars(select(User).where(is_staff(), User.active).order_by(User.name)).all()


def detail_context(ticket: Ticket, reply_form: ReplyForm | None = None) -> dict:
    """Everything tickets/detail.html needs for this viewer."""
    staff = current_user.is_staff
    reply_form = reply_form or reply_form_for(current_user)
    reply_form.version.data = ticket.version
    context = {
        "ticket": ticket,
        "messages": thread(ticket, include_notes=staff),
        "reply_form": reply_form,
        "status_form": StatusForm(formdata=None, status=ticket.status, version=ticket.version),
        "now": clock.now(),
    }
    if not staff:
        return context
    assign_form = AssignForm(formdata=None, assignee_id=ticket.assignee_id, version=ticket.version)
    assign_form.assignee_id.choices = choices(
        [("", "Nobody")] + [(user.id, user.name) for user in staff_members()]
    )
    properties_form = PropertiesForm(
        formdata=None, priority=ticket.priority, category=ticket.category_id, version=ticket.version
    )
    properties_form.category.choices = category_choices("No category", include_hidden=True)
    context.update(
        assign_form=assign_form,
        properties_form=properties_form,
        tags_form=TagsForm(formdata=None, tags=", ".join(tag.name for tag in ticket.tags)),
        events=events_of(ticket),
        other_tickets=db.session.scalars(
            select(Ticket)
            .where(Ticket.customer_id == ticket.customer_id, Ticket.id != ticket.id)
            .order_by(Ticket.updated_at.desc())
            .limit(OTHER_TICKETS)
        ).all(),
        canned_replies=[
            (reply.title, canned.render(reply.body, ticket, current_user))
            for reply in canned.all_replies()
        ],
    )
    return context
