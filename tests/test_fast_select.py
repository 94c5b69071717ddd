"""FastSelect writes the very HTML Django's Select templates write, only faster."""

import pytest
from django import forms
from django.utils import translation
from django.utils.safestring import mark_safe
from django_countries import Countries, countries

from cooperation.forum.filters import CommitmentFilter, StakeholderFilter
from core.widgets import FAST_FORM_RENDERER, FastSelect, country_choices
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


@pytest.mark.parametrize("value", [None, [], ["2"], ["1", "2", "AF"], ["x<y", "unknown"]])
def test_same_html_as_django_for_a_multiple_select(value):
    django_html = forms.SelectMultiple(choices=CHOICES).render("field", value)

    class FastMultiple(FastSelect):
        allow_multiple_selected = True

    assert FastMultiple(choices=CHOICES).render("field", value) == django_html


def test_only_the_first_equal_value_is_selected_as_django_does():
    choices = [("1", "one"), ("Group", [("1", "one again"), ("2", "two")])]
    django_html = forms.Select(choices=choices).render("field", "1")
    assert FastSelect(choices=choices).render("field", "1") == django_html
    assert django_html.count("selected") == 1


class _AnyForm(forms.Form):
    name = forms.CharField(label="Name <contains>", required=False, help_text="Part of it")
    year = forms.IntegerField(label="Year?", required=True, min_value=1900)
    on = forms.DateField(label=mark_safe("<em>On</em>"), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    email = forms.EmailField(required=False, widget=forms.EmailInput(attrs={"placeholder": 'a"b'}))
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)
    contacts = forms.BooleanField(label="Include contacts", required=False)
    agreed = forms.BooleanField(label="Agreed", initial=True)


class _FastForm(_AnyForm):
    default_renderer = FAST_FORM_RENDERER


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"name": 'x"<y>', "year": "12", "on": "2026-02-30", "email": "n@x.eu", "contacts": "on"},
    ],
)
@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_the_fast_renderer_writes_what_djangos_templates_write(data, auto_id):
    django_form = _AnyForm(data, auto_id=auto_id, initial={"year": 2026})
    fast_form = _FastForm(data, auto_id=auto_id, initial={"year": 2026})
    for name in django_form.fields:
        assert str(fast_form[name]) == str(django_form[name])
        assert fast_form[name].label_tag() == django_form[name].label_tag()
        assert fast_form[name].label_tag(attrs={"class": "x"}, tag="span") == django_form[
            name
        ].label_tag(attrs={"class": "x"}, tag="span")
    # Anything else (the whole form, its errors) is Django's own rendering.
    assert str(fast_form) == str(django_form)


def test_the_filter_forms_render_with_the_fast_renderer():
    assert StakeholderFilter().form.renderer is FAST_FORM_RENDERER
    assert CommitmentFilter().form.renderer is FAST_FORM_RENDERER


def test_the_country_filter_does_not_translate_the_countries_again_per_request(monkeypatch):
    """A FilterSet deep-copies its filters for each request: with `countries` itself as the
    choices, each copy lost django-countries' per-language cache and translated and sorted
    about 250 names again on every list page."""
    calls = []
    original = Countries.translate_pair

    def counting(self, *args, **kwargs):
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Countries, "translate_pair", counting)
    with translation.override("fr"):
        list(country_choices())  # django-countries' own first translation in French
        calls.clear()
        for _ in range(2):
            html = str(StakeholderFilter({"country": "BE"}).form["country"])
        assert calls == []
    assert '<option value="BE" selected>Belgique</option>' in html
    assert html.index(">Afghanistan<") < html.index(">Afrique du Sud<") < html.index(">Zambie<")
    with translation.override("en"):
        html = str(StakeholderFilter().form["country"])
    assert ">South Africa<" in html and ">Afrique du Sud<" not in html


def test_a_country_that_is_not_one_is_a_form_error():
    filterset = StakeholderFilter({"country": "XX"})
    assert not filterset.is_valid() and "country" in filterset.errors


@pytest.mark.django_db
def test_a_model_filters_options_are_read_in_one_query_without_a_server_side_cursor(
    monkeypatch,
):
    """Django's ModelChoiceIterator reads the options through `queryset.iterator()`, a
    server-side cursor on PostgreSQL (three round trips); FastSelect reads them at once.
    Fails on a FastSelect that renders through the field's own iterator."""
    from django.db.models.query import QuerySet

    from tests.cooperation.factories_forum import WorkstreamFactory

    names = [WorkstreamFactory(name=f"Workstream <{n}>").name for n in range(3)]

    def refused(self, *args, **kwargs):
        raise AssertionError("the options were read through queryset.iterator()")

    field = CommitmentFilter({"workstream": ""}).form.fields["workstream"]
    django_html = forms.Select(choices=field.widget.choices).render("workstream", "")
    monkeypatch.setattr(QuerySet, "iterator", refused)
    html = field.widget.render("workstream", "")
    assert html == django_html
    for name in names:
        assert name.replace("<", "&lt;").replace(">", "&gt;") in html
