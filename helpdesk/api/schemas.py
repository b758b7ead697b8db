"""The API's request and response schemas (pydantic): the endpoints validate with them and the
OpenAPI document is generated from them, so the two cannot drift apart."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from helpdesk.auth.models import Role
from helpdesk.ideas.models import IdeaStatus
from helpdesk.kb.models import ArticleStatus
from helpdesk.tickets.models import Channel, Priority, Status
from helpdesk.web import MAX_ID

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Mood = Literal["negative", "neutral", "positive"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Cursor = Annotated[str, Field(max_length=200, description="`next_cursor` of the page before")]
Limit = Annotated[int, Field(ge=1, le=100, description="Items per page (1-100)")]


class Input(BaseModel):
    """A request body: unknown fields are refused, so a typo is an error, not a no-op."""

    model_config = ConfigDict(extra="forbid")


class Query(BaseModel):
    """Query parameters: unknown ones are ignored, as browsers and proxies add their own."""

    model_config = ConfigDict(extra="ignore")


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# --- People --------------------------------------------------------------------------------


class UserOut(Output):
    id: int
    name: str
    email: str
    role: Role
    active: bool
    created_at: datetime


class UserQuery(Query):
    role: Role | None = None
    q: Annotated[str, Field(max_length=100)] | None = Field(
        None, description="Part of a name or email"
    )
    limit: Limit = 25
    cursor: Cursor | None = None


class UserList(Output):
    items: list[UserOut]
    next_cursor: str | None


class UserCreate(Input):
    email: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254)]
    name: Annotated[Text, StringConstraints(max_length=100)]
    role: Role
    password: Annotated[str, Field(min_length=1, max_length=200)]


class UserUpdate(Input):
    role: Role | None = None
    active: bool | None = None


# --- Tickets and messages ------------------------------------------------------------------


class TicketOut(Output):
    number: int
    subject: str
    status: Status
    priority: Priority
    channel: Channel
    category_id: int | None
    customer_id: int
    assignee_id: int | None
    version: int = Field(description="Send it back with a change: a stale one gets 409")
    created_at: datetime
    updated_at: datetime
    first_reply_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    sla_due_at: datetime | None
    agent_replies: int
    customer_followups: int
    reopen_count: int
    first_sentiment: Mood | None
    last_sentiment: Mood | None


class TicketQuery(Query):
    status: Literal["active", "any", "new", "open", "pending", "resolved", "closed"] = "active"
    assignee: Annotated[str, Field(pattern=r"^(me|none|[1-9][0-9]{0,8})$")] | None = Field(
        None, description="`me`, `none` or a staff id (staff only)"
    )
    priority: Priority | None = None
    category: Id | None = None
    sentiment: Mood | None = Field(None, description="The ticket's current mood")
    channel: Channel | None = None
    created_from: date | None = None
    created_to: date | None = None
    q: Annotated[str, Field(max_length=200)] | None = Field(None, description="Full-text search")
    sort: Literal["created", "oldest", "updated"] = "created"
    limit: Limit = 25
    cursor: Cursor | None = None


class TicketList(Output):
    items: list[TicketOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end"
    )


class TicketCreate(Input):
    subject: Annotated[Text, StringConstraints(max_length=200)]
    body: Annotated[Text, StringConstraints(max_length=20_000)]
    category_id: Id | None = None
    submission_key: Annotated[str, Field(min_length=8, max_length=64)] | None = Field(
        None, description="Send the same key again and the same ticket comes back (no duplicate)"
    )


class TicketUpdate(Input):
    version: Id
    status: Status | None = None
    priority: Priority | None = Field(None, description="Staff only")
    assignee_id: Id | None = Field(None, description="Staff only; null to unassign")
    category_id: Id | None = Field(None, description="Staff only")


class MessageOut(Output):
    id: int
    kind: Literal["customer", "reply", "note"]
    author_id: int | None
    body: str
    created_at: datetime
    sentiment_label: Mood | None = Field(description="The tagger's label (customer messages)")
    sentiment_polarity: float | None
    corrected_label: Mood | None = Field(description="An agent's correction, if any")


class MessageList(Output):
    items: list[MessageOut]


class ReplyCreate(Input):
    body: Annotated[Text, StringConstraints(max_length=20_000)]
    kind: Literal["reply", "note"] = Field("reply", description="Staff: a public reply or a note")
    status: Literal["open", "pending", "resolved"] | None = Field(
        None, description="Staff: the status to set with the reply"
    )


# --- Help centre ---------------------------------------------------------------------------


class ArticleOut(Output):
    slug: str
    title: str
    body_markdown: str
    body_html: str
    category_id: int | None
    status: ArticleStatus
    version: int
    view_count: int
    helpful_yes: int
    helpful_no: int
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None


class ArticleQuery(Query):
    status: ArticleStatus | None = Field(None, description="Published unless staff ask for `draft`")
    category: Id | None = None
    q: Annotated[str, Field(max_length=200)] | None = Field(None, description="Full-text search")
    page: Annotated[int, Field(ge=1, le=10_000)] = 1
    per_page: Limit = 25


class ArticleList(Output):
    items: list[ArticleOut]
    page: int
    pages: int
    total: int


class ArticleWrite(Input):
    title: Annotated[Text, StringConstraints(max_length=200)]
    body: Annotated[Text, StringConstraints(max_length=100_000)] = Field(description="Markdown")
    category_id: Id | None = None
    tags: list[Annotated[str, Field(max_length=40)]] = Field(default_factory=list, max_length=10)
    status: ArticleStatus = ArticleStatus.DRAFT


class ArticleEdit(ArticleWrite):
    version: Id


# --- Ideas ---------------------------------------------------------------------------------


class IdeaOut(Output):
    id: int
    title: str
    body_markdown: str
    author_id: int
    category_id: int | None
    status: IdeaStatus
    merged_into_id: int | None
    vote_count: int
    comment_count: int
    sentiment_label: Mood | None
    created_at: datetime
    done_at: datetime | None


class IdeaQuery(Query):
    sort: Literal["top", "new", "trending"] = "top"
    status: IdeaStatus | None = None
    category: Id | None = None
    q: Annotated[str, Field(max_length=200)] | None = None
    page: Annotated[int, Field(ge=1, le=10_000)] = 1
    per_page: Limit = 25


class IdeaList(Output):
    items: list[IdeaOut]
    page: int
    pages: int
    total: int


class IdeaCreate(Input):
    title: Annotated[Text, StringConstraints(max_length=150)]
    body: Annotated[str, StringConstraints(max_length=10_000)] = ""
    category_id: Id | None = None


class VoteOut(Output):
    voted: bool
    vote_count: int


class CommentCreate(Input):
    body: Annotated[Text, StringConstraints(max_length=5_000)]


class CommentOut(Output):
    id: int
    idea_id: int
    author_id: int
    body: str
    official: bool
    created_at: datetime
    sentiment_label: Mood | None


class IdeaStatusCreate(Input):
    status: IdeaStatus
    note: Annotated[Text, StringConstraints(max_length=2_000)] = Field(
        description="Sent to the voters"
    )


class IdeaMerge(Input):
    into_id: Id


# --- Surveys, metrics, playbooks -----------------------------------------------------------


class SurveyResponseOut(Output):
    id: int
    ticket_id: int
    customer_id: int
    agent_id: int | None
    category_id: int | None
    csat: int
    nps: int | None
    ces: int | None
    comment: str
    sentiment_label: Mood | None
    answered_at: datetime


class SurveyQuery(Query):
    answered_from: date | None = None
    answered_to: date | None = None
    agent: Id | None = None
    limit: Limit = 25
    cursor: Cursor | None = None


class SurveyList(Output):
    items: list[SurveyResponseOut]
    next_cursor: str | None


class MetricsQuery(Query):
    from_: date | None = Field(None, alias="from", description="First day (UTC), with `to`")
    to: date | None = Field(None, description="Last day (UTC), included")
    period: Literal["7", "30", "90", "quarter"] | None = Field(
        None, description="A preset period ending today, when no dates are given (default 30)"
    )
    agent: Id | None = None
    category: Id | None = None
    priority: Priority | None = None
    channel: Channel | None = None
    sentiment: Mood | None = Field(None, description="Opening mood")

    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Figures(Output):
    """The dashboard's headline figures for one period; null where there is nothing to count."""

    start: datetime
    end: datetime
    tickets_created: int
    tickets_resolved: int
    backlog: int
    first_reply_median_seconds: float | None
    first_reply_p90_seconds: float | None
    unanswered: int
    resolution_median_seconds: float | None
    resolution_p90_seconds: float | None
    requester_wait_median_seconds: float | None
    replies_to_resolution: float | None
    one_touch_rate: float | None
    reopen_rate: float | None
    reopens: int
    followups_per_ticket: float | None
    messages_per_ticket: float | None
    complaints: int
    complaints_resolved: int
    mood_recovery_rate: float | None
    survey_answers: int
    csat: float | None
    nps: float | None
    ces: float | None
    survey_response_rate: float | None
    sla_attainment: float | None
    check_ins_due: int
    check_ins_on_time_rate: float | None
    check_ins_overdue: int
    kb_deflection_rate: float | None
    tagger_agreement: float | None


class MetricsOut(Output):
    current: Figures
    previous: Figures = Field(description="The period of equal length just before")


class StepOut(Output):
    id: int
    position: int
    key: str
    title: str
    guidance: str
    required: bool
    check_in_after_seconds: int | None


class PlaybookOut(Output):
    id: int
    slug: str
    version: int
    title: str
    summary: str
    steps: list[StepOut]


class PlaybookList(Output):
    items: list[PlaybookOut]


class RunStepOut(Output):
    step_id: int
    done: bool
    done_by_id: int | None
    done_at: datetime | None
    note: str


class RunOut(Output):
    id: int
    ticket_id: int
    playbook_id: int
    started_by_id: int | None
    started_at: datetime
    completed_at: datetime | None
    steps: list[RunStepOut]


class RunList(Output):
    items: list[RunOut]


class TickCreate(Input):
    done: bool
    note: Annotated[str, StringConstraints(max_length=2_000)] = ""
