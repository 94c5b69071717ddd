"""Form widgets that render long option lists fast.

Django renders every <option> through its own template include, which costs a fraction of
a millisecond each: a country list (~250 options) or a list of every stakeholder adds tens
to hundreds of milliseconds to a page. `FastSelect` writes, in Python, exactly the same HTML
as Django's select.html, select_option.html and attrs.html templates (newlines included),
straight from the choices: none of the per-option dictionaries Django's `optgroups` builds
for its templates.
"""

import html as stdlib_html

from django import forms
from django.forms.renderers import BaseRenderer, get_default_renderer
from django.utils.choices import CallableChoiceIterator
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django_countries import countries

# Django's empty choice; people read "Choose…" (templates/django/forms/widgets/select_option.html
# does the same for the widgets Django renders).
DJANGO_EMPTY_LABEL = "---------"


def country_choices() -> list[tuple[str, str]]:
    """The countries in the reader's language, sorted by name: a field's choices.

    Give this function, never the `countries` object itself: a FilterSet (and a form)
    deep-copies its fields' choices for each request, and a copied `countries` has lost the
    names django-countries keeps per language, so each page translated and sorted some 250
    names again. The function is copied as itself and reads the one shared, cached list."""
    return list(countries)


def _escape(text) -> str:
    """conditional_escape without its per-call wrappers (it runs twice per option)."""
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return stdlib_html.escape(str(text))


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{conditional_escape(str(value))}"')
    return "".join(parts)


def _listed(iterator):
    """A model choice field's choices read in one query: Django's ModelChoiceIterator
    reads them through `queryset.iterator()`, which on PostgreSQL opens a server-side
    cursor (DECLARE, FETCH, CLOSE: three round trips for a dozen workstreams)."""
    field = iterator.field
    if field.empty_label is not None:
        yield ("", field.empty_label)
    if getattr(field, "null_label", None) is not None:  # django-filter's "no value" choice
        yield (field.null_value, field.null_label)
    for row in iterator.queryset.all():
        yield iterator.choice(row)


class FastSelect(forms.Select):
    def choices_to_render(self, values: list[str]):
        """The choices the page carries (all of them here)."""
        iterator = self.choices
        if isinstance(iterator, forms.models.ModelChoiceIterator):
            return _listed(iterator)
        return iterator

    def optgroups(self, name, value, attrs=None):
        iterator = self.choices
        self.choices = self.choices_to_render(value)
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = iterator

    def render(self, name, value, attrs=None, renderer=None):
        # What Widget.get_context and Select.get_context give the templates, without the
        # option dictionaries.
        values = self.format_value(value)
        final_attrs = self.build_attrs(self.attrs, attrs)
        multiple = self.allow_multiple_selected
        if multiple:
            final_attrs["multiple"] = True
        empty = gettext("Choose…")
        html = [f'<select name="{conditional_escape(name)}"{_attrs(final_attrs)}>']
        has_selected = False

        def option(value, label):
            nonlocal has_selected
            selected = (not has_selected or multiple) and str(value) in values
            has_selected |= selected
            if label == DJANGO_EMPTY_LABEL:
                label = empty
            html.append(
                f'\n  <option value="{_escape(value)}"'
                f"{' selected' if selected else ''}>{_escape(label)}</option>\n"
            )

        for option_value, option_label in self.choices_to_render(values):
            if option_value is None:
                option_value = ""
            if isinstance(option_label, (list, tuple)):
                if option_value:
                    html.append(f'\n  <optgroup label="{conditional_escape(option_value)}">')
                for subvalue, sublabel in option_label:
                    option(subvalue, sublabel)
                if option_value:
                    html.append("\n  </optgroup>")
            else:
                option(option_value, option_label)
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 - every value above is escaped


class ChosenOnlySelect(FastSelect):
    """A choice among thousands of records (a list filter's owner): the page carries only
    the empty choice and the one chosen, so it stays small however many records there
    are; a text filter beside it finds the others (see cooperation.forum.filters). The
    chosen value is still validated against the whole queryset by the field."""

    def choices_to_render(self, values: list[str]):
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        if queryset is None:
            return iterator
        # Only a whole number can be a chosen row; anything typed is no choice (never a 500).
        chosen = [str(v) for v in values if str(v).isdigit() and len(str(v)) <= 18]
        choices = []
        if iterator.field.empty_label is not None:
            choices.append(("", iterator.field.empty_label))
        if chosen:
            choices += [iterator.choice(row) for row in queryset.filter(pk__in=chosen)]
        return choices


