"""The account page: who you are, and your personal API tokens."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from helpdesk.auth import tokens
from helpdesk.auth.access import SIGNED_IN, allow
from helpdesk.auth.forms import TokenForm
from helpdesk.auth.views import bp
from helpdesk.errors import DomainError
from helpdesk.web import show_on_form


def _page(form: TokenForm, new_token: str | None = None, status: int = 200):
    return (
        render_template(
            "auth/account.html",
            form=form,
            tokens=tokens.tokens_of(current_user),
            new_token=new_token,
        ),
        status,
    )


@bp.route("/account")
@allow(SIGNED_IN)
def account():
    """Your details and API tokens."""
    return _page(TokenForm(formdata=None))


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
