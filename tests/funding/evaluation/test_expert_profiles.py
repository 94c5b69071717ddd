"""Experts managed in the staff area: the list, a manager's edit of a profile and its
availability per call, the assignment drop-down that never offers an expert who may not be
assigned, and suggestions that say why."""

import pytest
from django.urls import reverse
from django.utils import translation

from cooperation.accounts.roles import Role
from cooperation.models import ExpertProfile
from core.languages import localized_path
from funding.evaluation.models import ExpertAvailability
from funding.evaluation.services import assignments as ev
from funding.evaluation.services.conflicts import conflicted_expert_ids, known_conflicts
from funding.evaluation.services.experts import ExpertProfileError, expert_profile_update
from tests.cooperation.factories import MembershipFactory, OrganisationFactory
from tests.funding.factories import CallFactory
from tests.funding.factories_evaluation import (
    admit,
    close,
    evaluation_topic,
    expert,
    manager,
    submitted,
    user_with,
)
from tests.funding.factories_proposals import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss():
    return manager()


@pytest.fixture
def topic():
    return evaluation_topic(experts_per_proposal=3)


@pytest.fixture
def admitted(topic, boss):
    proposal = submitted(topic)
    close(topic)
    return admit(proposal, boss)


# --- the list ------------------------------------------------------------------------------


def test_the_list_shows_profile_calls_and_load(client, boss, admitted):
    employer = OrganisationFactory(legal_name="Bundeskriminalamt", short_name="")
    person = expert(employer=employer, keywords="forensics, hashing")
    ev.expert_set_availability(expert=person, call=admitted.topic.call, available=True)
    ev.assignment_create(proposal=admitted, expert=person, user=boss)
    client.force_login(boss)
    response = client.get(reverse("evaluation:experts"))
    assert response.status_code == 200
    row = next(e for e in response.context["experts"] if e.pk == person.pk)
    assert row.load == 1
    html = response.content.decode()
    for text in (
        "Bundeskriminalamt",
        "forensics, hashing",
        "France",
        admitted.topic.call.identifier,
    ):
        assert text in html
    assert reverse("evaluation:expert_edit", args=[person.pk]) in html


def test_the_list_filters(client, boss):
    call = CallFactory()
    wanted = expert(keywords="victim identification")
    ev.expert_set_availability(expert=wanted, call=call, available=True)
    other = expert(keywords="cybersecurity")
    ev.expert_set_availability(expert=other, call=call, available=False)
    user_with(Role.APPLICANT)  # not an expert: never listed
    client.force_login(boss)

    def listed(query):
        response = client.get(reverse("evaluation:experts"), query)
        return {e.pk for e in response.context["experts"]}

    assert listed({}) == {wanted.pk, other.pk}
    assert listed({"keyword": "victim"}) == {wanted.pk}
    assert listed({"call": call.pk}) == {wanted.pk}
    assert listed({"country": "FR"}) == {wanted.pk, other.pk}
    assert listed({"country": "DE"}) == set()
    assert listed({"q": other.last_name}) >= {other.pk}


def test_the_list_is_the_managers(client):
    client.force_login(user_with(Role.FORUM_SECRETARIAT))
    assert client.get(reverse("evaluation:experts")).status_code == 403
    client.force_login(user_with(Role.ADMINISTRATOR))
    assert client.get(reverse("evaluation:experts")).status_code == 200


# --- the edit ------------------------------------------------------------------------------