KEPT_COUNTRY_SELECTS = 64  # per process: a few languages × fields × chosen countries
_kept_country_selects: dict[tuple, str] = {}
_country_codes: set[str] = set()


def _is_country(code: str) -> bool:
    if not _country_codes:
        _country_codes.update(code for code, _name in countries)
    return code in _country_codes


def _choices_source(choices):
    """What a field's choices are made from, without making them: the function that gives
    them (`country_choices`) and the empty and "no value" labels around it (django-filter
    wraps the field's choices in its own iterator); None for choices given as a list."""
    field = getattr(choices, "field", None)
    inner = getattr(choices, "choices", choices) if field is not None else choices
    if isinstance(inner, CallableChoiceIterator):  # a Django field's
        func = inner.func
    elif callable(inner) and not isinstance(inner, type):  # django-filter keeps the function
        func = inner
    else:
        return None
    labels = (getattr(field, "empty_label", None), getattr(field, "null_label", None))
    return (func, *(None if label is None else str(label) for label in labels))


class CountrySelect(FastSelect):
    """A country drop-down written once per language: its options are the same on every
    page in a language (some 250 countries from django-countries), so its HTML, as
    FastSelect writes it, is kept per language, field, choices and chosen country. The
    choices are named by the function that gives them, so a page that finds its drop-down
    kept neither makes nor reads the 250 choices. Only a real country (or none) is kept:
    whatever else a query string holds is written as usual."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = tuple(self.format_value(value))
        if not all(_is_country(code) for code in chosen if code):
            return super().render(name, value, attrs, renderer)
        source = _choices_source(self.choices)
        if source is None:  # a list of choices: the list itself names them
            source = tuple(self.choices)
        final_attrs = self.build_attrs(self.attrs, attrs)
        key = (get_language(), name, tuple(sorted(final_attrs.items())), chosen, source)
        html = _kept_country_selects.get(key)
        if html is None:
            html = str(super().render(name, value, attrs, renderer))
            if len(_kept_country_selects) >= KEPT_COUNTRY_SELECTS:
                _kept_country_selects.pop(next(iter(_kept_country_selects)))
            _kept_country_selects[key] = html
        return mark_safe(html)  # noqa: S308 - FastSelect's escaped HTML, kept as written


# Widget templates that are nothing but Django's input.html (the widget's own get_context
# gives the value and attributes, a checkbox's "checked" among them).
_INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in (
        "text",
        "number",
        "email",
        "url",
        "search",
        "tel",
        "date",
        "time",
        "hidden",
        "checkbox",
    )
)
_LABEL_TEMPLATE = "django/forms/label.html"


def _label_html(context) -> str:
    if not context["use_tag"]:
        return _escape(context["label"])
    tag = context["tag"]
    return f"<{tag}{_attrs(context['attrs'] or {})}>{_escape(context['label'])}</{tag}>"


def _input_html(context) -> str:
    widget = context["widget"]
    value = "" if widget["value"] is None else f' value="{_escape(widget["value"])}"'
    return (
        f'<input type="{_escape(widget["type"])}" name="{_escape(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>"
    )


class FastFormRenderer(BaseRenderer):
    """The form renderer of the lists' filter forms (core.filters.FilterForm): a field's
    <label> and its text, number or date <input> written in Python, exactly as Django's
    label.html, input.html and attrs.html write them (a filter form renders ten labels
    and a few inputs on every list page, each through two template includes); every other
    template goes to the project's renderer unchanged."""

    @property
    def _default(self):
        return get_default_renderer()

    @property
    def form_template_name(self):
        return self._default.form_template_name

    @property
    def formset_template_name(self):
        return self._default.formset_template_name

    @property
    def field_template_name(self):
        return self._default.field_template_name

    def get_template(self, template_name):
        return self._default.get_template(template_name)

    def render(self, template_name, context, request=None):
        if template_name == _LABEL_TEMPLATE:
            return _label_html(context)
        if template_name in _INPUT_TEMPLATES:
            return _input_html(context)
        return self._default.render(template_name, context, request=request)


FAST_FORM_RENDERER = FastFormRenderer()
