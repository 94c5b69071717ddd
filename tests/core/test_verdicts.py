"""Every access rule starts by refusing visitors who are not signed in, or whose account is
not active — with the reason in words."""

import pytest
from django.contrib.auth.models import AnonymousUser

from audit.trail import can_view_audit
from cooperation.accounts.permissions import can_edit_profile, can_use_staff_area
from cooperation.forum import permissions as forum
from cooperation.organisations.permissions import can_manage_organisation, can_register_organisation
from core.verdicts import ALLOWED, Verdict, deny, signed_in
from funding.evaluation.permissions import can_manage_evaluation, can_use_expert_area
from funding.portfolio import permissions as portfolio
from funding.proposals.permissions import (
    can_act_for_coordinator,
    can_edit_proposal,
    can_start_proposal,
    can_use_applicant_area,
    can_view_proposal,
)

RULES = [
    can_view_audit,
    can_edit_profile,
    can_use_staff_area,
    can_manage_organisation,
    can_register_organisation,
    can_manage_evaluation,
    can_use_expert_area,
    can_act_for_coordinator,
    can_edit_proposal,
    can_start_proposal,
    can_use_applicant_area,
    can_view_proposal,
    *(
        getattr(module, name)
        for module in (forum, portfolio)
        for name in dir(module)
        if name.startswith("can_") and callable(getattr(module, name))
    ),
]


def test_a_verdict_is_true_only_when_allowed():
    assert ALLOWED and ALLOWED.reason == ""
    refusal = deny("Because.")
    assert not refusal and refusal == Verdict(False, "Because.")


def test_signed_in_allows_an_active_user_and_explains_a_refusal(make_user):
    assert signed_in(make_user()) == ALLOWED
    assert signed_in(AnonymousUser()) == deny("Please sign in first.")
    assert signed_in(make_user(is_active=False)) == deny("Your account is not active.")


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: f"{rule.__module__}.{rule.__name__}")
def test_every_rule_refuses_a_visitor_who_is_not_signed_in(rule):
    verdict = rule(AnonymousUser(), None)
    assert verdict == deny("Please sign in first.")


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: f"{rule.__module__}.{rule.__name__}")
def test_every_rule_refuses_an_inactive_account(rule, make_user):
    verdict = rule(make_user(is_active=False), None)
    assert verdict == deny("Your account is not active.")
