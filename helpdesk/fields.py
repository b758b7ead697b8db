"""Form fields every area shares.

`SelectField` is WTForms' own with a quicker widget: a select of agents or categories is
rendered on most staff pages, and WTForms builds each option through its general attribute
machinery (sorting, key cleaning and Markup formatting per option), a millisecond and more of
a queue page. The widget writes the same HTML directly; a choice with its own attributes, a
multiple select or option groups go through WTForms as before.
"""

from markupsafe import Markup, escape
from wtforms import SelectField as _SelectField
from wtforms.widgets import Select, html_params


class QuickSelect(Select):
    """WTForms' Select, writing the same HTML for plain choices without its per-option cost."""

    def __call__(self, field, **kwargs):
        choices = list(field._iter_choices_normalized())
        if self.multiple or field.has_groups() or any(choice.render_kw for choice in choices):
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        flags = field.flags
        for name in self.validation_attrs:
            if name not in kwargs and getattr(flags, name, False):
                kwargs[name] = getattr(flags, name)
        html = [f"<select {html_params(name=field.name, **kwargs)}>"]
        for choice in choices:
            value = str(choice.value) if isinstance(choice.value, bool) else choice.value
            selected = "selected " if choice.selected else ""
            label = escape(choice.label or choice.value)
            html.append(f'<option {selected}value="{escape(value)}">{label}</option>')
        html.append("</select>")
        return Markup("".join(html))


class SelectField(_SelectField):
    widget = QuickSelect()
