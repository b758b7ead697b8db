"""The public knowledge base: front page, categories, articles, search, votes, suggestions."""

import re
import secrets

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user

from helpdesk import markup
from helpdesk.auth.access import ANYONE, allow
from helpdesk.kb import catalogue, search, service
from helpdesk.kb.forms import FeedbackForm
from helpdesk.outbox.service import absolute_url
from helpdesk.page_cache import kept
from helpdesk.text import single_line
from helpdesk.tickets import categories
from helpdesk.web import Page, apply_control, page_number, public_write

bp = Blueprint("kb", __name__)
MAX_QUERY = 200
FORM_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")  # secrets.token_urlsafe's alphabet
TICKET_SUGGESTIONS = 3


def visitor() -> str:
    """Who is voting: the account when signed in, else a random id kept in the session."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    if "visitor" not in session:
        session["visitor"] = secrets.token_urlsafe(16)
    return f"visitor:{session['visitor']}"


@bp.app_context_processor
def kb_helpers() -> dict:
    """The ticket page's panel: articles matching the ticket, and those written from it."""
    return {
        "kb_panel": lambda ticket: {
            "suggested": search.best_matches(ticket.subject, TICKET_SUGGESTIONS),
            "written": catalogue.from_ticket(ticket.id),
            "link": lambda article: absolute_url(url_for("kb.article", slug=article.slug)),
        }
    }


def query_text() -> str:
    """The `q` argument as one clean line (no control characters, which PostgreSQL refuses)."""
    return (single_line(request.args.get("q", "")) or "")[:MAX_QUERY]


def form_key() -> str | None:
    """The new-ticket form's one-time key a suggestion came from, if it looks like one."""
    key = request.args.get("form", "")
    return key if FORM_KEY.fullmatch(key) else None


@bp.route("/kb")
@allow(ANYONE)
@kept
def index():
    """Categories with their articles, the most read and the latest."""
    return render_template(
        "kb/index.html",
        shelves=catalogue.shelves(),
        most_viewed=catalogue.most_viewed(),
        recently_updated=catalogue.recently_updated(),
    )


@bp.route("/kb/categories/<int:category_id>")
@allow(ANYONE)
@kept
def category(category_id: int):
    """One category's articles."""
    found = categories.get(category_id)
    page = catalogue.in_category(found.id, page_number(), current_app.config["PER_PAGE"])
    return render_template("kb/category.html", category=found, page=page)


@bp.route("/kb/search")
@allow(ANYONE)
@kept
def find():
    """Full-text search over published articles."""
    query = query_text()
    per_page = current_app.config["PER_PAGE"]
    hits, total = search.search(query, page=page_number(), per_page=per_page)
    page = Page(hits, page_number(), per_page, total)
    return render_template("kb/search.html", query=query, page=page)


@bp.route("/kb/suggest")
@allow(ANYONE)
def suggest():
    """Articles for what a customer is typing, as JSON for the new-ticket form."""
    key = form_key()
    customer = current_user if current_user.is_authenticated else None
    articles = service.suggest(query=query_text(), customer=customer, form_key=key)
    return jsonify(
        [
            {
                "title": article.title,
                "url": url_for("kb.article", slug=article.slug, form=key),
                "excerpt": markup.excerpt(article.body_text, 140),
            }
            for article in articles
        ]
    )


@bp.route("/kb/<slug>")
@allow(ANYONE)
def article(slug: str):
    """An article, its related articles, and "Was this helpful?"."""
    found = service.article_for(current_user, slug)
    staff = current_user.is_authenticated and current_user.is_staff
    if found.is_published and not staff:
        service.record_view(found)
        key = form_key()
        if key and current_user.is_authenticated:
            service.suggestion_opened(article=found, customer=current_user, form_key=key)
    return render_template(
        "kb/article.html",
        article=found,
        related=catalogue.related(found),
        feedback_form=FeedbackForm(formdata=None),
    )


@bp.route("/kb/<slug>/feedback", methods=["POST"])
@allow(ANYONE)
@public_write
def feedback(slug: str):
    """Count a reader's yes or no, once per visitor."""
    found = service.article_for(current_user, slug)
    form = FeedbackForm()

    def vote() -> str:
        helpful = form.helpful.data == "yes"
        service.give_feedback(article=found, visitor=visitor(), helpful=helpful)
        if helpful:
            return "Thanks! Glad it helped."
        return (
            "Thanks for telling us; we will improve it. If you still need help, send us a request."
        )

    apply_control(form, vote, "Say whether the article helped.")
    return redirect(url_for("kb.article", slug=found.slug, _anchor="feedback"))
