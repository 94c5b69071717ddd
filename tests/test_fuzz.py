"""Bad input on the public forms and filters: arbitrary text, huge values, unicode, SQL and
script payloads. Nothing may answer 500, and a script never comes back unescaped."""

import pytest
from django.core import mail
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cooperation.accounts.roles import Role
from cooperation.models import User
from tests.cms.factories import add_child, call_page, home  # noqa: F401, F811
from tests.funding.factories import TopicFactory

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("csa")</script>'
PAYLOADS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE cooperation_user; --",
    "%00",
    "\u202e\u0645\u0631\u062d\u0628\u0627 😀 Ωmega ñ",
    "9" * 400,
    "-1e309",
    "NaN",
    "0x10",
    "2026-02-30",
    "../../etc/passwd",
    "{{ 7*7 }}",
    "x" * 5000,
]
# Text a browser can send: any character but lone surrogates (not encodable in UTF-8).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
NASTY = st.one_of(st.sampled_from(PAYLOADS), TEXT, st.integers().map(str))
FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CALL_FILTERS = [
    "q",
    "programme",
    "status",
    "action_type",
    "deadline_after",
    "deadline_before",
    "budget_min",
    "budget_max",
    "page",
    "sort",
]


@pytest.fixture
def site(home):  # noqa: F811
    from cms.models import CallIndexPage, SearchPage

    calls = add_child(home, CallIndexPage(title="Funding calls", slug="calls"))
    call_page(calls, TopicFactory().call)
    add_child(home, SearchPage(title="Search", slug="search"))
    return home


def assert_safe(response):
    assert response.status_code < 500
    body = response.content.decode(errors="replace")
    assert SCRIPT not in body
    assert "<img src=x onerror" not in body


@FUZZ
@given(params=st.dictionaries(st.sampled_from(CALL_FILTERS), NASTY, max_size=6))
def test_call_list_filters_never_fail(client, site, params):
    assert_safe(client.get("/calls/", params))


@FUZZ
@given(query=NASTY, page=NASTY)
def test_search_never_fails(client, site, query, page):
    assert_safe(client.get("/search/", {"q": query, "page": page}))


@FUZZ
@given(params=st.dictionaries(TEXT, NASTY, max_size=4))
def test_feeds_ignore_what_they_do_not_know(client, site, params):
    for name in ("cms:calls_rss", "cms:calls_atom", "cms:deadlines_ics"):
        response = client.get(reverse(name), params)
        assert response.status_code == 200
        assert_safe(response)


@FUZZ
@given(first=NASTY, last=NASTY, email=NASTY, password=NASTY)
def test_sign_up_never_fails(client, first, last, email, password):
    response = client.post(
        reverse("accounts:sign_up"),
        {
            "first_name": first,
            "last_name": last,
            "email": email,
            "password1": password,
            "password2": password,
        },
    )
    assert_safe(response)


@FUZZ
@given(email=NASTY, password=NASTY)
def test_login_never_fails(client, email, password):
    response = client.post(reverse("accounts:login"), {"username": email, "password": password})
    assert_safe(response)
    assert "_auth_user_id" not in client.session


@FUZZ
@given(email=NASTY)
def test_password_reset_never_fails(client, email):
    assert_safe(client.post(reverse("accounts:password_reset"), {"email": email}))


def test_a_script_in_a_sign_up_name_is_never_served_unescaped(
    client, site, make_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:sign_up"),
            {
                "first_name": SCRIPT,
                "last_name": '"><img src=x onerror=alert(1)>',
                "email": "mallory@example.eu",
                "password1": "Long-enough-passphrase-9",
                "password2": "Long-enough-passphrase-9",
            },
        )
    assert_safe(response)
    user = User.objects.get(email="mallory@example.eu")
    assert user.first_name == SCRIPT  # stored as typed; escaped wherever it is shown
    for html, _mimetype in getattr(mail.outbox[0], "alternatives", []):
        assert SCRIPT not in html
    user.is_active = True
    user.save()
    client.force_login(user)
    for path in ("/accounts/profile/", "/applicant/", "/organisations/", "/calls/", "/"):
        assert_safe(client.get(path))
    # Where staff see the name: the Wagtail admin's user list and the user's edit page.
    admin = make_user(Role.ADMINISTRATOR, is_superuser=True)
    client.force_login(admin)
    for path in (
        "/admin/users/",
        f"/admin/users/edit/{user.pk}/",
        "/django-admin/cooperation/user/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_safe(response)
