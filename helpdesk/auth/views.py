"""Sign-up, sign-in and sign-out pages."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from helpdesk.auth import service
from helpdesk.auth.access import ANYONE, SIGNED_IN, allow
from helpdesk.auth.forms import LoginForm, RegisterForm
from helpdesk.auth.models import User
from helpdesk.errors import DomainError
from helpdesk.extensions import db, login_manager
from helpdesk.web import client_ip, local_path, show_on_form

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The signed-in user for this session; a deactivated account's sessions stop here."""
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.active else None


def _start_session(user, remember: bool = False):
    """Sign the user in on a fresh session (no fixation) and send them on."""
    next_path = local_path(request.args.get("next"))
    session.clear()
    login_user(user, remember=remember)
    return redirect(next_path or url_for("main.index"))


@bp.route("/register", methods=["GET", "POST"])
@allow(ANYONE)
def register():
    """Customer sign-up."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = service.register_customer(
                email=form.email.data,
                name=form.name.data,
                password=form.password.data,
                ip_address=client_ip(),
            )
        except DomainError as error:
            show_on_form(form, error)
        else:
            flash(f"Welcome, {user.name}! Your account is ready.", "success")
            return _start_session(user)
    return render_template("auth/register.html", form=form), 200 if not form.errors else 422


@bp.route("/login", methods=["GET", "POST"])
@allow(ANYONE)
def login():
    """Sign-in for every role."""
    if current_user.is_authenticated:
        return redirect(local_path(request.args.get("next")) or url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = service.authenticate(
                email=form.email.data, password=form.password.data, ip_address=client_ip()
            )
        except DomainError as error:
            show_on_form(form, error)
        else:
            return _start_session(user, remember=form.remember.data)
    failed = form.errors or form.form_errors
    return render_template("auth/login.html", form=form), 422 if failed else 200


@bp.route("/logout", methods=["POST"])
@allow(SIGNED_IN)
def logout():
    """Sign out and forget the session."""
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))
