"""Journey (6): the forum secretariat plans a meeting, takes attendance in one save, uploads
the minutes and publishes the public summary, all in /forum/ (no admin); a visitor then reads
the summary on the workstream's public page, with nothing private beside it."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.models import WorkstreamPage
from cooperation.models import Meeting, Workstream
from demo.forum_work import EUIF
from tests.browser.helpers import assert_accessible, sign_in, small_pdf, visit

pytestmark = pytest.mark.browser

SUMMARY = "The Forum agreed to publish a shared list of hash-sharing good practices."


def test_the_secretariat_records_a_meeting_and_a_visitor_reads_its_summary(page, context, demo):
    workstream = Workstream.objects.get(name=EUIF)
    members = list(
        workstream.members.select_related("stakeholder__organisation").order_by("pk")[:3]
    )
    day = timezone.localdate() - dt.timedelta(days=2)

    sign_in(page, "secretariat@demo.example.eu")
    visit(page, "/forum/meetings/")
    page.get_by_role("link", name="Plan a meeting").click()
    assert_accessible(page)
    page.get_by_label("Workstream").select_option(label=EUIF)
    page.get_by_label("Title").fill("Working group on hash sharing")
    page.get_by_label("Kind").select_option("working_group")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Start time (Brussels)").fill("10:30")
    page.get_by_label("Place").fill("Brussels, Berlaymont")
    page.get_by_label("Agenda").fill("1. Hash sharing\n2. Reporting to the authorities")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("The meeting is planned.")
    meeting = Meeting.objects.get(title="Working group on hash sharing")
    expect(page.get_by_text("10:30")).to_be_visible()

    page.get_by_role("link", name="Take attendance").click()
    assert_accessible(page)
    for member, status in zip(members, ("Present", "Excused", "Absent"), strict=True):
        name = member.stakeholder.organisation.display_name
        page.get_by_label(f"{name}: {status}", exact=True).check()
    page.get_by_role("button", name="Save the attendance").click()
    expect(page.get_by_role("status")).to_contain_text("The attendance was saved.")
    assert dict(meeting.attendance.values_list("stakeholder_id", "status")) == {
        members[0].stakeholder_id: "present",
        members[1].stakeholder_id: "excused",
        members[2].stakeholder_id: "absent",
    }
    expect(page.get_by_text("Present: 1")).to_be_visible()

    page.get_by_role("link", name="Upload the minutes").click()
    assert_accessible(page)
    page.get_by_label("Minutes").set_input_files(
        {"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}
    )
    page.get_by_role("button", name="Upload the minutes").click()
    expect(page.get_by_role("status")).to_contain_text("The minutes were uploaded.")
    expect(page.get_by_role("link", name="Download the minutes")).to_be_visible()

    page.get_by_role("link", name="Public summary").click()
    assert_accessible(page)
    page.get_by_label("Public summary").fill(SUMMARY)
    page.get_by_role("button", name="Publish the summary").click()
    expect(page.get_by_role("status")).to_contain_text("The summary is published.")
    # The pages around it pass axe-core too: the workstream with its lifecycle buttons and
    # members, a stakeholder with its contact persons.
    visit(page, f"/forum/workstreams/{workstream.pk}/")
    expect(page.get_by_role("button", name="Close the workstream")).to_be_visible()
    visit(page, f"/forum/stakeholders/{members[0].stakeholder_id}/")

    visitor = context.browser.new_context(base_url=page.url.split("/forum/")[0], locale="en")
    public = visitor.new_page()
    try:
        url = WorkstreamPage.objects.get(workstream=workstream).url
        visit(public, url)
        expect(public.get_by_role("heading", name="Working group on hash sharing")).to_be_visible()
        expect(public.get_by_text(SUMMARY)).to_be_visible()
        text = public.content()
        assert "Reporting to the authorities" not in text  # the agenda stays private
        assert f"/forum/meetings/{meeting.pk}/minutes/" not in text
    finally:
        visitor.close()
