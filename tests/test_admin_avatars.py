"""The Wagtail admin shows avatars from the site itself: no Gravatar, which the CSP (img-src
'self' data:) would block as a broken image, and which would tell a third party who works
in the admin (the image address is a hash of the e-mail address)."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from cooperation.accounts.roles import Role

pytestmark = pytest.mark.django_db


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "img":
            return
        attributes = dict(attrs)
        if attributes.get("src"):
            self.sources.append(attributes["src"])
        for candidate in (attributes.get("srcset") or "").split(","):
            if candidate.strip():
                self.sources.append(candidate.split()[0])


def _image_sources(response) -> list[str]:
    parser = _Images()
    parser.feed(response.content.decode())
    return parser.sources


def _foreign(sources: list[str]) -> list[str]:
    """Images from another origin (a protocol-relative //host/… counts as another)."""
    return [
        src
        for src in sources
        if not src.startswith("data:") and urlsplit(src).netloc not in ("", "testserver")
    ]


@pytest.mark.parametrize(
    ("role", "page"),
    [
        (Role.EDITOR, "wagtailadmin_home"),
        (Role.EDITOR, "wagtailadmin_account"),
        (Role.ADMINISTRATOR, "wagtailusers_users:index"),
    ],
)
def test_admin_pages_show_only_local_avatars(client, make_user, role, page):
    user = make_user(role, email="editor.one@example.eu")
    make_user(Role.EDITOR, email="colleague@example.eu")
    client.force_login(user)
    response = client.get(reverse(page))
    assert response.status_code == 200
    sources = _image_sources(response)
    avatars = [src for src in sources if "avatar" in src]
    assert avatars, "the admin shows the signed-in user's avatar"
    assert _foreign(sources) == []
    assert all(src.startswith("/static/wagtailadmin/images/default-user-avatar") for src in avatars)
