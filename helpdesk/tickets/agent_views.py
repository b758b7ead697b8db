"""The agents' side: the queue with bulk changes, and the controls of a ticket."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from helpdesk import clock
from helpdesk.auth.access import STAFF, allow
from helpdesk.errors import Conflict, Invalid, NotFound
from helpdesk.extensions import db
from helpdesk.page_cache import kept
from helpdesk.paging import bounded_page
from helpdesk.tickets import batch, service
from helpdesk.tickets.detail import category_choices, staff_members
from helpdesk.tickets.forms import (
    AssignForm,
    BulkForm,
    PropertiesForm,
    QueueFilterForm,
    SentimentForm,
    TagsForm,
)
from helpdesk.tickets.models import Message, Ticket
from helpdesk.tickets.queue import SAVED_VIEWS, QueueFilters, active_view, queue_query
from helpdesk.tickets.search import find
from helpdesk.tickets.views import bp
from helpdesk.web import apply_control, page_number, referrer_path


def _filters_from(form: QueueFilterForm) -> QueueFilters:
    """Valid filters only: a field with an error filters nothing and shows its message."""
    values = {
        name: field.data
        for name, field in form._fields.items()
        if not field.errors and field.data not in (None, "")
    }
    return QueueFilters(**values)


@bp.route("/agent/tickets")
@allow(STAFF)
@kept
def queue():
    """The queue: saved views, filters, search, sorting and pages."""
    form = QueueFilterForm(request.args)
    form.category.choices = category_choices("Any category", include_hidden=True)
    form.validate()
    filters = _filters_from(form)
    matches = find(filters.q) if filters.q else None
    page = bounded_page(
        queue_query(filters, current_user, matches),
        Ticket,
        page=page_number(),
        per_page=current_app.config["PER_PAGE"],
    )
    bulk_form = BulkForm(formdata=None)
    return render_template(
        "tickets/queue.html",
        form=form,
        page=page,
        older_matches=matches is not None and matches.older,
        saved_views=SAVED_VIEWS,
        current_view=active_view(request.args.to_dict()),
        bulk_form=bulk_form,
        staff=staff_members(),
        now=clock.now(),
    )


@bp.route("/agent/tickets/bulk", methods=["POST"])
@allow(STAFF)
def bulk():
    """Change the assignee, status or priority of the selected tickets."""
    form = BulkForm()
    back = referrer_path() or url_for("tickets.queue")
    if not form.validate_on_submit():
        flash("Select tickets and what to change.", "error")
        return redirect(back)
    try:
        changed = batch.bulk_update(
            actor=current_user,
            ticket_ids=form.ticket_ids.data or [],
            action=form.action.data,
            value=form.value.data or "",
        )
    except (Invalid, Conflict) as error:
        flash(error.message, "error")
    else:
        flash(f"Changed {changed} ticket{'s' if changed != 1 else ''}.", "success")
    return redirect(back)


def _back_to(number: int):
    return redirect(url_for("tickets.detail", number=number))


@bp.route("/tickets/<int:number>/assign", methods=["POST"])
@allow(STAFF)
def assign(number: int):
    """Give the ticket to a member of staff, or to nobody."""
    ticket = service.ticket_for(current_user, number)
    form = AssignForm()  # the service checks the person: the page's list may be out of date

    def change() -> str:
        service.assign(
            ticket=ticket,
            actor=current_user,
            assignee_id=form.assignee_id.data,
            version=form.version.data,
        )
        return f"Assigned to {ticket.assignee.name if ticket.assignee else 'nobody'}."

    apply_control(form, change, "Choose an active member of staff.")
    return _back_to(number)


@bp.route("/tickets/<int:number>/properties", methods=["POST"])
@allow(STAFF)
def properties(number: int):
    """Change priority and category."""
    ticket = service.ticket_for(current_user, number)
    form = PropertiesForm()
    form.category.choices = category_choices("No category", include_hidden=True)

    def change() -> str:
        service.update_properties(
            ticket=ticket,
            actor=current_user,
            priority=form.priority.data,
            category_id=form.category.data,
            version=form.version.data,
        )
        return "Saved."

    apply_control(form, change, "Choose a priority and a category from the lists.")
    return _back_to(number)


@bp.route("/tickets/<int:number>/tags", methods=["POST"])
@allow(STAFF)
def tags(number: int):
    """Set the ticket's tags."""
    ticket = service.ticket_for(current_user, number)
    form = TagsForm()

    def change() -> str:
        service.set_tags(
            ticket=ticket,
            actor=current_user,
            names=(form.tags.data or "").split(","),
            version=form.version.data,
        )
        return "Tags saved."

    apply_control(form, change, "Tags are too long.")
    return _back_to(number)


@bp.route("/messages/<int:message_id>/sentiment", methods=["POST"])
@allow(STAFF)
def review_sentiment(message_id: int):
    """Correct or confirm the mood the tagger gave a customer message."""
    form = SentimentForm()
    message = db.session.get(Message, message_id)
    if message is None:
        raise NotFound("No such message.")
    if not form.validate_on_submit():
        flash("Choose negative, neutral or positive.", "error")
    else:
        try:
            service.correct_sentiment(
                message_id=message_id, actor=current_user, label=form.label.data
            )
        except Invalid as error:
            flash(error.message, "error")
        else:
            flash(f"Mood set to {form.label.data}.", "success")
    return redirect(url_for("tickets.detail", number=message.ticket_id, _anchor=f"m{message_id}"))
