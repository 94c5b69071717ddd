import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cooperation.accounts.roles import Role
from cooperation.models import Invitation, Membership, Organisation
from cooperation.organisations.models import MembershipRole
from cooperation.organisations.services import organisation_invite
from core.languages import localized_path
from tests.cooperation.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.links import assert_carries_no_personal_data

pytestmark = pytest.mark.django_db

DETAILS = {
    "legal_name": "Malta Police Force",
    "short_name": "Malta Police",
    "country": "MT",
    "organisation_type": "PUB",
    "pic": "999123456",
    "vat_number": "",
    "address": "Police General Headquarters, Floriana",
    "website": "https://pulizija.gov.mt",
}


def _link(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_an_applicant_without_organisation_registers_one(client, applicant):
    client.force_login(applicant)
    response = client.post(reverse("organisations:register"), DETAILS)
    organisation = Organisation.objects.get(pic="999123456")
    assert response["Location"] == reverse("organisations:detail", args=[organisation.pk])
    membership = Membership.objects.get(user=applicant)
    assert membership.organisation == organisation and membership.role == MembershipRole.CONTACT


def test_members_edit_the_profile_others_get_404(client, make_user):
    membership = MembershipFactory(user=make_user(Role.APPLICANT))
    url = reverse("organisations:detail", args=[membership.organisation.pk])
    client.force_login(make_user(Role.APPLICANT))
    assert client.get(url).status_code == 404
    assert client.post(url, DETAILS).status_code == 404
    client.force_login(membership.user)
    assert client.post(url, DETAILS).status_code == 302
    membership.organisation.refresh_from_db()
    assert membership.organisation.legal_name == "Malta Police Force"


def test_a_bad_pic_keeps_what_was_typed(client, make_user):
    membership = MembershipFactory(user=make_user(Role.APPLICANT))
    client.force_login(membership.user)
    url = reverse("organisations:detail", args=[membership.organisation.pk])
    response = client.post(url, {**DETAILS, "pic": "12AB"})
    page = response.content.decode()
    assert "A PIC is exactly nine digits." in page and "Police General Headquarters" in page


def test_invite_and_accept_when_signed_in_as_the_invited_address(
    client, make_user, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(user=make_user(Role.APPLICANT))
    organisation = membership.organisation
    client.force_login(membership.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("organisations:invite", args=[organisation.pk]),
            {"email": "Colleague@Example.EU", "role": MembershipRole.LEGAL_REPRESENTATIVE},
        )
    link = _link(mail.outbox[0])
    assert mail.outbox[0].to == ["colleague@example.eu"]
    colleague = UserFactory(email="colleague@example.eu")
    stranger = UserFactory()
    client.force_login(stranger)
    response = client.post(link)
    assert (
        response.status_code == 400 and "sent to colleague@example.eu" in response.content.decode()
    )
    client.force_login(colleague)
    assert client.get(link).status_code == 200
    client.post(link)
    joined = Membership.objects.get(user=colleague)
    assert joined.organisation == organisation
    assert joined.role == MembershipRole.LEGAL_REPRESENTATIVE
    assert Invitation.objects.get().accepted_by == colleague


def _invite(email: str, capture) -> tuple[Invitation, str]:
    """Invite an address the way a contact person does; the invitation and its link."""
    contact = MembershipFactory(role=MembershipRole.CONTACT)
    with capture(execute=True):
        invitation = organisation_invite(
            organisation=contact.organisation,
            invited_by=contact.user,
            email=email,
            site_url="https://csa.example.eu",
        )
    return invitation, _link(mail.outbox[-1])


def test_an_invitee_without_account_is_sent_to_sign_up_and_a_member_to_log_in(
    client, django_capture_on_commit_callbacks
):
    _invitation, link = _invite("new@example.eu", django_capture_on_commit_callbacks)
    assert client.get(link)["Location"] == reverse("accounts:sign_up")
    UserFactory(email="new@example.eu")
    assert client.get(link)["Location"].startswith(reverse("accounts:login"))


def test_the_invitation_link_carries_no_address_and_the_database_no_token(
    django_capture_on_commit_callbacks,
):
    invitation, link = _invite("jan.kowalski@example.eu", django_capture_on_commit_callbacks)
    assert link.startswith("https://csa.example.eu/organisations/invitations/")
    assert_carries_no_personal_data(link, "jan.kowalski@example.eu")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    stored = Invitation.objects.filter(pk=invitation.pk).values().get()
    assert all(token not in str(value) for value in stored.values())


def test_forged_invitations_are_refused(client, django_capture_on_commit_callbacks):
    _invitation, link = _invite("late@example.eu", django_capture_on_commit_callbacks)
    user = UserFactory(email="late@example.eu")
    client.force_login(user)
    for forged in (link[:-3] + "xx/", reverse("organisations:accept_invitation", args=["1"])):
        response = client.post(forged)
        assert response.status_code == 400 and "not valid" in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "This invitation has expired."), ("fr", "Cette invitation a expiré.")],
)
def test_an_invitation_older_than_fourteen_days_has_expired(
    client, django_capture_on_commit_callbacks, language, words
):
    invitation, link = _invite("late@example.eu", django_capture_on_commit_callbacks)
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=14, seconds=1)
    )
    user = UserFactory(email="late@example.eu")
    client.force_login(user)
    response = client.post(localized_path(urlsplit(link).path, language))
    assert response.status_code == 400 and words in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


def test_an_invitation_within_its_fourteen_days_is_accepted(
    client, django_capture_on_commit_callbacks
):
    invitation, link = _invite("soon@example.eu", django_capture_on_commit_callbacks)
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=14) + timedelta(minutes=1)
    )
    user = UserFactory(email="soon@example.eu")
    client.force_login(user)
    assert client.post(link).status_code == 302
    assert Membership.objects.filter(user=user, organisation=invitation.organisation).exists()


def test_my_organisations_list_is_filtered_and_its_queries_do_not_grow(client, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = make_user(Role.APPLICANT)
    client.force_login(user)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("organisations:mine"))
        assert response.status_code == 200
        return len(captured)

    for _ in range(3):
        MembershipFactory(user=user)
    at_three = queries()
    for _ in range(30):
        MembershipFactory(user=user)
    assert queries() == at_three
    MembershipFactory(user=user, organisation=OrganisationFactory(legal_name="Europol Lab"))
    page = client.get(reverse("organisations:mine"), {"q": "europol"}).content.decode()
    assert "Europol Lab" in page and "Organisation 1<" not in page
