"""Forms of the playbook pages: start a run, tick a step, do a check-in."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional

from helpdesk.text import multi_line


class StartRunForm(FlaskForm):
    """Start a playbook on a ticket."""

    playbook_id = IntegerField(validators=[InputRequired("Choose a playbook.")])


class TickForm(FlaskForm):
    """Tick (done=1) or untick (done=0) a step, with an optional note."""

    done = StringField(validators=[AnyOf(["0", "1"], message="done is 1 or 0.")])
    note = TextAreaField("Note", filters=[multi_line], validators=[Optional(), Length(max=2000)])


class CheckInForm(FlaskForm):
    """Write to the customer, or note why not, and mark the check-in done."""

    body = TextAreaField(
        "Message",
        filters=[multi_line],
        validators=[DataRequired("Write to the customer, or note why not."), Length(max=20000)],
    )
    kind = RadioField(
        "Send as",
        choices=[
            SelectChoice("reply", "Message to the customer"),
            SelectChoice("note", "Internal note (why no message)"),
        ],
        default="reply",
    )
