"""Ticket pages both sides share: opening a ticket, the thread, replying, status, attachments."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select

from helpdesk.auth.access import CUSTOMERS, SIGNED_IN, allow
from helpdesk.errors import Conflict, Forbidden, Invalid, NotFound
from helpdesk.extensions import db
from helpdesk.page_cache import kept
from helpdesk.tickets import attachments, history, service
from helpdesk.tickets.detail import category_choices, detail_context, reply_form_for
from helpdesk.tickets.forms import NewTicketForm, StatusForm
from helpdesk.tickets.models import Attachment, MessageKind, Ticket
from helpdesk.web import first_error, page_number, public_write, show_on_form

bp = Blueprint("tickets", __name__)


@bp.app_template_filter("event_text")
def event_text(event) -> str:
    """A history entry in words: "Sam Patel changed the status from open to pending"."""
    return f"{history.who(event)} {history.describe(event)}"


@bp.route("/tickets/new", methods=["GET", "POST"])
@allow(CUSTOMERS)
@public_write
def create():
    """A customer describes a problem."""
    form = NewTicketForm()
    form.category.choices = category_choices("Choose a category")
    if form.validate_on_submit():
        try:
            ticket = service.create_ticket(
                customer=current_user,
                subject=form.subject.data,
                body=form.body.data,
                category_id=form.category.data,
                uploads=form.attachments.data or [],
                submission_key=form.submission_key.data or None,
            )
        except Invalid as error:
            show_on_form(form, error)
        else:
            flash(f"Thanks! Your request #{ticket.number} is with our team.", "success")
            return redirect(url_for("tickets.detail", number=ticket.number))
    return render_template("tickets/new.html", form=form), 422 if form.errors else 200


@bp.route("/my/tickets")
@allow(CUSTOMERS)
@kept
def mine():
    """The customer's own tickets, latest activity first."""
    page = db.paginate(
        select(Ticket)
        .where(Ticket.customer_id == current_user.id)
        .order_by(Ticket.public_activity_at.desc(), Ticket.id.desc()),
        page=page_number(),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    return render_template("tickets/mine.html", page=page)


@bp.route("/tickets/<int:number>")
@allow(SIGNED_IN)
@kept
def detail(number: int):
    """The thread; staff also see notes, moods, history and the controls."""
    ticket = service.ticket_for(current_user, number)
    return render_template("tickets/detail.html", **detail_context(ticket))


@bp.route("/tickets/<int:number>/reply", methods=["POST"])
@allow(SIGNED_IN)
def reply(number: int):
    """Add a message; staff choose reply or note and may change the status with it."""
    ticket = service.ticket_for(current_user, number)
    form = reply_form_for(current_user)
    if form.validate_on_submit():
        staff = current_user.is_staff
        status = (form.status.data or None) if staff else None
        # Resolving with checklist steps left open is asked about first; the reply still goes.
        undone = service.left_undone(ticket) if status == "resolved" else []
        try:
            message, conflict = service.reply(
                ticket=ticket,
                author=current_user,
                body=form.body.data,
                kind=form.kind.data if staff else MessageKind.CUSTOMER.value,
                uploads=form.attachments.data or [],
                status=None if undone else status,
                version=form.version.data,
                submission_key=form.submission_key.data or None,
            )
        except (Invalid, Forbidden) as error:
            show_on_form(form, error)
        else:
            if undone:
                flash(
                    "Your message was saved, but the ticket is not resolved yet. Still open: "
                    + "; ".join(undone)
                    + ". Resolve anyway?",
                    "warning",
                )
                return redirect(url_for("tickets.detail", number=number, confirm_resolve=1))
            if conflict is not None:
                flash(
                    f"Your message was saved, but the status was not changed. {conflict.message}",
                    "warning",
                )
            else:
                flash("Note added." if message.is_note else "Message sent.", "success")
            return redirect(url_for("tickets.detail", number=number, _anchor=f"m{message.id}"))
    return render_template("tickets/detail.html", **detail_context(ticket, reply_form=form)), 422


@bp.route("/tickets/<int:number>/status", methods=["POST"])
@allow(SIGNED_IN)
def change_status(number: int):
    """Move the ticket: customers resolve or reopen their own; staff set any status."""
    ticket = service.ticket_for(current_user, number)
    form = StatusForm()
    if not form.validate_on_submit():
        flash(first_error(form, "Choose a status from the list."), "error")
    else:
        undone = service.left_undone(ticket) if current_user.is_staff else []
        if undone and form.status.data == "resolved" and form.confirm.data != "1":
            flash("Still open: " + "; ".join(undone) + ". Resolve anyway?", "warning")
            return redirect(url_for("tickets.detail", number=number, confirm_resolve=1))
        try:
            service.change_status(
                ticket=ticket,
                actor=current_user,
                status=form.status.data,
                version=form.version.data,
                confirmed_undone=undone if form.status.data == "resolved" else (),
            )
        except (Invalid, Conflict) as error:
            flash(error.message, "error")
        else:
            flash(f"The ticket is now {ticket.status}.", "success")
    return redirect(url_for("tickets.detail", number=number))


@bp.route("/attachments/<int:attachment_id>")
@allow(SIGNED_IN)
def attachment(attachment_id: int):
    """A file of a ticket, for its owner and staff only, always as a download."""
    found = db.session.get(Attachment, attachment_id)
    if found is None:
        raise NotFound("No such file.")
    service.ticket_for(current_user, found.ticket_id)
    if found.message.is_note and not current_user.is_staff:
        raise NotFound("No such file.")
    response = send_file(
        attachments.path_of(found),
        mimetype=found.content_type,
        as_attachment=True,
        download_name=found.filename,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
