"""The dashboard's filter, read from the query string, and the period it stands for."""

from datetime import UTC, date, datetime, time, timedelta

from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField
from wtforms.validators import Optional, ValidationError

from helpdesk.auth.models import User, is_staff
from helpdesk.extensions import db
from helpdesk.fields import SelectField
from helpdesk.reports.metrics import MOODS, Filter
from helpdesk.tickets.detail import category_choices
from helpdesk.tickets.forms import choices, optional_int, reasonable_date
from helpdesk.tickets.models import Channel, Priority

PERIODS = [
    ("7", "Last 7 days"),
    ("30", "Last 30 days"),
    ("90", "Last 90 days"),
    ("quarter", "This quarter"),
    ("custom", "From and to dates"),
]
DEFAULT_PERIOD = "30"
LONGEST = timedelta(days=3 * 366)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def preset_period(period: str, now: datetime) -> tuple[datetime, datetime]:
    """[start, end) of a preset period (a number of days, or "quarter"), whole UTC days up to
    the end of today."""
    today = now.date()
    tomorrow = _midnight(today + timedelta(days=1))
    if period == "quarter":
        first_month = 3 * ((today.month - 1) // 3) + 1
        return _midnight(date(today.year, first_month, 1)), tomorrow
    days = int(period) if period.isdigit() else int(DEFAULT_PERIOD)
    return tomorrow - timedelta(days=days), tomorrow


def agent_choices() -> list:
    """Every member of staff, also those no longer active (their tickets are still counted)."""
    staff = db.session.execute(
        select(User.id, User.name, User.active).where(is_staff()).order_by(User.name)
    )
    return choices(
        [("", "Every agent")]
        + [(id, name if active else f"{name} (inactive)") for id, name, active in staff]
    )


class ReportFilterForm(FlaskForm):
    """Period and cuts. A field with an error cuts nothing and shows its message; the dates
    are days in UTC, both included."""

    class Meta:
        csrf = False

    period = SelectField("Period", choices=choices(PERIODS), default=DEFAULT_PERIOD)
    start = DateField("From", name="from", validators=[Optional(), reasonable_date])
    to = DateField("To", validators=[Optional(), reasonable_date])
    agent = SelectField("Agent", coerce=optional_int, validators=[Optional()])
    category = SelectField("Category", coerce=optional_int, validators=[Optional()])
    priority = SelectField(
        "Priority",
        choices=choices([("", "Any priority")] + [(p.value, p.label) for p in Priority]),
        default="",
    )
    channel = SelectField(
        "Channel",
        choices=choices([("", "Any channel")] + [(c.value, c.value.capitalize()) for c in Channel]),
        default="",
    )
    sentiment = SelectField(
        "Opening mood",
        choices=choices([("", "Any mood")] + [(mood, mood.capitalize()) for mood in MOODS]),
        default="",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.agent.choices = agent_choices()
        self.category.choices = category_choices("Every category", include_hidden=True)

    def validate_to(self, field) -> None:
        if self._custom() and self.start.data and field.data and field.data < self.start.data:
            raise ValidationError("The end date comes before the start date.")
        if self._custom() and self.start.data and field.data:
            if field.data - self.start.data >= LONGEST:
                raise ValidationError("Choose a period of at most three years.")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.period.data == "custom" and not self.start.data and not self.start.errors:
            # Optional() ends the field's own checks when it is empty, so this one sits here.
            self.start.errors.append("Choose the first day, or pick a period above.")
            valid = False
        return valid

    def _custom(self) -> bool:
        return self.period.data == "custom" or bool(self.start.data or self.to.data)

    def period_of(self, now: datetime) -> tuple[datetime, datetime]:
        """[start, end) of the period asked for; the preset when the dates are not usable."""
        if self._custom() and self.start.data and not (self.start.errors or self.to.errors):
            last = self.to.data or now.date()
            return _midnight(self.start.data), _midnight(last + timedelta(days=1))
        return preset_period(self.period.data if not self.period.errors else DEFAULT_PERIOD, now)

    def to_filter(self, now: datetime) -> Filter:
        start, end = self.period_of(now)

        def valid(field):
            return None if field.errors or field.data in ("", None) else field.data

        return Filter(
            start=start,
            end=end,
            now=now,
            agent_id=valid(self.agent),
            category_id=valid(self.category),
            priority=valid(self.priority),
            channel=valid(self.channel),
            sentiment=valid(self.sentiment),
        )
