"""A call's strategy initiative is set where managers create and edit calls (the Wagtail
call form, no Django admin): offered by name with "Choose…", listed by name."""

import re

import pytest
from django.urls import reverse

from cooperation.forum.models.workstreams import StrategyInitiative as I
from funding.models import Call
from tests.funding.factories import CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, programme_manager):
    client.force_login(programme_manager)
    return client


def _select(page: str) -> str:
    return re.search(r'<select name="initiative".*?</select>', page, re.S).group(0)


def test_the_call_form_offers_the_initiatives_by_name(manager_client):
    select = _select(manager_client.get(reverse("funding_call:add")).content.decode())
    assert '<option value="" selected>Choose…</option>' in select
    for number, label in I.choices:
        assert f'<option value="{number}">{label}</option>' in select


def test_a_manager_sets_a_calls_initiative_and_the_list_names_it(manager_client):
    call = CallFactory(identifier="ISF-2027-AG-CSA", initiative=None)
    data = {
        "programme": call.programme_id,
        "identifier": call.identifier,
        "title": call.title,
        "summary": "",
        "description": "",
        "initiative": str(I.PREVENTION),
        "publication_date": "",
        "published_at": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    response = manager_client.post(reverse("funding_call:edit", args=[call.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    assert Call.objects.get(pk=call.pk).initiative == I.PREVENTION
    edit = manager_client.get(reverse("funding_call:edit", args=[call.pk])).content.decode()
    assert '<option value="5" selected>5. Prevention</option>' in _select(edit)
    listing = manager_client.get(reverse("funding_call:index")).content.decode()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*ISF-2027-AG-CSA.*?</tr>", listing, re.S).group(0)
    assert "5. Prevention" in row
