"""The commitments list's owner filter among a thousand stakeholders: the page carries only
the chosen owner, never every stakeholder; the owner's name filter finds the others; a
stakeholder's link (?owner=…) still filters; nothing typed makes a 500."""

import pytest
from django.urls import reverse

from tests.cooperation.factories import OrganisationFactory
from tests.cooperation.factories_forum import CommitmentFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitments():
    europol = StakeholderFactory(organisation=OrganisationFactory(legal_name="Europol"))
    tiktok = StakeholderFactory(organisation=OrganisationFactory(legal_name="TikTok Ltd"))
    for number in range(30):
        StakeholderFactory(organisation=OrganisationFactory(legal_name=f"Member {number}"))
    return {
        "europol": CommitmentFactory(owner=europol, title="Europol's pledge"),
        "tiktok": CommitmentFactory(owner=tiktok, title="TikTok's pledge"),
    }


def test_the_page_does_not_carry_every_stakeholder(client, secretariat, commitments):
    client.force_login(secretariat)
    body = client.get(reverse("forum:commitment_list")).content.decode()
    assert "Member 7" not in body  # no option per stakeholder
    assert "Europol&#x27;s pledge" in body and "TikTok&#x27;s pledge" in body


def test_a_stakeholders_link_filters_and_shows_the_chosen_owner(client, secretariat, commitments):
    client.force_login(secretariat)
    owner = commitments["europol"].owner
    response = client.get(reverse("forum:commitment_list"), {"owner": owner.pk})
    body = response.content.decode()
    assert [c.pk for c in response.context["object_list"]] == [commitments["europol"].pk]
    assert f'<option value="{owner.pk}" selected>' in body


def test_the_owners_name_finds_the_others(client, secretariat, commitments):
    client.force_login(secretariat)
    response = client.get(reverse("forum:commitment_list"), {"owner_name": "tikt"})
    assert [c.pk for c in response.context["object_list"]] == [commitments["tiktok"].pk]


@pytest.mark.parametrize("value", ["abc", "99999999999999999999", "-1", "0", "\x00"])
def test_an_owner_that_is_no_stakeholder_is_a_form_error_not_a_500(
    client, secretariat, commitments, value
):
    client.force_login(secretariat)
    response = client.get(reverse("forum:commitment_list"), {"owner": value})
    assert response.status_code == 200
