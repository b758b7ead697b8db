"""The API's operations. Each parses through its schema, calls the same service as the pages,
and answers with a schema; the rules live in the services, not here."""

import base64
import binascii
import json
from datetime import UTC, datetime, time, timedelta

from flask import current_app, render_template, request
from sqlalchemy import select, tuple_
from werkzeug.exceptions import HTTPException

from helpdesk import clock
from helpdesk.api import schemas as s
from helpdesk.api.problems import ApiProblem, problem
from helpdesk.api.spec import bp, openapi_document, operation
from helpdesk.auth import service as accounts
from helpdesk.auth.access import ANYONE, allow
from helpdesk.auth.models import STAFF_ROLES, Role, User, name_or_email_contains
from helpdesk.auth.tokens import digest
from helpdesk.errors import DomainError, Forbidden
from helpdesk.extensions import db, limiter
from helpdesk.ideas import board
from helpdesk.ideas import service as ideas
from helpdesk.kb import catalogue, search
from helpdesk.kb import service as kb
from helpdesk.kb.models import Article, ArticleStatus
from helpdesk.playbooks import service as playbooks
from helpdesk.reports import metrics
from helpdesk.surveys.models import SurveyResponse
from helpdesk.tickets import service as tickets
from helpdesk.tickets.models import Message, MessageKind, Ticket
from helpdesk.tickets.queue import QueueFilters, queue_query

STAFF = frozenset(STAFF_ROLES)
SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMIN})
ADMINS = frozenset({Role.ADMIN})


# --- Rate limits and errors as problem documents -------------------------------------------


def _rate_key() -> str:
    """Requests are counted per token sent (by its hash), or per address without one."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "token:" + digest(token.strip())
    return "address:" + (request.remote_addr or "")


limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=_rate_key)(bp)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    db.session.rollback()
    headers = {}
    if error.code == 429:
        retry = getattr(error, "retry_after", None)
        headers["Retry-After"] = str(retry or 60)
        detail = f"This token sent too many requests ({error.description}); slow down."
    else:
        detail = error.description or error.name
    response = problem(error.code or 500, detail, headers=headers)
    if error.code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


@bp.errorhandler(ApiProblem)
def _api_problem(error: ApiProblem):
    db.session.rollback()
    return problem(error.status, error.detail, error.errors, error.headers)


# The services name fields as the HTML forms do; the API's bodies name some differently.
API_FIELDS = {"category": "category_id"}


@bp.errorhandler(DomainError)
def _domain_error(error: DomainError):
    db.session.rollback()
    field = API_FIELDS.get(error.field, error.field)
    errors = [{"field": field, "message": error.message}] if field else None
    return problem(error.status_code, error.message, errors)


# --- Cursors -------------------------------------------------------------------------------


def _encode(*values) -> str:
    raw = json.dumps(
        [value.isoformat() if isinstance(value, datetime) else value for value in values]
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, kinds: tuple) -> list:
    """The values a cursor holds, of the kinds expected; a 422 for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(kinds):
            raise ValueError
        decoded = []
        for value, kind in zip(values, kinds, strict=True):
            if kind is datetime:
                value = datetime.fromisoformat(value)
                if value.tzinfo is None:
                    raise ValueError
            elif kind is int and (not isinstance(value, int) or isinstance(value, bool)):
                raise ValueError
            elif kind is str and not isinstance(value, str):
                raise ValueError
            decoded.append(value)
        return decoded
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ApiProblem(
            422,
            "This cursor is not one the API gave out.",
            [{"field": "cursor", "message": "Pass `next_cursor` from the page before."}],
        ) from None


def _keyset_page(statement, limit: int, cursor_of) -> tuple[list, str | None]:
    """One page of an ordered statement, and the cursor of the next (None at the end): one
    row more than asked is read to know whether there is a next page."""
    rows = db.session.scalars(statement.limit(limit + 1)).all()
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, _encode(*cursor_of(rows[-1]))


def _listed(model, listing, page):
    """A numbered page of rows (a helpdesk.web.Page) as the API's list of `model`."""
    return listing(
        items=[model.model_validate(item) for item in page.items],
        page=page.page,
        pages=page.pages,
        total=page.total,
    )


def _start_of(day) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


# --- Me and the document -------------------------------------------------------------------


