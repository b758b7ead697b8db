"""Forms of the survey: the customer's answer, and closing a recovery."""

from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from helpdesk.surveys.service import CES_SCALE, CSAT_SCALE, MAX_COMMENT, NPS_SCALE
from helpdesk.text import multi_line
from helpdesk.tickets.forms import choices

CSAT_LABELS = {
    1: "Very unsatisfied",
    2: "Unsatisfied",
    3: "Neutral",
    4: "Satisfied",
    5: "Very satisfied",
}
CES_LABELS = {1: "Very easy", 4: "Neither", 7: "Very hard"}


def _scale(scale: range, labels: dict[int, str]) -> list:
    return choices(
        [(score, f"{score} {labels[score]}" if score in labels else str(score)) for score in scale]
    )


class SurveyForm(FlaskForm):
    """CSAT is the one question that must be answered; the rest help if given."""

    class Meta:
        # The form may stay open in a tab for days; its token does not expire (the link is
        # the key anyway), and a missing one re-shows the form with the answers kept.
        csrf_time_limit = None

    csat = RadioField(
        "How satisfied are you with the help you got?",
        coerce=int,
        choices=_scale(CSAT_SCALE, CSAT_LABELS),
        validators=[InputRequired("Choose how satisfied you are, from 1 to 5.")],
        validate_choice=False,  # the service says which range a score must be in
    )
    ces = RadioField(
        "How easy was it to get your issue solved?",
        coerce=int,
        choices=_scale(CES_SCALE, CES_LABELS),
        validators=[Optional()],
        validate_choice=False,
    )
    nps = RadioField(
        "How likely are you to recommend us to a friend?",
        coerce=int,
        choices=_scale(NPS_SCALE, {0: "Not at all", 10: "Extremely"}),
        validators=[Optional()],
        validate_choice=False,
    )
    comment = TextAreaField(
        "Anything you would like to tell us?",
        filters=[multi_line],
        validators=[Optional(), Length(max=MAX_COMMENT)],
    )


class CloseRecoveryForm(FlaskForm):
    """What was done to put things right."""

    outcome = TextAreaField(
        "What was done",
        filters=[multi_line],
        validators=[DataRequired("Say what was done for the customer."), Length(max=2000)],
    )
