"""Forms of the idea board."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from helpdesk.fields import SelectField
from helpdesk.ideas.models import IdeaStatus
from helpdesk.ideas.service import MAX_BODY, MAX_COMMENT, MAX_NOTE, MAX_TITLE
from helpdesk.text import multi_line, single_line
from helpdesk.tickets.forms import choices, optional_int
from helpdesk.web import MAX_ID


class IdeaForm(FlaskForm):
    """A new idea."""

    title = StringField(
        "Your idea in a line",
        filters=[single_line],
        validators=[DataRequired("Give your idea a title."), Length(max=MAX_TITLE)],
    )
    body = TextAreaField(
        "What would it help you do?",
        filters=[multi_line],
        validators=[Optional(), Length(max=MAX_BODY)],
    )
    category = SelectField("Category", coerce=optional_int, validators=[Optional()])


class CommentForm(FlaskForm):
    body = TextAreaField(
        "Comment",
        filters=[multi_line],
        validators=[DataRequired("Write a comment."), Length(max=MAX_COMMENT)],
    )


class StatusForm(FlaskForm):
    status = SelectField(
        "Status",
        choices=choices([(status.value, status.label) for status in IdeaStatus]),
        validate_choice=False,  # the service says what is allowed
        validators=[InputRequired("Choose a status.")],
    )
    note = TextAreaField(
        "Note to the voters",
        filters=[multi_line],
        validators=[DataRequired("Write a note for the voters."), Length(max=MAX_NOTE)],
    )


class MergeForm(FlaskForm):
    into_id = IntegerField(
        "Merge into idea number",
        validators=[
            InputRequired("Give the number of the idea to keep."),
            NumberRange(1, MAX_ID, "Give the number of the idea to keep."),
        ],
    )


class LinkTicketForm(FlaskForm):
    number = IntegerField(
        "Ticket number",
        validators=[
            InputRequired("Give a ticket number."),
            NumberRange(1, MAX_ID, "Give a ticket number."),
        ],
    )


class IdeaCategoryForm(FlaskForm):
    """The category staff file an idea under."""

    category = SelectField("Category", coerce=optional_int, validators=[Optional()])


class CategoryForm(FlaskForm):
    name = StringField(
        "Name",
        filters=[single_line],
        validators=[DataRequired("Name the category."), Length(max=60)],
    )
    position = IntegerField(
        "Order", validators=[Optional(), NumberRange(0, MAX_ID, "Give an order from 0 up.")]
    )
