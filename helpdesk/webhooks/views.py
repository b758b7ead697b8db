"""The admin's webhook pages: register, edit, remove, and read the delivery log."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from helpdesk.auth.access import ADMINS, allow
from helpdesk.errors import DomainError
from helpdesk.web import show_on_form
from helpdesk.webhooks import service
from helpdesk.webhooks.forms import WebhookForm

bp = Blueprint("webhooks", __name__)


@bp.route("/admin/webhooks", methods=["GET", "POST"])
@allow(ADMINS)
def index():
    """The webhooks, and the form to register one."""
    form = WebhookForm()
    status = 200
    if form.validate_on_submit():
        try:
            webhook = service.register(
                url=form.url.data, events=form.events.data, actor=current_user
            )
        except DomainError as error:
            show_on_form(form, error)
            status = 422
        else:
            flash("Webhook registered. Give its secret to the receiver.", "success")
            return redirect(url_for("webhooks.detail", webhook_id=webhook.id))
    elif form.is_submitted():
        status = 422
    return render_template("webhooks/index.html", form=form, webhooks=service.webhooks()), status


@bp.route("/admin/webhooks/<int:webhook_id>", methods=["GET", "POST"])
@allow(ADMINS)
def detail(webhook_id: int):
    """A webhook's settings, secret and delivery log."""
    webhook = service.get_webhook(webhook_id)
    form = WebhookForm(obj=webhook)
    status = 200
    if form.validate_on_submit():
        try:
            service.update_webhook(
                webhook_id=webhook.id,
                url=form.url.data,
                events=form.events.data,
                active=form.active.data,
            )
        except DomainError as error:
            show_on_form(form, error)
            status = 422
        else:
            flash("Webhook saved.", "success")
            return redirect(url_for("webhooks.detail", webhook_id=webhook.id))
    elif form.is_submitted():
        status = 422
    return (
        render_template(
            "webhooks/detail.html",
            webhook=webhook,
            form=form,
            deliveries=service.deliveries_of(webhook),
            plain_form=FlaskForm(),
        ),
        status,
    )


@bp.route("/admin/webhooks/<int:webhook_id>/delete", methods=["POST"])
@allow(ADMINS)
def delete(webhook_id: int):
    """Remove a webhook and its log."""
    if FlaskForm().validate_on_submit():
        service.remove(webhook_id=webhook_id, actor=current_user)
        flash("Webhook removed.", "success")
    return redirect(url_for("webhooks.index"))


@bp.route("/admin/webhooks/deliveries/<int:delivery_id>/redeliver", methods=["POST"])
@allow(ADMINS)
def redeliver(delivery_id: int):
    """Send a delivery again with the next run of `flask webhooks send`."""
    if not FlaskForm().validate_on_submit():
        return redirect(url_for("webhooks.index"))
    delivery = service.redeliver(delivery_id=delivery_id)
    flash("Delivery queued again; it goes out with the next `flask webhooks send`.", "success")
    return redirect(url_for("webhooks.detail", webhook_id=delivery.webhook_id))
