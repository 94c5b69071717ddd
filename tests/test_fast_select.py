"""FastSelect writes the very HTML Django's Select templates write, only faster."""

import pytest
from django import forms
from django_countries import countries

from core.widgets import FastSelect
from tests.cooperation.factories_forum import StakeholderFactory

CHOICES = [
    ("", "---------"),
    ("x<y", 'A "quoted" & <b>bold</b> label'),
    ("Group", [("1", "one"), ("2", "two")]),
    *list(countries)[:5],
]


@pytest.mark.parametrize("value", [None, "", "x<y", "2", "AF", "unknown"])
@pytest.mark.parametrize(
    "attrs", [None, {"aria-describedby": "id_help", "required": True, "disabled": False}]
)
def test_same_html_as_django(value, attrs):
    django_html = forms.Select(attrs=attrs, choices=CHOICES).render("field", value)
    fast_html = FastSelect(attrs=attrs, choices=CHOICES).render("field", value)
    assert fast_html == django_html


@pytest.mark.django_db
def test_same_html_for_a_model_choice_field():
    stakeholders = [StakeholderFactory(organisation__short_name=f"Org <{n}>") for n in range(3)]

    class Form(forms.Form):
        owner = forms.ModelChoiceField(
            queryset=type(stakeholders[0]).objects.select_related("organisation")
        )

    form = Form({"owner": str(stakeholders[1].pk)})
    django_html = str(form["owner"])
    form.fields["owner"].widget = FastSelect(choices=form.fields["owner"].widget.choices)
    assert str(form["owner"]) == django_html
    assert "selected" in django_html and "&lt;" in django_html
