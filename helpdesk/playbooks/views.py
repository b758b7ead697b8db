"""Playbook pages: the checklists, runs on tickets, ticking steps, and check-ins."""

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from helpdesk.auth.access import STAFF, allow
from helpdesk.errors import Conflict, Invalid
from helpdesk.extensions import db
from helpdesk.navigation import COUNTERS
from helpdesk.playbooks import files, service
from helpdesk.playbooks.forms import CheckInForm, StartRunForm, TickForm
from helpdesk.tickets import service as tickets
from helpdesk.web import apply_control, first_error, page_number

bp = Blueprint("playbooks", __name__)
COUNTERS["due_check_ins"] = lambda user: service.due_count(user) if user.is_staff else 0


@bp.app_context_processor
def playbook_helpers() -> dict:
    """What other pages need from playbooks: the ticket page's panel and guidance as HTML."""
    return {"playbook_panel": _panel, "render_guidance": files.render_guidance}


def _panel(ticket) -> dict:
    runs, playbooks = service.runs_of(ticket), service.current_playbooks()
    return {
        "runs": runs,
        "suggested": service.suggestions(ticket, runs, playbooks),
        "playbooks": playbooks,
        "progress": service.progress,
        "done_steps": lambda run: {step.step_id: step for step in run.steps_done},
    }


@bp.route("/playbooks")
@allow(STAFF)
def index():
    """The checklists in use."""
    return render_template("playbooks/index.html", playbooks=service.current_playbooks())


@bp.route("/playbooks/<int:playbook_id>")
@allow(STAFF)
def detail(playbook_id: int):
    """One checklist with its guidance."""
    return render_template("playbooks/detail.html", playbook=service.get_playbook(playbook_id))


@bp.route("/tickets/<int:number>/playbooks", methods=["POST"])
@allow(STAFF)
def start(number: int):
    """Start a playbook on a ticket."""
    ticket = tickets.ticket_for(current_user, number)
    form = StartRunForm()
    if not form.validate_on_submit():
        flash(first_error(form, "Choose a playbook."), "error")
    else:
        try:
            run = service.start_run(
                ticket=ticket, playbook_id=form.playbook_id.data, actor=current_user
            )
        except (Invalid, Conflict) as error:
            flash(error.message, "error")
        else:
            flash(f"Started “{run.playbook.title}”.", "success")
            return redirect(url_for("tickets.detail", number=number, _anchor=f"run{run.id}"))
    return redirect(url_for("tickets.detail", number=number))


@bp.route("/runs/<int:run_id>/steps/<int:step_id>", methods=["POST"])
@allow(STAFF)
def tick(run_id: int, step_id: int):
    """Tick or untick a step; answers JSON to the page's script, else goes back to the ticket."""
    run = service.get_run(run_id)
    form = TickForm()
    wants_json = request.accept_mimetypes.best == "application/json"
    if not form.validate_on_submit():
        message = first_error(form, "Could not save that step.")
        if wants_json:
            return jsonify(error=message), 400
        flash(message, "error")
    else:
        try:
            service.tick(
                run_id=run_id,
                step_id=step_id,
                actor=current_user,
                done=form.done.data == "1",
                note=form.note.data or "",
            )
        except Conflict as error:
            if wants_json:
                return jsonify(error=error.message), 409
            flash(error.message, "error")
        else:
            db.session.refresh(run)
            done, total = service.progress(run)
            if wants_json:
                return jsonify(done=done, total=total, completed=run.completed_at is not None)
    return redirect(url_for("tickets.detail", number=run.ticket_id, _anchor=f"run{run.id}"))


@bp.route("/agent/check-ins")
@allow(STAFF)
def check_ins():
    """Follow-ups due and overdue: mine first, everyone's on request."""
    everyone = request.args.get("scope") == "all"
    page = db.paginate(
        service.open_check_ins(viewer=current_user, everyone=everyone),
        page=page_number(),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    return render_template(
        "playbooks/check_ins.html", page=page, everyone=everyone, form=CheckInForm(formdata=None)
    )


@bp.route("/check-ins/<int:check_in_id>/done", methods=["POST"])
@allow(STAFF)
def complete_check_in(check_in_id: int):
    """Write to the customer (or note why not) and mark the check-in done."""
    form = CheckInForm()

    def change() -> str:
        service.complete_check_in(
            check_in_id=check_in_id, actor=current_user, body=form.body.data, kind=form.kind.data
        )
        return "Check-in done."

    apply_control(form, change, "Write to the customer, or note why not.")
    return redirect(
        url_for(
            "playbooks.check_ins",
            **({"scope": "all"} if request.args.get("scope") == "all" else {}),
        )
    )