@operation("/me", "GET", summary="The token's owner", tag="People", response=s.UserOut)
def me(user: User):
    """Who the token acts as, and with which role."""
    return s.UserOut.model_validate(user)


@operation("/openapi.json", "GET", summary="This document", tag="Documentation", public=True)
def openapi():
    """The OpenAPI 3.1 document of this API, generated from the schemas it validates with."""
    return openapi_document(current_app.config.get("VERSION", "1.0.0"))


@bp.route("/docs")
@allow(ANYONE)
def docs():
    """The API documentation, rendered in the browser from the OpenAPI document."""
    return render_template("api/docs.html")


# --- Tickets -------------------------------------------------------------------------------

TICKET_ORDER = {
    "created": (Ticket.created_at, "desc"),
    "oldest": (Ticket.created_at, "asc"),
    "updated": (Ticket.updated_at, "desc"),
}


@operation(
    "/tickets",
    "GET",
    summary="List tickets",
    tag="Tickets",
    query=s.TicketQuery,
    response=s.TicketList,
)
def list_tickets(user: User, query: s.TicketQuery):
    """Staff: the queue, with its filters. Customers: their own tickets. Newest first unless
    `sort` says otherwise; follow `next_cursor` for the next page."""
    filters = QueueFilters(
        status=query.status,
        assignee=(query.assignee or "") if user.is_staff else "",
        priority=query.priority or "",
        category=query.category,
        sentiment=query.sentiment or "",
        channel=query.channel or "",
        created_from=query.created_from,
        created_to=query.created_to,
        q=query.q or "",
    )
    statement = queue_query(filters, user).order_by(None)
    if not user.is_staff:
        statement = statement.where(Ticket.customer_id == user.id)
    column, direction = TICKET_ORDER[query.sort]
    key = tuple_(column, Ticket.id)
    if query.cursor:
        at, last_id = _decode(query.cursor, (datetime, int))
        statement = statement.where(
            key < (at, last_id) if direction == "desc" else key > (at, last_id)
        )
    order = (column.desc(), Ticket.id.desc()) if direction == "desc" else (column, Ticket.id)
    rows, cursor = _keyset_page(
        statement.order_by(*order), query.limit, lambda last: (getattr(last, column.key), last.id)
    )
    return s.TicketList(items=[s.TicketOut.model_validate(row) for row in rows], next_cursor=cursor)


@operation(
    "/tickets",
    "POST",
    summary="Open a ticket",
    tag="Tickets",
    roles=frozenset({Role.CUSTOMER}),
    body=s.TicketCreate,
    response=s.TicketOut,
    status=201,
)
def create_ticket(user: User, body: s.TicketCreate):
    """A customer writes in; the channel is `api`. Sending the same `submission_key` again
    returns the ticket made the first time."""
    ticket = tickets.create_ticket(
        customer=user,
        subject=body.subject,
        body=body.body,
        category_id=body.category_id,
        channel="api",
        submission_key=body.submission_key,
    )
    return s.TicketOut.model_validate(ticket)


@operation(
    "/tickets/<int:number>", "GET", summary="Read a ticket", tag="Tickets", response=s.TicketOut
)
def get_ticket(user: User, number: int):
    """A customer's own ticket, or any ticket for staff (404 otherwise)."""
    return s.TicketOut.model_validate(tickets.ticket_for(user, number))


@operation(
    "/tickets/<int:number>",
    "PATCH",
    summary="Change status, priority, assignee or category",
    tag="Tickets",
    body=s.TicketUpdate,
    response=s.TicketOut,
    conflicts=True,
)
def update_ticket(user: User, number: int, body: s.TicketUpdate):
    """Send the `version` you read: a change made on an older version is refused with 409.
    Customers may only resolve or reopen their own tickets."""
    ticket = tickets.ticket_for(user, number)
    given = body.model_fields_set
    staff_fields = {"priority", "assignee_id", "category_id"} & given
    if staff_fields and not user.is_staff:
        raise Forbidden(f"Only staff may change {', '.join(sorted(staff_fields))}.")
    version = body.version
    if "assignee_id" in given:
        tickets.assign(ticket=ticket, actor=user, assignee_id=body.assignee_id, version=version)
        version = ticket.version
    if {"priority", "category_id"} & given:
        tickets.update_properties(
            ticket=ticket,
            actor=user,
            priority=body.priority or ticket.priority,
            category_id=body.category_id if "category_id" in given else ticket.category_id,
            version=version,
        )
        version = ticket.version
    if body.status is not None:
        tickets.change_status(
            ticket=ticket,
            actor=user,
            status=body.status,
            version=version,
            confirmed_undone=tickets.left_undone(ticket) if user.is_staff else (),
        )
    return s.TicketOut.model_validate(ticket)