def test_a_manager_edits_a_profile_and_availability(client, boss):
    first, second = CallFactory(), CallFactory()
    person = expert(keywords="forensics")
    ev.expert_set_availability(expert=person, call=first, available=True)
    employer = OrganisationFactory()
    client.force_login(boss)
    url = reverse("evaluation:expert_edit", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["available_calls"] == [first.pk]
    response = client.post(
        url,
        {
            "keywords": " Hashing ,  victim identification,,",
            "country": "BE",
            "employer": employer.pk,
            "available_calls": [second.pk],
        },
    )
    assert response.status_code == 302
    profile = ExpertProfile.objects.get(user=person)
    assert profile.keywords == "hashing, victim identification"
    assert profile.country.code == "BE"
    assert profile.employer == employer
    available = dict(
        ExpertAvailability.objects.filter(expert=person).values_list("call_id", "available")
    )
    assert available == {first.pk: False, second.pk: True}


def test_an_invalid_edit_keeps_what_was_typed(client, boss):
    person = expert()
    client.force_login(boss)
    url = reverse("evaluation:expert_edit", args=[person.pk])
    typed = "forensics, " + "x" * 70
    response = client.post(url, {"keywords": typed, "country": "XX", "employer": "999999"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"keywords", "country", "employer"}
    assert typed in response.content.decode()
    assert 'id="id_keywords_error"' in response.content.decode()
    assert ExpertProfile.objects.get(user=person).keywords == "forensics"


def test_only_an_expert_has_an_edit_page(client, boss):
    client.force_login(boss)
    applicant = user_with(Role.APPLICANT)
    assert client.get(reverse("evaluation:expert_edit", args=[applicant.pk])).status_code == 404


def test_the_service_asks_the_rule_and_the_role(boss):
    person = expert()
    fields = {"keywords": "a", "country": "", "employer": None, "available_calls": []}
    with pytest.raises(ExpertProfileError):
        expert_profile_update(
            expert=person, user=user_with(Role.EXPERT), offered_calls=[], **fields
        )
    with pytest.raises(ExpertProfileError, match="Expert role"):
        expert_profile_update(
            expert=user_with(Role.APPLICANT), user=boss, offered_calls=[], **fields
        )
    profile = expert_profile_update(expert=person, user=boss, offered_calls=[], **fields)
    assert profile.keywords == "a"


# --- the assignment drop-down --------------------------------------------------------------


def _offered(client, proposal) -> set[int]:
    response = client.get(reverse("evaluation:proposal", args=[proposal.pk]))
    field = response.context["assign_form"]["expert"]
    html = response.content.decode()
    offered = {int(str(value)) for value, _label in field.field.choices if value}
    for pk in offered:
        assert f'value="{pk}"' in html
    return offered


def test_the_drop_down_offers_only_experts_who_may_be_assigned(client, boss, topic, admitted):
    free = expert()
    assigned = expert()
    ev.assignment_create(proposal=admitted, expert=assigned, user=boss)
    declared = expert()
    assignment = ev.assignment_create(proposal=admitted, expert=declared, user=boss)
    ev.declaration_sign(
        assignment=assignment, user=declared, has_conflict=True, details="Former employer."
    )
    employed = expert(employer=admitted.coordinator)
    member = expert(employer=None)
    partner = PartnerFactory(proposal=admitted, organisation=OrganisationFactory())
    MembershipFactory(user=member, organisation=partner.organisation)
    rival_org = OrganisationFactory()
    Topic = type(topic)
    Topic.objects.filter(pk=topic.pk).update(deadline_at=topic.deadline_at.replace(year=2099))
    rival = submitted(evaluation_topic(call=topic.call))
    PartnerFactory(proposal=rival, organisation=rival_org)
    competitor = expert(employer=rival_org)
    close(rival.topic)
    client.force_login(boss)

    offered = _offered(client, admitted)

    assert free.pk in offered
    for refused in (assigned, declared, employed, member, competitor):
        assert refused.pk not in offered, refused
    # The bulk rule refuses exactly those the one-by-one rule gives a reason for.
    for person in (free, employed, member, competitor):
        assert (person.pk in conflicted_expert_ids(admitted)) == bool(
            known_conflicts(person, admitted)
        )


# --- suggestions ---------------------------------------------------------------------------


def test_suggestions_say_why(client, boss, admitted):
    call = admitted.topic.call
    person = expert(keywords="Forensics, hashing, victim identification")
    ev.expert_set_availability(expert=person, call=call, available=True)
    stranger = expert(keywords="maritime law")
    ev.expert_set_availability(expert=stranger, call=call, available=True)
    other = submitted(evaluation_topic(call=call))
    close(other.topic)
    admit(other, boss)
    ev.assignment_create(proposal=other, expert=person, user=boss)

    first, second = ev.assignment_suggest(proposal=admitted)
    assert first == person
    assert first.reasons == [
        "keywords in common: forensics, victim identification",
        "1 active assignment in the call",
        f"available for {call.identifier}",
    ]
    assert second.reasons[:2] == ["no keyword in common", "0 active assignments in the call"]

    client.force_login(boss)
    html = client.get(reverse("evaluation:proposal", args=[admitted.pk])).content.decode()
    assert "keywords in common: forensics, victim identification; 1 active assignment" in html


def test_the_pages_and_reasons_speak_french(client, boss, admitted):
    person = expert(keywords="forensics")
    ev.expert_set_availability(expert=person, call=admitted.topic.call, available=True)
    with translation.override("fr"):
        (suggested,) = ev.assignment_suggest(proposal=admitted, limit=1)
        assert suggested.reasons[:2] == [
            "mot-clé en commun : forensics",
            "0 affectation active dans l’appel",
        ]
    client.force_login(boss)
    html = client.get(localized_path(reverse("evaluation:experts"), "fr")).content.decode()
    assert "Filtrer les experts" in html
