"""The account page: who you are, your password, and your personal API tokens."""

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user
from flask_login.config import COOKIE_NAME
from flask_wtf import FlaskForm

from helpdesk.auth import service, tokens
from helpdesk.auth.access import SIGNED_IN, allow
from helpdesk.auth.forms import ChangePasswordForm, TokenForm
from helpdesk.auth.views import bp
from helpdesk.errors import DomainError
from helpdesk.web import client_ip, show_on_form


def _page(
    form: TokenForm | None = None,
    new_token: str | None = None,
    status: int = 200,
    password_form: ChangePasswordForm | None = None,
):
    return (
        render_template(
            "auth/account.html",
            form=form or TokenForm(formdata=None),
            password_form=password_form or ChangePasswordForm(formdata=None),
            tokens=tokens.tokens_of(current_user),
            new_token=new_token,
        ),
        status,
    )


@bp.route("/account")
@allow(SIGNED_IN)
def account():
    """Your details, your password and your API tokens."""
    return _page()


@bp.route("/account/password", methods=["POST"])
@allow(SIGNED_IN)
def change_password():
    """A new password; this session goes on, every other one of the account ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = service.change_password(
                user=current_user._get_current_object(),
                current=form.current.data,
                new=form.new.data,
                ip_address=client_ip(),
            )
        except DomainError as error:
            show_on_form(form, error)
        else:
            cookie = current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME)
            remembered = bool(request.cookies.get(cookie))
            session.clear()
            login_user(user, remember=remembered)  # a new session, stamped with the new password
            flash("Your password is changed. You were signed out everywhere else.", "success")
            return redirect(url_for("auth.account"))
    return _page(password_form=form, status=422)


@bp.route("/account/tokens", methods=["POST"])
@allow(SIGNED_IN)
def create_token():
    """Make a token; it is shown on this answer only, never again."""
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form, status=422)
    try:
        _row, token = tokens.create_token(user=current_user, name=form.name.data)
    except DomainError as error:
        show_on_form(form, error)
        return _page(form, status=422)
    return _page(TokenForm(formdata=None), new_token=token)


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@allow(SIGNED_IN)
def revoke_token(token_id: int):
    """Stop a token working from its next request."""
    if not FlaskForm().validate_on_submit():
        flash("The form expired; nothing was revoked. Try again.", "error")
        return redirect(url_for("auth.account"))
    row = tokens.revoke_token(user=current_user, token_id=token_id)
    flash(f"Token “{row.name}” is revoked; it no longer works.", "success")
    return redirect(url_for("auth.account"))