@operation(
    "/tickets/<int:number>/messages",
    "GET",
    summary="A ticket's thread",
    tag="Tickets",
    response=s.MessageList,
)
def list_messages(user: User, number: int):
    """The thread, oldest first, with each customer message's sentiment. Internal notes are
    for staff only."""
    ticket = tickets.ticket_for(user, number)
    statement = select(Message).where(Message.ticket_id == ticket.id)
    if not user.is_staff:
        statement = statement.where(Message.kind != MessageKind.NOTE)
    rows = db.session.scalars(statement.order_by(Message.created_at, Message.id)).all()
    return s.MessageList(items=[s.MessageOut.model_validate(row) for row in rows])


@operation(
    "/tickets/<int:number>/messages",
    "POST",
    summary="Reply, write again, or leave a note",
    tag="Tickets",
    body=s.ReplyCreate,
    response=s.MessageOut,
    status=201,
)
def add_message(user: User, number: int, body: s.ReplyCreate):
    """Customers write to their ticket (`kind` and `status` are staff's). Staff send a public
    `reply` or an internal `note`, and may set a status with it."""
    ticket = tickets.ticket_for(user, number)
    if not user.is_staff and ("kind" in body.model_fields_set or body.status):
        raise Forbidden("Only staff choose the kind of message or set a status with it.")
    message, conflict = tickets.reply(
        ticket=ticket,
        author=user,
        body=body.body,
        kind=body.kind if user.is_staff else MessageKind.CUSTOMER.value,
        status=body.status,
    )
    if conflict is not None:
        raise conflict
    return s.MessageOut.model_validate(message)


# --- People --------------------------------------------------------------------------------


@operation(
    "/users",
    "GET",
    summary="List people",
    tag="People",
    roles=STAFF,
    query=s.UserQuery,
    response=s.UserList,
)
def list_users(user: User, query: s.UserQuery):
    """Agents and supervisors see customers; admins see everyone and may filter by role."""
    statement = select(User)
    if user.role != Role.ADMIN:
        if query.role not in (None, Role.CUSTOMER):
            raise Forbidden("Only admins list staff.")
        statement = statement.where(User.role == Role.CUSTOMER)
    elif query.role:
        statement = statement.where(User.role == query.role)
    if query.q:
        statement = statement.where(name_or_email_contains(query.q))
    if query.cursor:
        (last_id,) = _decode(query.cursor, (int,))
        statement = statement.where(User.id > last_id)
    rows, cursor = _keyset_page(statement.order_by(User.id), query.limit, lambda last: (last.id,))
    return s.UserList(items=[s.UserOut.model_validate(row) for row in rows], next_cursor=cursor)


@operation(
    "/users",
    "POST",
    summary="Add a person",
    tag="People",
    roles=ADMINS,
    body=s.UserCreate,
    response=s.UserOut,
    status=201,
)
def create_user(user: User, body: s.UserCreate):
    """An account of any role, as on the admin page."""
    created = accounts.create_user(
        email=body.email, name=body.name, role=body.role, password=body.password, actor=user
    )
    return s.UserOut.model_validate(created)


@operation(
    "/users/<int:user_id>",
    "PATCH",
    summary="Change a role, or deactivate and reactivate",
    tag="People",
    roles=ADMINS,
    body=s.UserUpdate,
    response=s.UserOut,
)
def update_user(user: User, user_id: int, body: s.UserUpdate):
    """The same rules as the admin page: nobody demotes or deactivates the last admin, and
    admins cannot do it to themselves."""
    target = accounts.get_user(user_id)
    if body.role is not None:
        target = accounts.change_role(actor=user, user_id=user_id, role=body.role)
    if body.active is not None:
        target = accounts.set_active(actor=user, user_id=user_id, active=body.active)
    return s.UserOut.model_validate(target)


# --- Help centre ---------------------------------------------------------------------------


