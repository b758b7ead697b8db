"""The shared form fields: the quick select writes exactly the HTML WTForms writes."""

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectChoice
from wtforms.validators import InputRequired
from wtforms.widgets import Select

from helpdesk.fields import SelectField

CHOICES = [
    SelectChoice("", "Anyone"),
    SelectChoice("7", 'Zoë <Support> & "Billing"'),
    SelectChoice("it's", "Quote's"),
    SelectChoice(True, "Yes"),
    SelectChoice("8", ""),
]


class Sample(Form):
    who = SelectField("Who", choices=CHOICES, validators=[InputRequired()])
    kind = SelectField("Kind", choices=[SelectChoice("a", "A"), SelectChoice("b", "B")])


@pytest.mark.parametrize("picked", ["", "7", "it's", "True", "8", "none of them"])
@pytest.mark.parametrize(
    "attributes",
    [{}, {"class_": "wide", "aria-invalid": "true", "autocomplete": "off"}, {"disabled": True}],
)
def test_the_quick_select_writes_what_wtforms_writes(picked, attributes):
    form = Sample(MultiDict({"who": picked, "kind": "b"}))
    form.validate()

    for field in (form.who, form.kind):
        assert field(**attributes) == Select()(field, **attributes)


def test_choices_with_their_own_attributes_are_left_to_wtforms():
    class WithAttributes(Form):
        pick = SelectField(
            "Pick", choices=[SelectChoice("a", "A", render_kw={"data-hint": "first"})]
        )

    field = WithAttributes().pick
    assert 'data-hint="first"' in field()
    assert field() == Select()(field)
