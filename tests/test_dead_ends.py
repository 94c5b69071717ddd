"""No dead end for a signed-in person: each demo role follows every link on every page of
its areas, and every link it is shown answers (a page, a file, or a redirect), never a
403, 404 or 500, nor a redirect to the sign-in page. A link a role is rightly refused is
not shown to that role. Links to other parts of the site (the public pages, the account
pages) are asked as well, without walking them (tests/cms/test_crawl.py walks the public
site)."""

import pytest
from django.core.management import call_command

from cooperation.models import User
from core.languages import localized_path
from funding.models import Proposal
from funding.proposals import shares
from tests.walk import walk

pytestmark = pytest.mark.django_db

DEAD = {403, 404, 500}
SIGN_IN = "/accounts/login/"
# Each role: its account, where it starts, and the areas it walks.
ROLES = {
    "applicant": ("applicant@demo.example.eu", "/applicant/", ("/applicant/", "/organisations/")),
    # INCIBE's member: a partner of SAFE-CHAT, which the coordinator shared with INCIBE.
    "partner member": ("applicant2@demo.example.eu", "/applicant/", ("/applicant/",)),
    "expert": ("expert@demo.example.eu", "/expert/", ("/expert/",)),
    "manager": ("manager@demo.example.eu", "/staff/evaluation/", ("/staff/",)),
    "secretariat": ("secretariat@demo.example.eu", "/forum/", ("/forum/",)),
    "commitment contact": (
        "contact@demo.example.eu",
        "/forum/my-commitments/",
        ("/forum/my-commitments/",),
    ),
}
# Asked, not walked: every other page of the site a role's page links to.
OUTSIDE = ("/",)
PAGES_PER_ROLE = 600


def dead_links(client, email, start, areas, language) -> list[str]:
    client.force_login(User.objects.get(email=email))
    areas = tuple(localized_path(area, language) for area in areas)
    seen = walk(client, [localized_path(start, language)], areas, PAGES_PER_ROLE, outside=OUTSIDE)
    walked = [path for path in seen if path.startswith(areas)]
    assert len(walked) >= 2, walked  # the walk went beyond its start
    return [
        f"{path} ({status} {location}), linked from {source}"
        for path, (status, source, location) in seen.items()
        if status in DEAD or SIGN_IN in location
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_link_a_signed_in_role_is_shown_is_a_dead_end(client, settings, language):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    dead = []
    for role, (email, start, areas) in ROLES.items():
        dead += [f"{role}: {link}" for link in dead_links(client, email, start, areas, language)]
    # The partner's member again, once the coordinator has taken the share back: a draft
    # they may see and not change.
    proposal = Proposal.objects.get(acronym="SAFE-CHAT")
    partner = proposal.partners.get(organisation__short_name="INCIBE")
    partner.proposal = proposal
    shares.partner_share_set(
        partner=partner, user=User.objects.get(email="applicant@demo.example.eu"), shared=False
    )
    email, start, areas = ROLES["partner member"]
    dead += [
        f"partner member, not shared: {link}"
        for link in dead_links(client, email, start, areas, language)
    ]
    assert not dead, "\n".join(dead)
