import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from cooperation.accounts.permissions import can_use_staff_area
from cooperation.accounts.roles import ROLE_PERMISSIONS, Role, sync_role_groups
from cooperation.organisations.permissions import can_manage_organisation
from tests.cooperation.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _codes(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_every_role_has_its_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


@pytest.mark.parametrize("role", Role.values)
def test_each_group_holds_exactly_the_permissions_of_its_role(role):
    group = Group.objects.get(name=role)
    existing = set(ROLE_PERMISSIONS[role])
    assert _codes(group) <= existing
    # Every permission named for a model that exists has been granted.
    from django.contrib.auth.models import Permission

    for code in ROLE_PERMISSIONS[role]:
        app_label, codename = code.split(".")
        if Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists():
            assert code in _codes(group), code


def test_intended_separation_of_duties():
    manager = _codes(Group.objects.get(name=Role.PROGRAMME_MANAGER))
    secretariat = _codes(Group.objects.get(name=Role.FORUM_SECRETARIAT))
    assert "funding.add_call" in manager and "funding.add_call" not in secretariat
    assert "cooperation.add_organisation" in secretariat
    assert _codes(Group.objects.get(name=Role.APPLICANT)) == set()
    assert _codes(Group.objects.get(name=Role.EXPERT)) == set()
    for role in (Role.PROGRAMME_MANAGER, Role.FORUM_SECRETARIAT, Role.EDITOR, Role.ADMINISTRATOR):
        assert "wagtailadmin.access_admin" in _codes(Group.objects.get(name=role))


def test_editors_may_edit_and_publish_pages():
    editor = Group.objects.get(name=Role.EDITOR)
    codenames = set(
        GroupPagePermission.objects.filter(group=editor).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames


def test_sync_is_idempotent():
    before = {g.name: _codes(g) for g in Group.objects.all()}
    sync_role_groups()
    sync_role_groups()
    assert {g.name: _codes(g) for g in Group.objects.all()} == before
    assert GroupPagePermission.objects.filter(group__name=Role.EDITOR).count() == 6


def test_staff_area_rule(make_user, applicant, programme_manager, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert can_use_staff_area(programme_manager) == (True, "")
    allowed, reason = can_use_staff_area(applicant)
    assert not allowed and "programme managers" in reason
    assert not can_use_staff_area(AnonymousUser()).allowed


def test_organisation_rule_needs_membership(applicant, make_user):
    organisation = OrganisationFactory()
    allowed, reason = can_manage_organisation(applicant, organisation)
    assert not allowed and "not a member" in reason
    MembershipFactory(user=applicant, organisation=organisation)
    assert can_manage_organisation(applicant, organisation).allowed
    assert can_manage_organisation(make_user(Role.ADMINISTRATOR), organisation).allowed
