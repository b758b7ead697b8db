"""What staff set up for tickets: canned replies (staff) and categories (admins)."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from helpdesk.auth.access import ADMINS, STAFF, allow
from helpdesk.errors import Invalid
from helpdesk.tickets import canned, categories
from helpdesk.tickets.forms import CannedReplyForm, CategoryForm
from helpdesk.tickets.views import bp
from helpdesk.web import show_on_form


@bp.route("/agent/canned-replies")
@allow(STAFF)
def canned_replies():
    """The saved replies everyone on the team can insert."""
    return render_template("tickets/canned_list.html", replies=canned.all_replies())


def _canned_form(reply_id: int | None):
    reply = canned.get(reply_id) if reply_id else None
    form = CannedReplyForm(obj=reply)
    if form.validate_on_submit():
        try:
            canned.save(
                author=current_user, title=form.title.data, body=form.body.data, reply_id=reply_id
            )
        except Invalid as error:
            show_on_form(form, error)
        else:
            flash("Canned reply saved.", "success")
            return redirect(url_for("tickets.canned_replies"))
    page = render_template("tickets/canned_form.html", form=form, reply=reply)
    return page, 422 if form.errors else 200


@bp.route("/agent/canned-replies/new", methods=["GET", "POST"])
@allow(STAFF)
def new_canned_reply():
    """Save a new canned reply."""
    return _canned_form(None)


@bp.route("/agent/canned-replies/<int:reply_id>/edit", methods=["GET", "POST"])
@allow(STAFF)
def edit_canned_reply(reply_id: int):
    """Change a canned reply."""
    return _canned_form(reply_id)


@bp.route("/agent/canned-replies/<int:reply_id>/delete", methods=["POST"])
@allow(STAFF)
def delete_canned_reply(reply_id: int):
    """Remove a canned reply."""
    canned.delete(reply_id, actor=current_user)
    flash("Canned reply deleted.", "success")
    return redirect(url_for("tickets.canned_replies"))


@bp.route("/admin/categories", methods=["GET", "POST"])
@allow(ADMINS)
def categories_admin():
    """List the categories and add one."""
    form = CategoryForm()
    if form.validate_on_submit():
        try:
            category = categories.add(
                name=form.name.data,
                position=form.position.data,
                description=form.description.data or "",
            )
        except Invalid as error:
            show_on_form(form, error)
        else:
            flash(f"Added {category.name}.", "success")
            return redirect(url_for("tickets.categories_admin"))
    page = render_template(
        "tickets/categories.html", form=form, categories=categories.all_categories()
    )
    return page, 422 if form.errors else 200


@bp.route("/admin/categories/<int:category_id>", methods=["POST"])
@allow(ADMINS)
def update_category(category_id: int):
    """Rename or reorder a category."""
    form = CategoryForm()
    if not form.validate_on_submit():
        flash("Give the category a name of at most 60 characters.", "error")
    else:
        try:
            categories.update(
                category_id=category_id,
                name=form.name.data,
                position=form.position.data,
                description=form.description.data or "",
            )
        except Invalid as error:
            flash(error.message, "error")
        else:
            flash("Category saved.", "success")
    return redirect(url_for("tickets.categories_admin"))


@bp.route("/admin/categories/<int:category_id>/active", methods=["POST"])
@allow(ADMINS)
def toggle_category(category_id: int):
    """Hide a category from new tickets, or show it again."""
    category = categories.get(category_id)
    categories.set_active(category_id=category_id, active=not category.active)
    state = "shown to customers again" if category.active else "hidden from new tickets"
    flash(f"{category.name} is {state}.", "success")
    return redirect(url_for("tickets.categories_admin"))
