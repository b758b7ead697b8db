"""The admin's page about the sentiment tagger: the model in use, agreement, retraining."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm

from helpdesk.auth.access import ADMINS, allow
from helpdesk.errors import Invalid
from helpdesk.tagging import service

bp = Blueprint("tagging", __name__)


@bp.route("/admin/sentiment")
@allow(ADMINS)
def index():
    """The model in use, its scores, how often agents agree with it, recent corrections."""
    weeks = service.agreement_by_week()
    return render_template(
        "tagging/index.html",
        info=service.model_info(),
        weeks=weeks,
        corrections=service.recent_corrections(),
        by_model=service.messages_by_model(),
        form=FlaskForm(),
    )


@bp.route("/admin/sentiment/train", methods=["POST"])
@allow(ADMINS)
def train():
    """Retrain now from the shipped examples plus agents' corrections."""
    form = FlaskForm()
    if not form.validate_on_submit():
        return redirect(url_for("tagging.index"))
    try:
        info = service.train()
    except Invalid as error:
        flash(error.message, "error")
    else:
        flash(
            f"Model {info.version} trained on {info.trained_on} examples; it is in use now. "
            f"Run `flask sentiment retag` to tag past messages with it.",
            "success",
        )
    return redirect(url_for("tagging.index"))
