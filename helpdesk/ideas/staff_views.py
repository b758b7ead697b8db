"""Staff side of the idea board: moving ideas on, merging, linking tickets, triage, categories."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from helpdesk.auth.access import STAFF, allow
from helpdesk.errors import Invalid
from helpdesk.ideas import board, service
from helpdesk.ideas.forms import (
    CategoryForm,
    IdeaCategoryForm,
    LinkTicketForm,
    MergeForm,
    StatusForm,
)
from helpdesk.ideas.views import bp, category_choices
from helpdesk.web import apply_control, page_number, show_on_form


def _back_to(idea_id: int, anchor: str = ""):
    return redirect(url_for("ideas.detail", idea_id=idea_id, _anchor=anchor or None))


@bp.route("/ideas/<int:idea_id>/status", methods=["POST"])
@allow(STAFF)
def change_status(idea_id: int):
    """Move an idea on with a public note; voters and the author are told."""
    idea = service.get(idea_id)
    form = StatusForm()

    def move() -> str:
        change = service.change_status(
            idea=idea, actor=current_user, status=form.status.data, note=form.note.data
        )
        return f"The idea is now {change.new_label.lower()}; {change.told} people were told."

    apply_control(form, move, "Choose a status and write a note.")
    return _back_to(idea.id, "history")


@bp.route("/ideas/<int:idea_id>/category", methods=["POST"])
@allow(STAFF)
def set_category(idea_id: int):
    """File the idea under another category."""
    idea = service.get(idea_id)
    form = IdeaCategoryForm()
    form.category.choices = category_choices("No category")

    def save() -> str:
        service.set_category(idea=idea, category_id=form.category.data)
        return "Category saved."

    apply_control(form, save, "Choose a category from the list.")
    return _back_to(idea.id)


@bp.route("/ideas/<int:idea_id>/merge", methods=["POST"])
@allow(STAFF)
def merge(idea_id: int):
    """Merge a duplicate into the idea to keep."""
    idea = service.get(idea_id)
    form = MergeForm()
    if not form.validate_on_submit():
        flash("Give the number of the idea to keep.", "error")
        return _back_to(idea.id)
    try:
        kept = service.merge(idea=idea, into_id=form.into_id.data, actor=current_user)
    except Invalid as error:
        flash(error.message, "error")
        return _back_to(idea.id)
    flash(f"Merged into #{kept.id}; its voters now count there.", "success")
    return _back_to(kept.id)


@bp.route("/ideas/<int:idea_id>/tickets", methods=["POST"])
@allow(STAFF)
def link_ticket(idea_id: int):
    """Note a ticket in which a customer asked for this idea."""
    idea = service.get(idea_id)
    form = LinkTicketForm()

    def link() -> str:
        service.link_ticket(idea=idea, ticket_number=form.number.data, actor=current_user)
        return f"Ticket #{form.number.data} linked."

    apply_control(form, link, "Give a ticket number.")
    return _back_to(idea.id, "tickets")


@bp.route("/ideas/triage")
@allow(STAFF)
def triage():
    """New ideas nobody has reviewed, oldest first."""
    page = board.triage(page_number(), current_app.config["PER_PAGE"])
    return render_template("ideas/triage.html", page=page)


@bp.route("/ideas/categories", methods=["GET", "POST"])
@allow(STAFF)
def categories():
    """The idea categories: add one, rename or reorder them."""
    form = CategoryForm()
    if form.validate_on_submit():
        try:
            category = service.add_category(name=form.name.data)
        except Invalid as error:
            show_on_form(form, error)
        else:
            flash(f"Added {category.name}.", "success")
            return redirect(url_for("ideas.categories"))
    return render_template("ideas/categories.html", form=form, categories=board.categories())


@bp.route("/ideas/categories/<int:category_id>", methods=["POST"])
@allow(STAFF)
def update_category(category_id: int):
    """Rename or move an idea category."""
    form = CategoryForm()

    def save() -> str:
        service.rename_category(
            category_id=category_id, name=form.name.data, position=form.position.data
        )
        return "Category saved."

    apply_control(form, save, "Give the category a name of at most 60 characters.")
    return redirect(url_for("ideas.categories"))
