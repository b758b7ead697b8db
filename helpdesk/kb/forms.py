"""Forms of the knowledge base: writing an article, and a reader's "Was this helpful?"."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from helpdesk.fields import SelectField
from helpdesk.kb.models import ArticleStatus
from helpdesk.text import multi_line, single_line
from helpdesk.tickets.forms import choices, optional_int
from helpdesk.web import MAX_ID

MAX_BODY = 50_000


class ArticleForm(FlaskForm):
    """An article as staff write it; "Preview" shows it rendered without saving."""

    title = StringField(
        "Title",
        filters=[single_line],
        validators=[DataRequired("Give the article a title."), Length(min=3, max=200)],
    )
    slug = StringField("Address", filters=[single_line], validators=[Optional(), Length(max=80)])
    category = SelectField("Category", coerce=optional_int, validators=[Optional()])
    tags = StringField("Tags", filters=[single_line], validators=[Length(max=500)])
    body = TextAreaField(
        "Article",
        filters=[multi_line],
        validators=[DataRequired("Write the article."), Length(max=MAX_BODY)],
    )
    status = SelectField(
        "Status",
        choices=choices([(status.value, status.label) for status in ArticleStatus]),
        default=ArticleStatus.DRAFT.value,
    )
    version = IntegerField(validators=[Optional()])
    from_ticket = IntegerField(
        validators=[Optional(), NumberRange(1, MAX_ID, "There is no such ticket.")]
    )
    preview = SubmitField("Preview")
    save = SubmitField("Save")


class FeedbackForm(FlaskForm):
    """A reader's answer: the article helped, or it did not."""

    helpful = SelectField(
        choices=choices([("yes", "Yes"), ("no", "No")]),
        validators=[InputRequired("Say whether the article helped.")],
    )
