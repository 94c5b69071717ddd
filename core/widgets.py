"""Form widgets that render long option lists fast.

Django renders every <option> through its own template include, which costs a fraction of
a millisecond each: a country list (~250 options) or a list of every stakeholder adds tens
to hundreds of milliseconds to a page. `FastSelect` writes, in Python, exactly the same HTML
as Django's select.html, select_option.html and attrs.html templates (newlines included).
"""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

# Django's empty choice; people read "Choose…" (templates/django/forms/widgets/select_option.html
# does the same for the widgets Django renders).
DJANGO_EMPTY_LABEL = "---------"


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{conditional_escape(str(value))}"')
    return "".join(parts)


def _label(label) -> str:
    return gettext("Choose…") if label == DJANGO_EMPTY_LABEL else label


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                html.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(_label(option['label']))}</option>\n"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


class ChosenOnlySelect(FastSelect):
    """A choice among thousands of records (a list filter's owner): the page carries only
    the empty choice and the one chosen, so it stays small however many records there
    are; a text filter beside it finds the others (see cooperation.forum.filters). The
    chosen value is still validated against the whole queryset by the field."""

    def optgroups(self, name, value, attrs=None):
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        if queryset is None:
            return super().optgroups(name, value, attrs)
        # Only a whole number can be a chosen row; anything typed is no choice (never a 500).
        chosen = [str(v) for v in value if str(v).isdigit() and len(str(v)) <= 18]
        choices = []
        if iterator.field.empty_label is not None:
            choices.append(("", iterator.field.empty_label))
        if chosen:
            choices += [iterator.choice(row) for row in queryset.filter(pk__in=chosen)]
        self.choices = choices
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = iterator
