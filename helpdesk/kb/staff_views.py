"""Staff pages of the knowledge base: writing and editing articles, the list, what to write."""

from datetime import timedelta

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from helpdesk import clock, markup
from helpdesk.auth.access import STAFF, allow
from helpdesk.errors import Conflict, Invalid, NotFound
from helpdesk.kb import catalogue, insights, prefill, service
from helpdesk.kb.forms import ArticleForm
from helpdesk.kb.models import Article, ArticleStatus
from helpdesk.kb.views import bp
from helpdesk.tickets import service as tickets
from helpdesk.tickets.detail import category_choices
from helpdesk.web import MAX_ID, page_number, show_on_form


def article_form(**defaults) -> ArticleForm:
    form = ArticleForm(**defaults)
    form.category.choices = category_choices("No category", include_hidden=True)
    return form


def _saved(form: ArticleForm, save, article: Article | None = None) -> Article | None:
    """Validate and save through `save(**fields)`; None and errors on the form if refused.
    After a conflict the form carries the newest version, so saving again keeps this text."""
    if not form.validate_on_submit() or form.preview.data:
        return None
    try:
        return save(
            title=form.title.data,
            body=form.body.data,
            category_id=form.category.data,
            tags=(form.tags.data or "").split(","),
            status=form.status.data,
            slug=form.slug.data or None,
        )
    except (Invalid, Conflict) as error:
        show_on_form(form, error)
        if isinstance(error, Conflict) and article is not None:
            form.version.process_data(article.version)
            form.version.raw_data = None
        return None


def _done(article):
    flash(
        "Article published." if article.is_published else "Draft saved; only staff can see it.",
        "success",
    )
    return redirect(url_for("kb.article", slug=article.slug))


def _form_page(form: ArticleForm, **context):
    preview = markup.render(form.body.data or "", markup.ARTICLE) if form.body.data else None
    status = 422 if form.errors else 200
    return render_template("kb/form.html", form=form, preview=preview, **context), status


@bp.route("/kb/new", methods=["GET", "POST"])
@allow(STAFF)
def create():
    """Write an article; `from_ticket` starts it from a solved ticket."""
    source = request.args.get("from_ticket", type=int)
    if source is not None and not 0 < source <= MAX_ID:
        raise NotFound("There is no such ticket.")
    if request.method == "GET" and source is not None:
        ticket = tickets.ticket_for(current_user, source)
        draft = prefill.draft_from_ticket(ticket)
        form = article_form(
            title=draft.title,
            body=draft.body,
            category=draft.category_id,
            tags=", ".join(draft.tags),
            from_ticket=ticket.number,
        )
    else:
        form = article_form()
    article = _saved(
        form,
        lambda **fields: service.create_article(
            author=current_user, source_ticket_number=form.from_ticket.data, **fields
        ),
    )
    if article is not None:
        return _done(article)
    return _form_page(form, article=None)


@bp.route("/kb/<slug>/edit", methods=["GET", "POST"])
@allow(STAFF)
def edit(slug: str):
    """Change an article: its text, category, tags, and whether it is published."""
    article = service.get(slug)
    if request.method == "GET":
        form = article_form(
            obj=article,
            body=article.body_markdown,
            category=article.category_id,
            tags=", ".join(tag.name for tag in article.tags),
            version=article.version,
        )
    else:
        form = article_form()
    saved = _saved(
        form,
        lambda **fields: service.update_article(
            article=article, actor=current_user, version=form.version.data, **fields
        ),
        article,
    )
    if saved is not None:
        return _done(saved)
    return _form_page(form, article=article)


@bp.route("/kb/preview", methods=["POST"])
@allow(STAFF)
def preview():
    """The Markdown of the form as the article will show it (for the live preview)."""
    body = request.form.get("body", "")[:100_000]
    return jsonify(html=markup.render(body, markup.ARTICLE))


@bp.route("/agent/kb")
@allow(STAFF)
def manage():
    """Every article, drafts too, with readers' numbers; and how often articles deflect."""
    status = request.args.get("status")
    status = status if status in set(ArticleStatus) else None
    raw_category = request.args.get("category", "")
    category_id = int(raw_category) if raw_category.isdecimal() and len(raw_category) < 10 else None
    now = clock.now()
    return render_template(
        "kb/manage.html",
        page=catalogue.staff_list(
            status=status,
            category_id=category_id,
            page=page_number(),
            per_page=current_app.config["PER_PAGE"],
        ),
        status=status,
        category_id=category_id,
        category_options=category_choices("All categories", include_hidden=True),
        deflection=insights.deflection(now - insights.WINDOW, now),
    )


@bp.route("/agent/kb/topics")
@allow(STAFF)
def topics():
    """What customers asked about lately that no article answers: what to write next."""
    now = clock.now()
    return render_template(
        "kb/topics.html",
        coverage=insights.categories_by_demand(now),
        topics=insights.uncovered_topics(now),
        since=now - timedelta(days=30),
    )
