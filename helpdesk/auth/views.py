"""Sign-up, sign-in, sign-out and password reset pages."""

import hmac

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user

from helpdesk.auth import service
from helpdesk.auth.access import ANYONE, SIGNED_IN, allow
from helpdesk.auth.forms import ForgotPasswordForm, LoginForm, RegisterForm, ResetPasswordForm
from helpdesk.auth.models import User, password_stamp
from helpdesk.errors import DomainError, TooManyAttempts
from helpdesk.extensions import db, login_manager
from helpdesk.web import client_ip, local_path, public_write, show_on_form

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The signed-in user for this session: an active account whose password is the one the
    session was made with (User.get_id), so a deactivation or a new password ends it."""
    user_id, _, stamp = session_id.partition("-")
    if not user_id.isdigit() or not stamp:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active:
        return None
    return user if hmac.compare_digest(stamp, password_stamp(user)) else None


def _start_session(user, remember: bool = False):
    """Sign the user in on a fresh session (no fixation) and send them on."""
    next_path = local_path(request.args.get("next"))
    session.clear()
    login_user(user, remember=remember)
    return redirect(next_path or url_for("main.index"))


@bp.route("/register", methods=["GET", "POST"])
@allow(ANYONE)
@public_write
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
    status = 200
    if form.validate_on_submit():
        try:
            user = service.authenticate(
                email=form.email.data, password=form.password.data, ip_address=client_ip()
            )
        except DomainError as error:
            show_on_form(form, error)
            status = 429 if isinstance(error, TooManyAttempts) else 422
        else:
            return _start_session(user, remember=form.remember.data)
    elif form.errors:
        status = 422
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@allow(SIGNED_IN)
def logout():
    """Sign out and forget the session."""
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@allow(ANYONE)
@public_write
def forgot_password():
    """Ask for a link to set a new password; the answer never tells whether the email has an
    account."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        service.request_password_reset(email=form.email.data, ip_address=client_ip())
        hours = current_app.config["PASSWORD_RESET_HOURS"]
        flash(
            f"If {form.email.data} has an account here, a link to set a new password is on its "
            f"way. It works once, for {hours:g} hour{'s' if hours != 1 else ''}.",
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form), 422 if form.errors else 200


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@allow(ANYONE)
def reset_password(token: str):
    """Set a new password from the emailed link."""
    try:
        user = service.user_for_reset(token)
    except DomainError as error:
        return render_template(
            "auth/reset.html", form=None, problem=error.message, forgot=ForgotPasswordForm()
        ), 410
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            service.reset_password(token=token, password=form.password.data, ip_address=client_ip())
        except DomainError as error:
            show_on_form(form, error)
        else:
            logout_user()
            session.clear()
            flash("Your password is changed. Sign in with the new one.", "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, user=user), 422 if form.errors else 200
