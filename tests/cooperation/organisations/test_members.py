"""Contact persons and legal representatives manage their organisation's members."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cooperation.accounts.roles import Role
from cooperation.models import Invitation, Membership, OrganisationEvent
from cooperation.organisations.members import membership_change_role
from cooperation.organisations.models import MembershipRole
from cooperation.organisations.permissions import can_manage_members
from cooperation.organisations.services import organisation_invite
from tests.cooperation.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

LR = MembershipRole.LEGAL_REPRESENTATIVE
CONTACT = MembershipRole.CONTACT
MEMBER = MembershipRole.MEMBER


def _role_url(membership):
    return reverse("organisations:member_role", args=[membership.organisation_id, membership.pk])


def _remove_url(membership):
    return reverse("organisations:member_remove", args=[membership.organisation_id, membership.pk])


def _invitation_url(name, invitation):
    return reverse(f"organisations:{name}", args=[invitation.organisation_id, invitation.pk])


def _invite(contact, email, capture):
    with capture(execute=True):
        return organisation_invite(
            organisation=contact.organisation,
            invited_by=contact.user,
            email=email,
            site_url="https://csa.example.eu",
        )


def _link(message):
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "the last legal representative"),
        ("fr", "le dernier représentant légal"),
    ],
)
def test_the_last_legal_representative_is_neither_removed_nor_demoted(client, language, words):
    contact = MembershipFactory(role=CONTACT)
    representative = MembershipFactory(organisation=contact.organisation, role=LR)
    client.force_login(contact.user)
    with translation.override(language):
        response = client.post(_remove_url(representative), follow=True)
        assert words in response.content.decode()
        response = client.post(_role_url(representative), {"role": MEMBER}, follow=True)
    assert words in response.content.decode()
    representative.refresh_from_db()
    assert representative.role == LR
    assert not OrganisationEvent.objects.exists()


def test_the_last_contact_person_cannot_remove_or_demote_themselves(client):
    contact = MembershipFactory(role=CONTACT)
    MembershipFactory(organisation=contact.organisation, role=LR)
    client.force_login(contact.user)
    page = client.post(_remove_url(contact), follow=True).content.decode()
    assert "You are the last contact person" in page
    page = client.post(_role_url(contact), {"role": MEMBER}, follow=True).content.decode()
    assert "You are the last contact person" in page
    assert Membership.objects.get(pk=contact.pk).role == CONTACT


def test_a_second_legal_representative_may_be_demoted_then_removed_with_history(client):
    contact = MembershipFactory(role=CONTACT)
    organisation = contact.organisation
    MembershipFactory(organisation=organisation, role=LR)
    second = MembershipFactory(organisation=organisation, role=LR)
    client.force_login(contact.user)
    response = client.post(_role_url(second), {"role": MEMBER}, follow=True)
    assert "is now Member" in response.content.decode()
    second.refresh_from_db()
    assert second.role == MEMBER
    confirmation = client.get(_remove_url(second))
    assert confirmation.status_code == 200 and "Yes, remove" in confirmation.content.decode()
    assert Membership.objects.filter(pk=second.pk).exists()
    client.post(_remove_url(second))
    assert not Membership.objects.filter(pk=second.pk).exists()
    events = list(OrganisationEvent.objects.filter(organisation=organisation))
    assert [(e.kind, e.from_role, e.to_role) for e in events] == [
        ("member_removed", MEMBER, ""),
        ("role_changed", LR, MEMBER),
    ]
    assert {e.actor for e in events} == {contact.user}
    assert events[0].subject_email == second.user.email
    page = client.get(reverse("organisations:detail", args=[organisation.pk])).content.decode()
    assert second.user.email in page and "History" in page


def test_a_plain_member_sees_the_list_but_changes_nothing(client):
    contact = MembershipFactory(role=CONTACT)
    member = MembershipFactory(organisation=contact.organisation, role=MEMBER)
    client.force_login(member.user)
    page = client.get(reverse("organisations:detail", args=[contact.organisation_id]))
    assert contact.user.email in page.content.decode()
    assert client.post(_role_url(contact), {"role": MEMBER}).status_code == 403
    assert client.post(_remove_url(contact)).status_code == 403
    assert Membership.objects.get(pk=contact.pk).role == CONTACT


def test_rows_of_another_organisation_are_not_found(client, django_capture_on_commit_callbacks):
    mine = MembershipFactory(role=CONTACT)
    theirs = MembershipFactory(role=CONTACT)
    MembershipFactory(organisation=theirs.organisation, role=CONTACT)
    invitation = _invite(theirs, "x@example.eu", django_capture_on_commit_callbacks)
    client.force_login(mine.user)
    foreign = [
        (reverse("organisations:member_role", args=[mine.organisation_id, theirs.pk]), {}),
        (reverse("organisations:member_remove", args=[mine.organisation_id, theirs.pk]), {}),
        (_invitation_url("invitation_withdraw", invitation), {}),
        (
            reverse("organisations:invitation_resend", args=[mine.organisation_id, invitation.pk]),
            {},
        ),
    ]
    for url, data in foreign:
        assert client.post(url, {"role": MEMBER, **data}).status_code == 404, url
    assert Membership.objects.get(pk=theirs.pk).role == CONTACT
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None


def test_a_withdrawn_invitation_no_longer_opens_and_cannot_be_resent(
    client, django_capture_on_commit_callbacks
):
    contact = MembershipFactory(role=CONTACT)
    invitation = _invite(contact, "late@example.eu", django_capture_on_commit_callbacks)
    link = _link(mail.outbox[-1])
    client.force_login(contact.user)
    response = client.post(_invitation_url("invitation_withdraw", invitation), follow=True)
    assert "is withdrawn" in response.content.decode()
    again = client.post(_invitation_url("invitation_resend", invitation), follow=True)
    assert "already withdrawn" in again.content.decode()
    client.force_login(UserFactory(email="late@example.eu"))
    refused = client.post(link)
    assert refused.status_code == 400 and "withdrawn" in refused.content.decode()
    kinds = list(OrganisationEvent.objects.values_list("kind", flat=True))
    assert kinds == ["invitation_withdrawn", "invited"]


def test_resending_sends_a_new_link_and_the_old_one_stops_working(
    client, django_capture_on_commit_callbacks
):
    contact = MembershipFactory(role=CONTACT)
    invitation = _invite(contact, "new@example.eu", django_capture_on_commit_callbacks)
    old_link = _link(mail.outbox[-1])
    # Expired: the new link works for the full period again, from the time it is resent.
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=15)
    )
    client.force_login(contact.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_invitation_url("invitation_resend", invitation), follow=True)
    assert "sent again" in response.content.decode()
    new_link = _link(mail.outbox[-1])
    assert new_link != old_link and mail.outbox[-1].to == ["new@example.eu"]
    invitee = UserFactory(email="new@example.eu")
    client.force_login(invitee)
    assert client.post(old_link).status_code == 400
    client.post(new_link)
    assert Membership.objects.filter(user=invitee, organisation=contact.organisation).exists()
    kinds = list(OrganisationEvent.objects.values_list("kind", flat=True))
    assert kinds == ["invitation_accepted", "invitation_resent", "invited"]
    client.force_login(contact.user)
    again = client.post(_invitation_url("invitation_withdraw", invitation), follow=True)
    assert "already accepted" in again.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).withdrawn_at is None


def test_a_bad_role_keeps_the_page_and_says_why(client):
    contact = MembershipFactory(role=CONTACT)
    member = MembershipFactory(organisation=contact.organisation, role=MEMBER)
    client.force_login(contact.user)
    response = client.post(_role_url(member), {"role": "owner"}, follow=True)
    assert "Select a valid choice" in response.content.decode()
    assert Membership.objects.get(pk=member.pk).role == MEMBER


def test_the_history_is_paginated_newest_first(client, django_capture_on_commit_callbacks):
    contact = MembershipFactory(role=CONTACT)
    for number in range(25):
        _invite(contact, f"p{number:02d}@example.eu", django_capture_on_commit_callbacks)
    client.force_login(contact.user)
    url = reverse("organisations:detail", args=[contact.organisation_id])
    first = client.get(url).content.decode()
    assert first.index("p24@example.eu") < first.index("p20@example.eu")
    assert "Page 1 of 2" in first
    second = client.get(url + "?page=2").content.decode()
    assert "p00@example.eu" in second.split("History")[-1]


def test_the_organisation_page_makes_as_many_queries_for_many_rows_as_for_one(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    contact = MembershipFactory(role=CONTACT)
    organisation = contact.organisation
    url = reverse("organisations:detail", args=[organisation.pk])
    client.force_login(contact.user)

    def grow(count):
        for _number in range(count):
            member = MembershipFactory(organisation=organisation, role=MEMBER)
            membership_change_role(
                organisation=organisation, membership=member, user=contact.user, role=LR
            )
            _invite(contact, f"{member.user.email}.invited", django_capture_on_commit_callbacks)

    grow(1)
    client.get(url)  # warm the caches (session, site, translations)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    grow(8)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


# The rule itself


def test_who_may_manage_members(make_user):
    contact = MembershipFactory(role=CONTACT)
    organisation = contact.organisation
    representative = MembershipFactory(organisation=organisation, role=LR)
    member = MembershipFactory(organisation=organisation, role=MEMBER)
    assert can_manage_members(contact.user, organisation)
    assert can_manage_members(representative.user, organisation)
    assert can_manage_members(make_user(Role.ADMINISTRATOR), organisation)
    verdict = can_manage_members(member.user, organisation)
    assert not verdict and "contact persons and legal representatives" in verdict.reason
    assert not can_manage_members(UserFactory(), organisation)
    outsider = MembershipFactory(organisation=OrganisationFactory(), role=CONTACT)
    assert not can_manage_members(outsider.user, organisation)
