"""`{% visible_fields form %}`: the visible fields of includes/form.html written in Python.
Through the template language each field was half a dozen variables resolved, localised
and escaped and three conditions evaluated, on every form of the site (a list's filter
form has ten fields). The HTML is exactly the loop's (tests/core/test_form_fields.py
renders every form of the project both ways and compares); the label and the widget are
still the form's own `label_tag()` and `str(field)`, through its renderer."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


def _text(value) -> str:
    """`{{ value }}`: a text (or lazy text) escaped unless marked safe."""
    return conditional_escape(value if isinstance(value, str) else str(value))


@register.simple_tag
def visible_fields(form) -> str:
    fields = getattr(form, "visible_fields", None)
    if not callable(fields):
        return ""
    html = []
    for field in fields():
        errors = field.errors
        help_text = field.help_text
        html.append(f'\n  <div class="field{" field--error" if errors else ""}">\n    ')
        html.append(_text(field.label_tag()))
        html.append("\n    ")
        if help_text:
            html.append(
                f'<p class="field__help" id="{_text(field.auto_id)}_helptext">'
                f"{_text(help_text)}</p>"
            )
        html.append("\n    ")
        if errors:
            html.append(
                f'\n      <div class="field__errors" id="{_text(field.auto_id)}_error">\n        '
                + "".join(f"<p>{_text(error)}</p>" for error in errors)
                + "\n      </div>\n    "
            )
        html.append(f"\n    {_text(field)}\n  </div>\n")
    return mark_safe("".join(html))  # noqa: S308 - every text above is escaped or the form's
