"""The admin's pages: the user list (add staff, change roles, deactivate accounts) and the
audit log."""

from datetime import UTC, date, datetime, time, timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from helpdesk.auth import audit as audit_log
from helpdesk.auth import service
from helpdesk.auth.access import ADMINS, allow
from helpdesk.auth.forms import ROLE_CHOICES, ActiveForm, AuditFilterForm, NewUserForm, RoleForm
from helpdesk.auth.models import AccountEvent, Role
from helpdesk.auth.views import bp
from helpdesk.errors import DomainError, Forbidden, Invalid
from helpdesk.extensions import db
from helpdesk.paging import bounded_page
from helpdesk.text import single_line
from helpdesk.web import page_number, show_on_form, with_query


def _back_to_list():
    """Return to the list the admin came from, keeping its filters and page."""
    return redirect(with_query(url_for("auth.users"), request.args, ("q", "role", "page")))


@bp.route("/admin/users")
@allow(ADMINS)
def users():
    """List users with search, role filter and pagination."""
    query = (single_line(request.args.get("q", "")) or "")[:100]
    role = request.args.get("role", "")
    if role not in {choice for choice, _ in ROLE_CHOICES}:
        role = ""
    page = db.paginate(
        service.list_users(query=query, role=role or None),
        page=page_number(),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    return render_template(
        "auth/users.html",
        page=page,
        query=query,
        role=role,
        role_choices=ROLE_CHOICES,
        role_form=RoleForm(),
        active_form=ActiveForm(),
    )


@bp.route("/admin/users/new", methods=["GET", "POST"])
@allow(ADMINS)
def create_user():
    """Add an account of any role, usually a new member of staff."""
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user = service.create_user(
                email=form.email.data,
                name=form.name.data,
                role=Role(form.role.data),
                password=form.password.data,
                actor=current_user,
            )
        except DomainError as error:
            show_on_form(form, error)
        else:
            flash(f"{user.name} can now sign in as {user.role_label.lower()}.", "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_new.html", form=form), 422 if form.errors else 200


@bp.route("/admin/users/<int:user_id>/role", methods=["POST"])
@allow(ADMINS)
def change_role(user_id: int):
    """Give one user another role."""
    form = RoleForm()
    if not form.validate_on_submit():
        flash("Choose one of the roles in the list.", "error")
        return _back_to_list()
    try:
        user = service.change_role(actor=current_user, user_id=user_id, role=form.role.data)
    except (Invalid, Forbidden) as error:
        flash(error.message, "error")
    else:
        flash(f"{user.name} is now {user.role_label.lower()}.", "success")
    return _back_to_list()


@bp.route("/admin/users/<int:user_id>/active", methods=["POST"])
@allow(ADMINS)
def set_active(user_id: int):
    """Deactivate or reactivate one account."""
    form = ActiveForm()
    if not form.validate_on_submit():
        flash("Choose active or deactivated.", "error")
        return _back_to_list()
    try:
        user = service.set_active(
            actor=current_user, user_id=user_id, active=form.active.data == "1"
        )
    except (Invalid, Forbidden) as error:
        flash(error.message, "error")
    else:
        state = "active again" if user.active else "deactivated; their sessions have ended"
        flash(f"{user.name} is {state}.", "success")
    return _back_to_list()


@bp.route("/admin/audit")
@allow(ADMINS)
def audit():
    """The audit log: sign-ins, failures, account and role changes, exports and deletions."""
    form = AuditFilterForm(request.args)
    form.validate()
    value = {name: field.data for name, field in form._fields.items() if not field.errors}
    cut = audit_log.AuditFilter(
        group=value.get("group") or "",
        person=value.get("person") or "",
        address=value.get("address") or "",
        start=_midnight(value.get("start")),
        end=_midnight(value.get("to"), days=1),
    )
    page = bounded_page(
        audit_log.events(cut),
        AccountEvent,
        page=page_number(),
        per_page=current_app.config["PER_PAGE"],
    )
    return render_template("auth/audit.html", form=form, page=page, label=audit_log.label)


def _midnight(day: date | None, days: int = 0) -> datetime | None:
    """The start of `day` (plus `days`) in UTC, the clock the events are kept in."""
    if day is None:
        return None
    return datetime.combine(day, time(), UTC) + timedelta(days=days)
