"""The admin's webhook form."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectMultipleField, URLField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from helpdesk.webhooks.models import Event


class WebhookForm(FlaskForm):
    """Where to post, and which events."""

    url = URLField(
        "Address",
        validators=[DataRequired("Give the address to post to."), Length(max=500)],
        description="The receiver's https:// address.",
    )
    events = SelectMultipleField(
        "Events",
        choices=[SelectChoice(event.value, event.label) for event in Event],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[DataRequired("Choose at least one event.")],
    )
    active = BooleanField("Active", default=True)
