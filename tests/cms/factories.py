"""Page-tree helpers for the public pages' tests."""

import pytest
from wagtail.models import Page, Site

from cms.models import CallIndexPage, CallPage, HomePage


def add_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = add_child(root, HomePage(title="Home", slug="csa-home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def call_index(home):
    return add_child(home, CallIndexPage(title="Funding calls", slug="calls"))


def call_page(index, call):
    return add_child(index, CallPage(title=call.title, slug=call.identifier.lower(), call=call))
