"""Forms for signing up, signing in and administering users."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    PasswordField,
    SelectChoice,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from helpdesk.auth.audit import GROUPS
from helpdesk.auth.models import Role
from helpdesk.auth.service import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from helpdesk.fields import SelectField
from helpdesk.text import single_line
from helpdesk.tickets.forms import reasonable_date

ROLE_CHOICES = [(role.value, role.label) for role in Role]


def _role_choices() -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in ROLE_CHOICES]


def _name_field() -> StringField:
    return StringField(
        "Name",
        filters=[single_line],
        validators=[DataRequired("Tell us your name."), Length(max=100)],
    )


def _email_field() -> EmailField:
    return EmailField(
        "Email",
        filters=[single_line],
        validators=[
            DataRequired("Enter your email address."),
            Length(max=254),
            Email("Enter a valid email address, like name@example.com."),
        ],
    )


def _new_password_field(label: str = "Password") -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired("Choose a password."),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=MAX_PASSWORD_LENGTH,
                message=f"Use {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters.",
            ),
        ],
    )


class RegisterForm(FlaskForm):
    """Customer sign-up."""

    name = _name_field()
    email = _email_field()
    password = _new_password_field()
    confirm = PasswordField(
        "Repeat password",
        validators=[
            DataRequired("Repeat the password."),
            EqualTo("password", message="The two passwords do not match."),
        ],
    )


class LoginForm(FlaskForm):
    """Sign-in for every role."""

    email = EmailField(
        "Email",
        filters=[single_line],
        validators=[DataRequired("Enter your email address."), Length(max=254)],
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter your password."), Length(max=MAX_PASSWORD_LENGTH)],
    )
    remember = BooleanField("Keep me signed in on this device")


class NewUserForm(FlaskForm):
    """An admin adds an account of any role."""

    name = _name_field()
    email = _email_field()
    role = SelectField("Role", choices=_role_choices(), default=Role.AGENT.value)
    password = _new_password_field()


class RoleForm(FlaskForm):
    """An admin changes one user's role."""

    role = SelectField("Role", choices=_role_choices())


class ActiveForm(FlaskForm):
    """An admin deactivates or reactivates one account."""

    active = SelectField(
        "Status", choices=[SelectChoice("1", "Active"), SelectChoice("0", "Deactivated")]
    )


class TokenForm(FlaskForm):
    """A new personal API token."""

    name = StringField(
        "Name",
        filters=[single_line],
        validators=[DataRequired("Name the token after what will use it."), Length(max=60)],
        description="What will use it, such as “shop integration” or “BI export”.",
    )


class ForgotPasswordForm(FlaskForm):
    """Ask for a password reset link."""

    email = _email_field()


def _repeat_field(of: str) -> PasswordField:
    return PasswordField(
        "Repeat the new password",
        validators=[
            DataRequired("Repeat the new password."),
            EqualTo(of, message="The two passwords do not match."),
        ],
    )


class ResetPasswordForm(FlaskForm):
    """A new password, from an emailed link."""

    password = _new_password_field("New password")
    confirm = _repeat_field("password")


class ChangePasswordForm(FlaskForm):
    """A new password, knowing the current one."""

    current = PasswordField(
        "Current password",
        validators=[
            DataRequired("Enter your current password."),
            Length(max=MAX_PASSWORD_LENGTH),
        ],
    )
    new = _new_password_field("New password")
    confirm = _repeat_field("new")


class AuditFilterForm(FlaskForm):
    """The audit log's filters, read from the query string."""

    class Meta:
        csrf = False

    group = SelectField(
        "Events",
        choices=[SelectChoice("", "All events")]
        + [SelectChoice(key, group.label) for key, group in GROUPS.items()],
        default="",
    )
    person = StringField(
        "Person (name or email)", filters=[single_line], validators=[Optional(), Length(max=100)]
    )
    address = StringField(
        "IP address", filters=[single_line], validators=[Optional(), Length(max=45)]
    )
    start = DateField("From", name="from", validators=[Optional(), reasonable_date])
    to = DateField("To", validators=[Optional(), reasonable_date])
