"""Forms of the ticket pages: new ticket, reply, status, assignment, properties, queue filters."""

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from helpdesk.fields import SelectField
from helpdesk.page_cache import one_time_key
from helpdesk.sentiment import LABELS
from helpdesk.text import multi_line, single_line
from helpdesk.tickets.models import Channel, MessageKind, Priority, Status

MAX_BODY = 20_000


def version_field() -> IntegerField:
    """The version of the ticket the form was shown with; changes carry it."""
    return IntegerField(
        validators=[InputRequired("The form is missing the ticket's version; reload the page.")]
    )


def choices(pairs) -> list[SelectChoice]:
    """SelectChoice objects from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def optional_int(value):
    """'' and None mean no choice; anything else must be a whole number."""
    if value in ("", None):
        return None
    return int(value)


def _body_field(label: str = "Message") -> TextAreaField:
    return TextAreaField(
        label,
        filters=[multi_line],
        validators=[DataRequired("Write a message."), Length(max=MAX_BODY)],
    )


class NewTicketForm(FlaskForm):
    """A customer describes a problem."""

    subject = StringField(
        "Subject",
        filters=[single_line],
        validators=[DataRequired("Give your request a subject."), Length(max=200)],
    )
    body = _body_field("Describe the problem")
    category = SelectField("Category", coerce=optional_int, validators=[Optional()])
    attachments = MultipleFileField("Attachments (optional)")
    submission_key = HiddenField(default=one_time_key, validators=[Length(max=64)])


class ReplyForm(FlaskForm):
    """A message on a ticket; staff choose reply or note and may move the status with it."""

    body = _body_field()
    kind = RadioField(
        "Send as",
        choices=choices(
            [(MessageKind.REPLY, "Reply to customer"), (MessageKind.NOTE, "Internal note")]
        ),
        default=MessageKind.REPLY.value,
    )
    status = SelectField(
        "Then set status",
        choices=choices(
            [("", "Leave as it is")]
            + [(status.value, status.label) for status in Status if status != Status.NEW]
        ),
        default="",
        validators=[Optional()],
    )
    attachments = MultipleFileField("Attachments (optional)")
    version = IntegerField(validators=[Optional()])  # optional: a reply is never refused for it
    submission_key = HiddenField(default=one_time_key, validators=[Length(max=64)])


class StatusForm(FlaskForm):
    """Move a ticket to another status; `confirm` when resolving with work left undone."""

    status = SelectField(
        "Status",
        choices=choices([(status.value, status.label) for status in Status]),
        validators=[InputRequired("Choose a status.")],
        validate_choice=False,  # the service names what is allowed
    )
    version = version_field()
    confirm = HiddenField()


class AssignForm(FlaskForm):
    """Give a ticket to a member of staff."""

    # The service checks the person (active staff) and says so; the list may be out of date.
    assignee_id = SelectField(
        "Assignee", coerce=optional_int, validators=[Optional()], validate_choice=False
    )
    version = version_field()


class PropertiesForm(FlaskForm):
    """Priority and category of a ticket."""

    priority = SelectField(
        "Priority", choices=choices([(priority.value, priority.label) for priority in Priority])
    )
    category = SelectField("Category", coerce=optional_int, validators=[Optional()])
    version = version_field()


class TagsForm(FlaskForm):
    """Tags as comma-separated words."""

    tags = StringField("Tags", filters=[single_line], validators=[Length(max=500)])
    version = version_field()


class SentimentForm(FlaskForm):
    """An agent's review of a customer message's mood."""

    label = SelectField("Mood", choices=choices([(label, label.capitalize()) for label in LABELS]))


class BulkForm(FlaskForm):
    """One change to the selected tickets of the queue."""

    ticket_ids = SelectMultipleField("Tickets", coerce=int, validate_choice=False)
    action = SelectField(
        "Change",
        choices=choices([("assign", "Assignee"), ("status", "Status"), ("priority", "Priority")]),
    )
    value = StringField("To", validators=[Length(max=20)])


SORT_CHOICES = [
    ("created", "Newest first"),
    ("oldest", "Oldest first"),
    ("updated", "Recently updated"),
    ("priority", "Priority"),
    ("sla", "SLA due soonest"),
]
STATUS_FILTERS = [("active", "Not resolved"), ("any", "Any status")] + [
    (status.value, status.label) for status in Status
]


def reasonable_date(form, field) -> None:
    """Dates between 2000 and 2100: anything else is a typo, and 9999-12-31 + 1 day overflows."""
    if field.data and not 2000 <= field.data.year <= 2100:
        raise ValidationError("Choose a date between 2000 and 2100.")


class QueueFilterForm(FlaskForm):
    """The queue's filters, read from the query string."""

    class Meta:
        csrf = False

    status = SelectField("Status", choices=choices(STATUS_FILTERS), default="active")
    assignee = StringField("Assignee", validators=[Optional(), Length(max=20)])
    priority = SelectField(
        "Priority",
        choices=choices([("", "Any priority")] + [(p.value, p.label) for p in Priority]),
        default="",
    )
    category = SelectField("Category", coerce=optional_int, validators=[Optional()])
    sentiment = SelectField(
        "Mood",
        choices=choices([("", "Any mood")] + [(label, label.capitalize()) for label in LABELS]),
        default="",
    )
    channel = SelectField(
        "Channel",
        choices=choices([("", "Any channel")] + [(c.value, c.value.capitalize()) for c in Channel]),
        default="",
    )
    sla = SelectField("SLA", choices=choices([("", "Any"), ("breaching", "Breaching")]), default="")
    created_from = DateField("Created from", validators=[Optional(), reasonable_date])
    created_to = DateField("Created to", validators=[Optional(), reasonable_date])
    q = StringField("Search", filters=[single_line], validators=[Optional(), Length(max=200)])
    sort = SelectField("Sort", choices=choices(SORT_CHOICES), default="created")


class CannedReplyForm(FlaskForm):
    """A saved reply."""

    title = StringField(
        "Title",
        filters=[single_line],
        validators=[DataRequired("Give it a title."), Length(max=100)],
    )
    body = TextAreaField(
        "Text",
        filters=[multi_line],
        validators=[DataRequired("Write the reply."), Length(max=MAX_BODY)],
        description="You may use {{customer.name}}, {{customer.first_name}}, {{agent.name}}, "
        "{{ticket.number}} and {{ticket.subject}}.",
    )


class CategoryForm(FlaskForm):
    """A ticket category."""

    name = StringField(
        "Name",
        filters=[single_line],
        validators=[DataRequired("Name the category."), Length(max=60)],
    )
    position = IntegerField("Order", default=0, validators=[Optional()])
    description = StringField(
        "Description", filters=[single_line], validators=[Optional(), Length(max=300)]
    )
