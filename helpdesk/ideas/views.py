"""The idea board: reading and searching it, posting, voting, comments, and in-app notices."""

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

from helpdesk import clock
from helpdesk.auth.access import ANYONE, SIGNED_IN, allow
from helpdesk.errors import Invalid
from helpdesk.ideas import board, service
from helpdesk.ideas.forms import (
    CommentForm,
    IdeaCategoryForm,
    IdeaForm,
    LinkTicketForm,
    MergeForm,
    StatusForm,
)
from helpdesk.ideas.models import IdeaStatus
from helpdesk.navigation import COUNTERS
from helpdesk.page_cache import kept
from helpdesk.text import single_line
from helpdesk.tickets.forms import choices
from helpdesk.web import apply_control, page_number, public_write, referrer_path, show_on_form

bp = Blueprint("ideas", __name__)
COUNTERS["unread_notices"] = lambda user: board.unread_notices(user.id)
MAX_QUERY = 200


def category_choices(blank: str) -> list:
    return choices([("", blank)] + [(c.id, c.name) for c in board.categories()])


def _filters() -> dict:
    """The board's query arguments, each checked: anything else means "no filter"."""
    sort = request.args.get("sort", "top")
    status = request.args.get("status", "")
    raw_category = request.args.get("category", "")
    return {
        "sort": sort if sort in board.SORTS else "top",
        "status": status if status in set(IdeaStatus) else None,
        "category_id": int(raw_category)
        if raw_category.isdecimal() and len(raw_category) < 10
        else None,
        "query": (single_line(request.args.get("q", "")) or "")[:MAX_QUERY],
    }


@bp.route("/ideas")
@allow(ANYONE)
@kept
def index():
    """The board: top, new or trending ideas, by status and category, searchable."""
    filters = _filters()
    page = board.board(
        **filters,
        page=page_number(),
        per_page=current_app.config["PER_PAGE"],
        now=clock.now(),
    )
    return render_template(
        "ideas/index.html",
        page=page,
        filters=filters,
        statuses=list(IdeaStatus),
        categories=board.categories(),
    )


@bp.route("/ideas/new", methods=["GET", "POST"])
@allow(SIGNED_IN)
@public_write
def create():
    """Suggest something; similar ideas show while typing the title."""
    form = IdeaForm()
    form.category.choices = category_choices("Choose a category")
    if form.validate_on_submit():
        try:
            idea = service.create_idea(
                author=current_user,
                title=form.title.data,
                body=form.body.data or "",
                category_id=form.category.data,
            )
        except Invalid as error:
            show_on_form(form, error)
        else:
            flash("Thanks! Your idea is on the board, with your vote.", "success")
            return redirect(url_for("ideas.detail", idea_id=idea.id))
    similar = board.similar(form.title.data) if form.title.data else []
    return render_template("ideas/new.html", form=form, similar=similar), (
        422 if form.errors else 200
    )


@bp.route("/ideas/similar")
@allow(ANYONE)
def similar():
    """Ideas like a title being typed, as JSON for the new-idea form."""
    query = (single_line(request.args.get("q", "")) or "")[:MAX_QUERY]
    return jsonify(
        [
            {
                "title": idea.title,
                "url": url_for("ideas.detail", idea_id=idea.id),
                "votes": idea.vote_count,
                "status": idea.status_label,
                "excerpt": f"{idea.vote_count} votes · {idea.status_label}",
            }
            for idea in board.similar(query)
        ]
    )


@bp.route("/ideas/<int:idea_id>")
@allow(ANYONE)
def detail(idea_id: int):
    """An idea with its votes, comments and status history."""
    idea = service.get(idea_id)
    staff = current_user.is_authenticated and current_user.is_staff
    status_form = StatusForm(formdata=None, status=idea.status)
    return render_template(
        "ideas/detail.html",
        idea=idea,
        voted=service.has_voted(idea, current_user),
        comments=board.comments_of(idea),
        history=board.history_of(idea),
        merged=board.merged_into_this(idea),
        ticket_ids=board.linked_ticket_ids(idea) if staff else [],
        customers_asking=board.customers_asking(idea) if staff else 0,
        comment_form=CommentForm(formdata=None),
        status_form=status_form,
        merge_form=MergeForm(formdata=None),
        link_form=LinkTicketForm(formdata=None),
        category_form=_category_form(idea) if staff else None,
    )


def _category_form(idea) -> IdeaCategoryForm:
    form = IdeaCategoryForm(formdata=None, category=idea.category_id)
    form.category.choices = category_choices("No category")
    return form


@bp.route("/ideas/<int:idea_id>/vote", methods=["POST"])
@allow(SIGNED_IN)
@public_write
def vote(idea_id: int):
    """Vote for the idea, or take the vote back."""
    idea = service.get(idea_id)
    try:
        voted = service.toggle_vote(idea=idea, user=current_user)
    except Invalid as error:
        flash(error.message, "error")
    else:
        flash("Your vote is counted." if voted else "Your vote is taken back.", "success")
    return redirect(referrer_path() or url_for("ideas.detail", idea_id=idea.id))


@bp.route("/ideas/<int:idea_id>/comments", methods=["POST"])
@allow(SIGNED_IN)
@public_write
def comment(idea_id: int):
    """Add a comment."""
    idea = service.get(idea_id)
    form = CommentForm()

    def post() -> str:
        service.add_comment(idea=idea, author=current_user, body=form.body.data)
        return "Comment posted."

    apply_control(form, post, "Write a comment.")
    return redirect(url_for("ideas.detail", idea_id=idea.id, _anchor="comments"))


@bp.route("/ideas/shipped")
@allow(ANYONE)
def shipped():
    """You asked, we built it: done ideas, newest first."""
    page = board.shipped(page_number(), current_app.config["PER_PAGE"])
    return render_template("ideas/shipped.html", page=page, notes=board.last_notes(page.items))


@bp.route("/notices")
@allow(SIGNED_IN)
def notices():
    """What happened to the ideas you voted for; opening the page marks them read."""
    found = board.notices_of(current_user.id)
    service.mark_notices_read(current_user, [notice.id for notice in found])
    return render_template("ideas/notices.html", notices=found)
