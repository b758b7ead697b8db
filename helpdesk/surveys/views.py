"""The survey page customers reach from their email, and the recovery queue for supervisors."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from helpdesk import clock
from helpdesk.auth.access import ANYONE, STAFF, SUPERVISORS, allow
from helpdesk.errors import Invalid
from helpdesk.extensions import csrf
from helpdesk.navigation import COUNTERS
from helpdesk.surveys import service
from helpdesk.surveys.forms import CloseRecoveryForm, SurveyForm
from helpdesk.surveys.service import CSAT_SCALE, Closed
from helpdesk.web import apply_control, page_number, public_write, referrer_path, show_on_form

bp = Blueprint("surveys", __name__)
COUNTERS["open_recoveries"] = lambda user: service.open_recovery_count() if user.is_staff else 0


@bp.app_context_processor
def survey_helpers() -> dict:
    """What the ticket page shows of surveys: the open link for the customer; answers,
    recoveries and the customer's past scores for staff."""
    return {
        "survey_invitation": service.open_invitation,
        "survey_panel": _panel,
    }


def _panel(ticket) -> dict:
    recoveries = service.recovery_of(ticket)
    waiting = any(recovery.closed_at is None for recovery in recoveries)
    return {
        "responses": service.responses_of_ticket(ticket),
        "recoveries": recoveries,
        "history": service.recent_scores_of(ticket.customer_id),
        "checklist": service.checklists_to_suggest([ticket]).get(ticket.id) if waiting else None,
    }


def _closed_page(invitation, message: str, status: int):
    return (
        render_template("surveys/closed.html", subject=invitation.ticket.subject, message=message),
        status,
    )


@bp.route("/survey/<token>", methods=["GET", "POST"])
@csrf.exempt  # checked by the form itself, so a stale token re-shows the answers, not a 400
@allow(ANYONE)
@public_write
def answer(token: str):
    """The survey: the link is the key, so no sign-in; it shows only the ticket's subject."""
    invitation = service.invitation_for(token)
    closed = service.why_closed(invitation, clock.now())
    if closed:
        answered = invitation.answered_at is not None
        status = 200 if answered and request.method == "GET" else 409 if answered else 410
        return _closed_page(invitation, closed, status)
    form = SurveyForm()
    if request.method == "GET":
        chosen = request.args.get("csat", "")
        if chosen.isdecimal() and len(chosen) < 3 and int(chosen) in CSAT_SCALE:
            form.csat.data = int(chosen)
    elif form.validate_on_submit():
        try:
            service.answer(
                token=token,
                csat=form.csat.data,
                ces=form.ces.data,
                nps=form.nps.data,
                comment=form.comment.data or "",
            )
        except Closed as error:
            return _closed_page(invitation, error.message, 409)
        except Invalid as error:
            show_on_form(form, error)
        else:
            flash("Thank you! Your answer helps us get better.", "success")
            return redirect(url_for("surveys.answer", token=token))
    if "csrf_token" in form and form.csrf_token.errors:
        form.csrf_token.errors = []
        form.form_errors.append("This page was open for a while; please press Send again.")
    status = 422 if request.method == "POST" else 200  # a POST that got here was refused
    return render_template(
        "surveys/form.html", form=form, subject=invitation.ticket.subject
    ), status


@bp.route("/agent/recovery")
@allow(SUPERVISORS)
def recovery_queue():
    """Unhappy answers waiting for someone to put things right, oldest first."""
    page = service.open_recoveries(page=page_number(), per_page=current_app.config["PER_PAGE"])
    return render_template(
        "surveys/recovery.html",
        page=page,
        checklists=service.checklists_to_suggest([recovery.ticket for recovery in page.items]),
    )


@bp.route("/recovery/<int:recovery_id>/close", methods=["POST"])
@allow(STAFF)
def close_recovery(recovery_id: int):
    """Record what was done for the customer; the ticket leaves the recovery queue."""
    form = CloseRecoveryForm()

    def close() -> str:
        recovery = service.close_recovery(
            recovery_id=recovery_id, actor=current_user, outcome=form.outcome.data
        )
        return f"Recovery of #{recovery.ticket_id} closed."

    apply_control(form, close, "Say what was done for the customer.")
    return redirect(referrer_path() or url_for("surveys.recovery_queue"))
