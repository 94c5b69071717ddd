"""Workstreams and commitments tagged with the strategy initiative they serve, in /forum/:
the secretariat chooses a workstream's initiative on its form; a commitment serves its
workstream's (chosen on the commitment's form, where each workstream names it). The public
strategy page then lists and counts them under that initiative."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from cms.models import StrategyPage
from cooperation.forum.models.workstreams import StrategyInitiative as I
from cooperation.models import Commitment, Workstream
from tests.cms.factories import add_child, home  # noqa: F401
from tests.cooperation.factories_forum import (
    CommitmentFactory,
    StakeholderFactory,
    WorkstreamFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, secretariat):
    client.force_login(secretariat)
    return client


def _card(overview: str, number: int) -> str:
    """The strategy overview's card of one initiative."""
    return re.search(rf'<li class="card" value="{number}">.*?</ul>', overview, re.S).group(0)


def _workstream(**overrides):
    return {
        "name": "Helplines for people who fear they may offend",
        "forum": "prevention_network",
        "initiative": str(I.PREVENTION),
        "description": "",
        "public": "on",
        **overrides,
    }


def test_the_secretariat_tags_a_workstream_and_its_commitment_and_the_strategy_shows_them(
    client,
    secretariat,
    home,  # noqa: F811
):
    client.force_login(secretariat)
    strategy = add_child(home, StrategyPage(title="The EU strategy", slug="strategy"))
    response = client.post(reverse("forum:workstream_create"), _workstream())
    assert response.status_code == 302
    workstream = Workstream.objects.get()
    assert workstream.initiative == I.PREVENTION
    form = client.get(reverse("forum:commitment_create")).content.decode()
    assert (
        f'<option value="{workstream.pk}">'
        "Helplines for people who fear they may offend (5. Prevention)</option>"
    ) in form
    response = client.post(
        reverse("forum:commitment_create"),
        {
            "owner": StakeholderFactory().pk,
            "workstream": workstream.pk,
            "title": "A helpline in every Member State",
            "problem": "Few helplines.",
            "actions": "Open helplines.",
            "due_date": "2027-06-30",
            "verifiable": "on",
            "public": "on",
        },
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    detail = client.get(reverse("forum:commitment_detail", args=[commitment.pk]))
    assert "<dd>5. Prevention <span" in detail.content.decode()

    client.logout()
    prevention = client.get("/strategy/5/").content.decode()
    assert "Helplines for people who fear they may offend" in prevention
    assert "A helpline in every Member State" in prevention
    card = _card(client.get(strategy.url).content.decode(), 5)
    assert "<strong>1</strong> workstream" in card
    assert "<strong>1</strong> public commitment" in card

    # Tagged again: both move to the other initiative's page.
    client.force_login(secretariat)
    response = client.post(
        reverse("forum:workstream_edit", args=[workstream.pk]),
        _workstream(initiative=str(I.GLOBAL)),
    )
    assert response.status_code == 302
    client.logout()
    assert "A helpline in every Member State" not in client.get("/strategy/5/").content.decode()
    global_page = client.get("/strategy/8/").content.decode()
    assert "A helpline in every Member State" in global_page
    card = _card(client.get(strategy.url).content.decode(), 8)
    assert "<strong>1</strong> public commitment" in card


def test_the_workstream_list_names_the_initiative(signed_in):
    WorkstreamFactory(name="Hash sharing", initiative=I.INDUSTRY)
    page = signed_in.get(reverse("forum:workstream_list")).content.decode()
    assert "<td>7. Industry efforts through the EU Internet Forum</td>" in page
    assert "<td>7</td>" not in page


def test_the_workstream_form_offers_the_initiatives_by_name(signed_in):
    page = signed_in.get(reverse("forum:workstream_create")).content.decode()
    select = re.search(r'<select name="initiative".*?</select>', page, re.S).group(0)
    assert '<option value="" selected>Choose…</option>' in select
    for number, label in I.choices:
        assert f'<option value="{number}">{label}</option>' in select


def test_a_workstream_without_initiative_is_refused_with_what_was_typed(signed_in):
    response = signed_in.post(
        reverse("forum:workstream_create"),
        _workstream(initiative="", description="Typed description"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Typed description" in page and "This field is required." in page
    assert not Workstream.objects.exists()


def test_commitments_are_filtered_by_initiative(signed_in):
    CommitmentFactory(title="Hashes", workstream=WorkstreamFactory(initiative=I.INDUSTRY))
    CommitmentFactory(title="Helplines", workstream=WorkstreamFactory(initiative=I.PREVENTION))
    page = signed_in.get(reverse("forum:commitment_list"), {"initiative": "5"}).content.decode()
    assert "Helplines" in page and "Hashes" not in page
    assert signed_in.get(reverse("forum:commitment_list"), {"initiative": "x"}).status_code == 200


def test_in_french(signed_in):
    with translation.override("fr"):
        commitment = CommitmentFactory(workstream=WorkstreamFactory(initiative=I.PREVENTION))
        page = signed_in.get(reverse("forum:commitment_detail", args=[commitment.pk]))
        assert '5. Prévention <span class="field__help">(celle de son axe de travail)' in (
            page.content.decode()
        )
        form = signed_in.get(reverse("forum:commitment_create")).content.decode()
        assert "L’engagement sert l’initiative de la stratégie de son axe de travail." in form