@operation(
    "/articles",
    "GET",
    summary="List help-centre articles",
    tag="Help centre",
    query=s.ArticleQuery,
    response=s.ArticleList,
)
def list_articles(user: User, query: s.ArticleQuery):
    """Published articles (staff may ask for drafts with `status=draft`), latest edited first,
    or best match first with `q`."""
    if query.status and query.status != ArticleStatus.PUBLISHED and not user.is_staff:
        raise Forbidden("Only staff read drafts.")
    status = query.status or ArticleStatus.PUBLISHED
    if query.q:
        within = select(Article).where(Article.status == status)
        if query.category:
            within = within.where(Article.category_id == query.category)
        hits, total = search.search(
            query.q, page=query.page, per_page=query.per_page, within=within
        )
        pages = max(1, -(-total // query.per_page))
        items = [s.ArticleOut.model_validate(hit.article) for hit in hits]
        return s.ArticleList(items=items, page=query.page, pages=pages, total=total)
    return _listed(
        s.ArticleOut,
        s.ArticleList,
        catalogue.staff_list(
            status=status, category_id=query.category, page=query.page, per_page=query.per_page
        ),
    )


@operation(
    "/articles/<slug>",
    "GET",
    summary="Read an article",
    tag="Help centre",
    response=s.ArticleOut,
)
def get_article(user: User, slug: str):
    """A published article, or a draft for staff."""
    return s.ArticleOut.model_validate(kb.article_for(user, slug))


@operation(
    "/articles",
    "POST",
    summary="Write an article",
    tag="Help centre",
    roles=STAFF,
    body=s.ArticleWrite,
    response=s.ArticleOut,
    status=201,
)
def create_article(user: User, body: s.ArticleWrite):
    """Markdown in `body`; published at once with `status: published`."""
    article = kb.create_article(
        author=user,
        title=body.title,
        body=body.body,
        category_id=body.category_id,
        tags=body.tags,
        status=body.status,
    )
    return s.ArticleOut.model_validate(article)


@operation(
    "/articles/<slug>",
    "PUT",
    summary="Edit an article",
    tag="Help centre",
    roles=STAFF,
    body=s.ArticleEdit,
    response=s.ArticleOut,
    conflicts=True,
)
def edit_article(user: User, slug: str, body: s.ArticleEdit):
    """Send the whole article with the `version` you read; an edit of an older one is 409."""
    article = kb.update_article(
        article=kb.get(slug),
        actor=user,
        version=body.version,
        title=body.title,
        body=body.body,
        category_id=body.category_id,
        tags=body.tags,
        status=body.status,
    )
    return s.ArticleOut.model_validate(article)


# --- Ideas ---------------------------------------------------------------------------------


@operation(
    "/ideas", "GET", summary="The idea board", tag="Ideas", query=s.IdeaQuery, response=s.IdeaList
)
def list_ideas(user: User, query: s.IdeaQuery):
    """Ideas (merged duplicates left out) by votes, newest, or trending."""
    page = board.board(
        sort=query.sort,
        status=query.status,
        category_id=query.category,
        query=query.q or "",
        page=query.page,
        per_page=query.per_page,
        now=clock.now(),
    )
    return _listed(s.IdeaOut, s.IdeaList, page)


@operation(
    "/ideas",
    "POST",
    summary="Post an idea",
    tag="Ideas",
    body=s.IdeaCreate,
    response=s.IdeaOut,
    status=201,
)
def create_idea(user: User, body: s.IdeaCreate):
    """The author's vote is counted at once."""
    idea = ideas.create_idea(
        author=user, title=body.title, body=body.body, category_id=body.category_id
    )
    return s.IdeaOut.model_validate(idea)


@operation("/ideas/<int:idea_id>", "GET", summary="Read an idea", tag="Ideas", response=s.IdeaOut)
def get_idea(user: User, idea_id: int):
    return s.IdeaOut.model_validate(ideas.get(idea_id))


def _vote(user: User, idea_id: int, wanted: bool) -> s.VoteOut:
    idea = ideas.get(idea_id)
    voted = ideas.has_voted(idea, user)
    if voted != wanted:
        voted = ideas.toggle_vote(idea=idea, user=user)
    db.session.refresh(idea)
    return s.VoteOut(voted=voted, vote_count=idea.vote_count)


@operation(
    "/ideas/<int:idea_id>/vote", "PUT", summary="Vote for an idea", tag="Ideas", response=s.VoteOut
)
def vote(user: User, idea_id: int):
    """One vote per person; voting again changes nothing."""
    return _vote(user, idea_id, True)


@operation(
    "/ideas/<int:idea_id>/vote",
    "DELETE",
    summary="Take a vote back",
    tag="Ideas",
    response=s.VoteOut,
)
def unvote(user: User, idea_id: int):
    return _vote(user, idea_id, False)


@operation(
    "/ideas/<int:idea_id>/comments",
    "POST",
    summary="Comment on an idea",
    tag="Ideas",
    body=s.CommentCreate,
    response=s.CommentOut,
    status=201,
)
def comment(user: User, idea_id: int, body: s.CommentCreate):
    """Staff comments are marked official."""
    return s.CommentOut.model_validate(
        ideas.add_comment(idea=ideas.get(idea_id), author=user, body=body.body)
    )


@operation(
    "/ideas/<int:idea_id>/status",
    "POST",
    summary="Move an idea on",
    tag="Ideas",
    roles=STAFF,
    body=s.IdeaStatusCreate,
    response=s.IdeaOut,
)
def change_idea_status(user: User, idea_id: int, body: s.IdeaStatusCreate):
    """Its voters are emailed the note."""
    idea = ideas.get(idea_id)
    ideas.change_status(idea=idea, actor=user, status=body.status, note=body.note)
    return s.IdeaOut.model_validate(ideas.get(idea_id))


@operation(
    "/ideas/<int:idea_id>/merge",
    "POST",
    summary="Merge a duplicate",
    tag="Ideas",
    roles=STAFF,
    body=s.IdeaMerge,
    response=s.IdeaOut,
)
def merge_idea(user: User, idea_id: int, body: s.IdeaMerge):
    """Votes move to `into_id` (nobody counted twice); answers with the idea merged into."""
    ideas.merge(idea=ideas.get(idea_id), into_id=body.into_id, actor=user)
    return s.IdeaOut.model_validate(ideas.get(body.into_id))


# --- Surveys and metrics -------------------------------------------------------------------


@operation(
    "/survey-responses",
    "GET",
    summary="Survey answers",
    tag="Surveys",
    roles=STAFF,
    query=s.SurveyQuery,
    response=s.SurveyList,
)
def list_survey_responses(user: User, query: s.SurveyQuery):
    """Answers newest first, with the comment's sentiment."""
    statement = select(SurveyResponse)
    if query.answered_from:
        statement = statement.where(SurveyResponse.answered_at >= _start_of(query.answered_from))
    if query.answered_to:
        end = _start_of(query.answered_to) + timedelta(days=1)
        statement = statement.where(SurveyResponse.answered_at < end)
    if query.agent:
        statement = statement.where(SurveyResponse.agent_id == query.agent)
    key = tuple_(SurveyResponse.answered_at, SurveyResponse.id)
    if query.cursor:
        at, last_id = _decode(query.cursor, (datetime, int))
        statement = statement.where(key < (at, last_id))
    rows, cursor = _keyset_page(
        statement.order_by(SurveyResponse.answered_at.desc(), SurveyResponse.id.desc()),
        query.limit,
        lambda last: (last.answered_at, last.id),
    )
    return s.SurveyList(
        items=[s.SurveyResponseOut.model_validate(row) for row in rows], next_cursor=cursor
    )


def _figures(cut: metrics.Filter, summary: metrics.Summary) -> s.Figures:
    o = summary.outcomes
    return s.Figures(
        start=cut.start,
        end=cut.end,
        tickets_created=summary.volume.created,
        tickets_resolved=summary.volume.resolved,
        backlog=summary.volume.backlog,
        first_reply_median_seconds=summary.first_reply.answered.median,
        first_reply_p90_seconds=summary.first_reply.answered.p90,
        unanswered=summary.first_reply.unanswered,
        resolution_median_seconds=o.resolution.median,
        resolution_p90_seconds=o.resolution.p90,
        requester_wait_median_seconds=o.wait.median,
        replies_to_resolution=o.replies_mean,
        one_touch_rate=o.one_touch_rate,
        reopen_rate=o.reopen_rate,
        reopens=o.reopens,
        followups_per_ticket=o.followups_mean,
        messages_per_ticket=summary.conversation.messages_mean,
        complaints=summary.complaints.received,
        complaints_resolved=summary.complaints.resolved,
        mood_recovery_rate=summary.complaints.recovery_rate,
        survey_answers=summary.surveys.answers,
        csat=summary.surveys.csat,
        nps=summary.surveys.nps,
        ces=summary.surveys.ces_mean,
        survey_response_rate=summary.surveys.response_rate,
        sla_attainment=o.sla_rate,
        check_ins_due=summary.check_ins.due,
        check_ins_on_time_rate=summary.check_ins.on_time_rate,
        check_ins_overdue=summary.check_ins.overdue,
        kb_deflection_rate=summary.deflection.rate,
        tagger_agreement=summary.agreement.rate,
    )


@operation(
    "/metrics",
    "GET",
    summary="The dashboard's figures",
    tag="Reports",
    roles=SUPERVISORS,
    query=s.MetricsQuery,
    response=s.MetricsOut,
)
def get_metrics(user: User, query: s.MetricsQuery):
    """The headline figures of `/reports` for the period and cuts, and for the period of
    equal length before. Durations are in seconds, rates between 0 and 1."""
    now = clock.now()
    tomorrow = _start_of(now.date()) + timedelta(days=1)
    if query.from_ or query.to:
        if not query.from_:
            raise ApiProblem(
                422,
                "Give `from` with `to`.",
                [{"field": "from", "message": "Give the first day of the period."}],
            )
        last = query.to or now.date()
        if last < query.from_:
            raise ApiProblem(
                422,
                "The end date comes before the start date.",
                [{"field": "to", "message": "The end date comes before the start date."}],
            )
        start, end = _start_of(query.from_), _start_of(last) + timedelta(days=1)
        if end - start > timedelta(days=3 * 366):
            raise ApiProblem(
                422,
                "Choose a period of at most three years.",
                [{"field": "to", "message": "Choose a period of at most three years."}],
            )
    elif query.period == "quarter":
        today = now.date()
        start = _start_of(today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1))
        end = tomorrow
    else:
        start, end = tomorrow - timedelta(days=int(query.period or "30")), tomorrow
    cut = metrics.Filter(
        start=start,
        end=end,
        now=now,
        agent_id=query.agent,
        category_id=query.category,
        priority=query.priority,
        channel=query.channel,
        sentiment=query.sentiment,
    )
    before = cut.previous()
    return s.MetricsOut(
        current=_figures(cut, metrics.summary(cut, db.session)),
        previous=_figures(before, metrics.summary(before, db.session)),
    )


# --- Playbooks -----------------------------------------------------------------------------


@operation(
    "/playbooks",
    "GET",
    summary="The checklists",
    tag="Playbooks",
    roles=STAFF,
    response=s.PlaybookList,
)
def list_playbooks(user: User):
    """The current version of each playbook, with its steps."""
    return s.PlaybookList(
        items=[s.PlaybookOut.model_validate(p) for p in playbooks.current_playbooks()]
    )


@operation(
    "/playbooks/<int:playbook_id>",
    "GET",
    summary="A checklist",
    tag="Playbooks",
    roles=STAFF,
    response=s.PlaybookOut,
)
def get_playbook(user: User, playbook_id: int):
    return s.PlaybookOut.model_validate(playbooks.get_playbook(playbook_id))


def _run(run) -> s.RunOut:
    return s.RunOut(
        id=run.id,
        ticket_id=run.ticket_id,
        playbook_id=run.playbook_id,
        started_by_id=run.started_by_id,
        started_at=run.started_at,
        completed_at=run.completed_at,
        steps=[s.RunStepOut.model_validate(step) for step in run.steps_done],
    )


@operation(
    "/tickets/<int:number>/runs",
    "GET",
    summary="Checklist runs on a ticket",
    tag="Playbooks",
    roles=STAFF,
    response=s.RunList,
)
def list_runs(user: User, number: int):
    ticket = tickets.ticket_for(user, number)
    return s.RunList(items=[_run(run) for run in playbooks.runs_of(ticket)])


@operation(
    "/runs/<int:run_id>/steps/<int:step_id>",
    "POST",
    summary="Tick a step",
    tag="Playbooks",
    roles=STAFF,
    body=s.TickCreate,
    response=s.RunOut,
)
def tick_step(user: User, run_id: int, step_id: int, body: s.TickCreate):
    """Mark a step of a run done (or not) with a note; a step with a check-in schedules it."""
    playbooks.tick(run_id=run_id, step_id=step_id, actor=user, done=body.done, note=body.note)
    run = playbooks.get_run(run_id)
    db.session.refresh(run)
    return _run(run)
