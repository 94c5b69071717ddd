"""includes/form.html writes every form of the project exactly as its loop over the visible
fields did, unbound and bound with errors, in English and French."""

import importlib
import pkgutil

import django_filters
import pytest
from django import forms
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe

from tests.cooperation.factories_forum import StakeholderFactory

pytestmark = pytest.mark.django_db

# includes/form.html before its visible fields were written by {% visible_fields %}.
FORM_BEFORE = """{% load i18n %}{% comment %}
  Renders a form accessibly: every field has a label, help and errors are tied to the
  field with aria-describedby, and the errors are summarised at the top.
{% endcomment %}
{% if form.non_field_errors %}
  <div class="form-errors" role="alert">
    {% for error in form.non_field_errors %}<p>{{ error }}</p>{% endfor %}
  </div>
{% elif form.errors %}
  <div class="form-errors" role="alert">
    <p>{% trans "Please correct the fields marked below. Everything else you typed is kept." %}</p>
  </div>
{% endif %}
{% for field in form.hidden_fields %}{{ field }}{% endfor %}
{% for field in form.visible_fields %}
  <div class="field{% if field.errors %} field--error{% endif %}">
    {{ field.label_tag }}
    {% if field.help_text %}<p class="field__help" id="{{ field.auto_id }}_helptext">{{ field.help_text }}</p>{% endif %}
    {% if field.errors %}
      <div class="field__errors" id="{{ field.auto_id }}_error">
        {% for error in field.errors %}<p>{{ error }}</p>{% endfor %}
      </div>
    {% endif %}
    {{ field }}
  </div>
{% endfor %}
"""
PACKAGES = ("core", "cooperation", "funding", "audit", "cms")


def _project_modules():
    for name in PACKAGES:
        package = importlib.import_module(name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            yield importlib.import_module(info.name)


def _subclasses(base):
    found, todo = set(), [base]
    while todo:
        for cls in todo.pop().__subclasses__():
            if cls not in found:
                found.add(cls)
                todo.append(cls)
    return found


def _project(cls) -> bool:
    return cls.__module__.split(".")[0] in PACKAGES


def _forms():
    """Every form of the project that builds without arguments, unbound and bound to an
    empty submission (its errors shown), and every list's filter form."""
    list(_project_modules())
    made = []
    for cls in sorted(filter(_project, _subclasses(forms.BaseForm)), key=str):
        for data in ({}, None):
            try:
                made.append(cls(data=data) if data is not None else cls())
            except (TypeError, KeyError, AttributeError, ValueError):
                break
    for cls in sorted(filter(_project, _subclasses(django_filters.FilterSet)), key=str):
        model = cls._meta.model
        if model is None:
            continue
        for data in ({}, {"page": "x", "o": "nonsense", "q": "<b>"}):
            made.append(cls(data=data, queryset=model.objects.none()).form)
    return made


def _render(text, form):
    return engines["django"].from_string(text).render({"form": form})


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_form_is_written_as_the_loop_wrote_it(language):
    StakeholderFactory()  # a choice in the model drop-downs
    now = engines["django"].get_template("includes/form.html")
    compared = 0
    with translation.override(language):
        for form in _forms():
            before = _render(FORM_BEFORE, form)
            assert now.render({"form": form}) == before, type(form)
            compared += 1
    assert compared > 60


class _Odd(forms.Form):
    """Help marked safe and not, a lazy help text, no automatic ids, several errors."""

    plain = forms.CharField(help_text="Less <than> & more", min_length=5)
    safe = forms.CharField(help_text=mark_safe("<em>safe</em>"), required=False)
    lazy = forms.IntegerField(help_text=translation.gettext_lazy("Value"))
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_plain(self):
        raise forms.ValidationError(["First <1>", "Second & last"])


@pytest.mark.parametrize(
    "form",
    [
        _Odd(),
        _Odd(data={"plain": "ab", "lazy": "x"}),
        _Odd(data={"plain": "ab"}, auto_id=False),
        _Odd(prefix="p", data={}),
        "",
        None,
    ],
    ids=["unbound", "errors", "no ids", "prefix", "no form", "none"],
)
def test_odd_forms_are_written_as_the_loop_wrote_them(form):
    now = engines["django"].get_template("includes/form.html")
    assert now.render({"form": form}) == _render(FORM_BEFORE, form)
