"""Journey (2): an expert signs the conflict of interest declaration, reads the proposal,
scores every criterion with a comment, saves a draft, submits, and finds the report locked.
Every expert page visited passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from cooperation.models import User
from funding.evaluation.models import Assignment, ReportStatus
from funding.evaluation.services import assignments as ev
from funding.models import AwardCriterion
from tests.browser.helpers import assert_accessible, sign_in
from tests.funding.factories_evaluation import admit, close, evaluation_topic, submitted

pytestmark = pytest.mark.browser

EXPERT = "expert@demo.example.eu"
COMMENTS = {
    "excellence": "Clear objectives; the method for matching images is sound.",
    "impact": "Hotlines and police units are named as first users, with a plan to reach them.",
    "implementation": "Work packages fit the budget; the risk table is thin on data access.",
}
SCORES = {"excellence": "4.5", "impact": "4", "implementation": "3.5"}


@pytest.fixture
def pending(demo):
    """A proposal freshly admitted to a closed topic, and the demo expert assigned to it
    by the demo programme manager: the declaration is still to be signed."""
    manager = User.objects.get(email="manager@demo.example.eu")
    expert = User.objects.get(email=EXPERT)
    topic = evaluation_topic(experts_per_proposal=1)
    proposal = submitted(topic)
    close(topic)
    admit(proposal, manager)
    assignment = ev.assignment_create(proposal=proposal, expert=expert, user=manager)
    return assignment


def test_an_expert_declares_scores_and_submits_a_report(page, pending):
    assignment, proposal = pending, pending.proposal
    sign_in(page, EXPERT)

    page.goto("/expert/")
    expect(page.get_by_role("heading", level=1, name="My evaluations")).to_be_visible()
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text=proposal.number)
    row.get_by_role("link", name="Sign the conflict of interest declaration").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Conflict of interest declaration")
    assert_accessible(page)
    page.get_by_label("No, I have no conflict of interest").check()
    page.get_by_role("button", name="Sign the declaration").click()

    # The declaration opens the proposal as it was submitted.
    expect(page).to_have_url(re.compile(rf"/expert/assignments/{assignment.pk}/$"))
    # The topic asks for one expert: this declaration starts the evaluation by itself.
    expect(page.get_by_role("status")).to_contain_text("You can now read and score the proposal.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{proposal.number} {proposal.acronym}"
    )
    assert_accessible(page)
    assert Assignment.objects.cleared().filter(pk=assignment.pk).exists()

    tabs = page.get_by_role("navigation", name="This proposal")
    tabs.get_by_role("link", name="My report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("My evaluation report")
    assert_accessible(page)
    criteria = AwardCriterion.objects.filter(topic=proposal.topic).order_by("position", "pk")
    assert [c.code for c in criteria] == list(SCORES)
    for criterion in criteria:
        page.get_by_label(f"{criterion.name} — score").fill(SCORES[criterion.code])
        page.get_by_label(f"{criterion.name} — comment").fill(COMMENTS[criterion.code])

    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("status")).to_contain_text("Draft saved.")
    report = Assignment.objects.get(pk=assignment.pk).report
    assert report.status == ReportStatus.DRAFT
    assert {s.criterion.code: str(s.score.normalize()) for s in report.scores.all()} == SCORES
    # What was saved is shown again, ready to submit.
    first = criteria[0]
    expect(page.get_by_label(f"{first.name} — comment")).to_have_value(COMMENTS[first.code])
    assert_accessible(page)

    page.get_by_role("button", name="Submit (then locked)").click()
    expect(page.get_by_role("status")).to_contain_text("Your report is submitted and locked.")
    expect(page.get_by_text("the report is locked")).to_be_visible()
    expect(page.get_by_role("button", name="Save as draft")).to_have_count(0)
    expect(page.get_by_role("main").get_by_role("textbox")).to_have_count(0)
    for comment in COMMENTS.values():
        expect(page.get_by_text(comment)).to_be_visible()
    assert_accessible(page)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.submitted_at is not None
