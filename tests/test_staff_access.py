"""Anonymous visitors are sent to the log-in page from every staff URL; the wrong roles are
refused; the right ones get in."""

import pytest
from django.urls import reverse

from cooperation.accounts.roles import Role

pytestmark = pytest.mark.django_db

STAFF_URLS = ["/admin/", "/admin/pages/", "/admin/users/", "/admin/groups/", "/django-admin/"]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login")) or "/login/" in response.url


def test_wagtail_admin_opens_for_staff_roles_only(client, make_user):
    for role, expected in [
        (Role.APPLICANT, 302),
        (Role.EXPERT, 302),
        (Role.PROGRAMME_MANAGER, 200),
        (Role.FORUM_SECRETARIAT, 200),
        (Role.EDITOR, 200),
        (Role.ADMINISTRATOR, 200),
    ]:
        client.force_login(make_user(role))
        assert client.get("/admin/").status_code == expected, role


def test_django_admin_is_for_superusers_only(client, make_user):
    client.force_login(make_user(Role.ADMINISTRATOR, is_staff=True))
    assert client.get("/django-admin/").status_code == 302
    client.force_login(make_user(is_staff=True, is_superuser=True))
    assert client.get("/django-admin/").status_code == 200


def test_public_pages_answer(client):
    assert client.get(reverse("accounts:login")).status_code == 200
    assert client.get(reverse("accounts:sign_up")).status_code == 200
