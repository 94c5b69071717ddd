"""What was submitted keeps its files: a replaced Part B or a removed annex disappears from
the draft only. The experts, the managers and the applicant's receipt reach the exact bytes
of the evaluated (last) submission; a file no submission holds is deleted once the change
is committed, never before, and a write that fails stores and deletes nothing."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.db.models import ProtectedError
from django.urls import reverse

from core.files import private_storage
from funding.evaluation.services import assignments as ev
from funding.models import Attachment, AttachmentKind
from funding.proposals import lifecycle, services
from tests.funding.factories_evaluation import admit, close, evaluation_topic, manager
from tests.funding.factories_evaluation import expert as new_expert
from tests.funding.factories_proposals import PDF_BYTES, complete_proposal, member_of

pytestmark = pytest.mark.django_db

FIRST_PART_B = PDF_BYTES + b"% the version the experts evaluate\n"
SECOND_PART_B = PDF_BYTES + b"% written after the reopening\n"


def docx_bytes(text: str = "Letter of support") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<document>{text}</document>")
    return buffer.getvalue()


ANNEX = docx_bytes()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def topic():
    return evaluation_topic()


@pytest.fixture
def proposal(topic):
    return complete_proposal(topic=topic)


@pytest.fixture
def applicant(proposal, make_user):
    return member_of(proposal.coordinator, make_user)


def add(proposal, user, kind, name, content):
    proposal.refresh_from_db()
    return services.attachment_add(
        proposal=proposal,
        user=user,
        lock_version=proposal.lock_version,
        kind=kind,
        upload=SimpleUploadedFile(name, content),
    )


def remove(attachment, user):
    attachment.proposal.refresh_from_db()
    services.attachment_remove(
        attachment=attachment, user=user, lock_version=attachment.proposal.lock_version
    )


def stored_names(proposal) -> set[str]:
    storage = private_storage()
    root = f"proposals/{proposal.pk}"
    if not storage.exists(root):
        return set()
    found = set()
    directories, _files = storage.listdir(root)
    for directory in directories:
        found |= {
            f"{root}/{directory}/{name}" for name in storage.listdir(f"{root}/{directory}")[1]
        }
    found |= {f"{root}/{name}" for name in _files}
    return found


@pytest.fixture
def reopened_and_changed(proposal, applicant, django_capture_on_commit_callbacks):
    """Submitted with Part B and an annex, reopened, Part B replaced, the annex removed;
    then the deadline passes and nobody submitted again."""
    with django_capture_on_commit_callbacks(execute=True):
        first = add(proposal, applicant, AttachmentKind.PART_B, "part-b.pdf", FIRST_PART_B)
        annex = add(proposal, applicant, AttachmentKind.ANNEX, "support.docx", ANNEX)
        # The rows as the applicant saw them when uploading.
        seen = {"first": Attachment(pk=first.pk), "annex": Attachment(pk=annex.pk)}
        proposal.refresh_from_db()
        submission = lifecycle.proposal_submit(
            proposal=proposal, user=applicant, send_receipt=False
        )
        proposal.refresh_from_db()
        lifecycle.proposal_reopen(proposal=proposal, user=applicant)
        seen["second"] = add(
            proposal, applicant, AttachmentKind.PART_B, "part-b.pdf", SECOND_PART_B
        )
        remove(annex, applicant)
    close(proposal.topic)
    return {**seen, "submission": submission}


@pytest.fixture
def assignment(proposal, reopened_and_changed):
    boss = manager()
    admit(proposal, boss)
    person = new_expert()
    assignment = ev.assignment_create(proposal=proposal, expert=person, user=boss)
    ev.declaration_sign(assignment=assignment, user=person, has_conflict=False)
    return assignment


def test_the_expert_downloads_the_evaluated_part_b_after_a_reopen_and_a_replacement(
    client, proposal, reopened_and_changed, assignment
):
    first, annex = reopened_and_changed["first"], reopened_and_changed["annex"]
    recorded = {
        item["kind"]: item for item in reopened_and_changed["submission"].snapshot["attachments"]
    }
    client.force_login(assignment.expert)
    part_b_url = reverse("expert:attachment", args=[assignment.pk, first.pk])
    annex_url = reverse("expert:attachment", args=[assignment.pk, annex.pk])
    second_url = reverse(
        "expert:attachment", args=[assignment.pk, reopened_and_changed["second"].pk]
    )
    download = client.get(part_b_url)
    assert download.status_code == 200
    content = body(download)
    assert content == FIRST_PART_B
    assert sha256(content) == recorded["part_b"]["sha256"]
    # The annex removed after the submission is still part of what is evaluated.
    removed = client.get(annex_url)
    assert removed.status_code == 200
    assert body(removed) == ANNEX
    assert sha256(ANNEX) == recorded["annex"]["sha256"]
    # The version uploaded after the reopening was never submitted: not the experts'.
    assert client.get(second_url).status_code == 404
    page = client.get(reverse("expert:proposal", args=[assignment.pk])).content.decode()
    assert part_b_url in page and annex_url in page
    assert second_url not in page


def test_the_draft_lists_the_current_files_only(client, proposal, applicant, reopened_and_changed):
    first, annex, second = (reopened_and_changed[k] for k in ("first", "annex", "second"))
    client.force_login(applicant)
    for url in (
        reverse("applicant:attachments", args=[proposal.pk]),
        reverse("applicant:proposal", args=[proposal.pk]),
    ):
        page = client.get(url).content.decode()
        assert reverse("applicant:attachment_download", args=[proposal.pk, second.pk]) in page
        for hidden in (first, annex):
            assert (
                reverse("applicant:attachment_download", args=[proposal.pk, hidden.pk]) not in page
            )
    assert list(proposal.attachments.all()) == [second]
    assert (
        client.get(
            reverse("applicant:attachment_download", args=[proposal.pk, annex.pk])
        ).status_code
        == 404
    )
    current = client.get(reverse("applicant:attachment_download", args=[proposal.pk, second.pk]))
    assert body(current) == SECOND_PART_B


def test_the_receipt_serves_the_submitted_bytes(client, proposal, applicant, reopened_and_changed):
    first, annex = reopened_and_changed["first"], reopened_and_changed["annex"]
    client.force_login(applicant)
    page = client.get(reverse("applicant:receipt", args=[proposal.pk, 1])).content.decode()
    for item, content in ((first, FIRST_PART_B), (annex, ANNEX)):
        url = reverse("applicant:receipt_file", args=[proposal.pk, 1, item.pk])
        assert url in page
        assert sha256(content) in page
        assert body(client.get(url)) == content
    second = reopened_and_changed["second"]
    assert (
        client.get(reverse("applicant:receipt_file", args=[proposal.pk, 1, second.pk])).status_code
        == 404
    )


def test_the_manager_reaches_the_evaluated_files(client, proposal, reopened_and_changed):
    first = reopened_and_changed["first"]
    boss = manager()
    client.force_login(boss)
    page = client.get(reverse("evaluation:proposal", args=[proposal.pk])).content.decode()
    url = reverse("evaluation:attachment", args=[proposal.pk, first.pk])
    assert url in page
    assert body(client.get(url)) == FIRST_PART_B
    second = reopened_and_changed["second"]
    assert (
        client.get(reverse("evaluation:attachment", args=[proposal.pk, second.pk])).status_code
        == 404
    )


def test_the_snapshot_names_the_rows_it_holds(proposal, reopened_and_changed):
    first, annex = (
        Attachment.objects.get(pk=reopened_and_changed[key].pk) for key in ("first", "annex")
    )
    submission = reopened_and_changed["submission"]
    assert first.sha256 == sha256(FIRST_PART_B) and annex.sha256 == sha256(ANNEX)
    assert sorted(submission.snapshot["attachments"], key=lambda item: item["id"]) == sorted(
        [
            {
                "id": row.pk,
                "kind": row.kind,
                "name": row.original_name,
                "size": row.size,
                "sha256": row.sha256,
            }
            for row in (first, annex)
        ],
        key=lambda item: item["id"],
    )
    assert set(submission.attachments.all()) == {first, annex}


def test_a_submitted_file_is_never_deleted(proposal, reopened_and_changed):
    first = Attachment.objects.get(pk=reopened_and_changed["first"].pk)
    assert private_storage().exists(first.file.name)
    with pytest.raises(ProtectedError):
        first.delete()
    assert private_storage().exists(first.file.name)


def test_a_file_no_submission_holds_is_deleted_once_the_change_is_committed(
    proposal, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = add(proposal, applicant, AttachmentKind.PART_B, "part-b.pdf", FIRST_PART_B)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        replacement = add(proposal, applicant, AttachmentKind.PART_B, "part-b.pdf", SECOND_PART_B)
        # Still inside the transaction: nothing is deleted yet.
        assert private_storage().exists(draft.file.name)
    assert not Attachment.objects.filter(pk=draft.pk).exists()
    for callback in callbacks:
        callback()
    assert not private_storage().exists(draft.file.name)
    assert private_storage().exists(replacement.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        remove(replacement, applicant)
    assert not Attachment.objects.filter(pk=replacement.pk).exists()
    assert not private_storage().exists(replacement.file.name)


@pytest.mark.parametrize("submitted", [False, True], ids=["draft", "submitted"])
def test_a_replacement_that_fails_stores_nothing_and_deletes_nothing(
    proposal, applicant, monkeypatch, django_capture_on_commit_callbacks, submitted
):
    with django_capture_on_commit_callbacks(execute=True):
        first = add(proposal, applicant, AttachmentKind.PART_B, "part-b.pdf", FIRST_PART_B)
        if submitted:
            proposal.refresh_from_db()
            lifecycle.proposal_submit(proposal=proposal, user=applicant, send_receipt=False)
            proposal.refresh_from_db()
            lifecycle.proposal_reopen(proposal=proposal, user=applicant)
    rows = set(Attachment.objects.values_list("pk", "file"))
    on_disk = stored_names(proposal)
    version = type(proposal).objects.get(pk=proposal.pk).lock_version
    original_save = Attachment.save

    def failing_insert(self, *args, **kwargs):
        if self.pk is None:
            raise DatabaseError("the database went away")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Attachment, "save", failing_insert)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DatabaseError):
        add(proposal, applicant, AttachmentKind.PART_B, "part-b.pdf", SECOND_PART_B)
    assert set(Attachment.objects.values_list("pk", "file")) == rows
    assert stored_names(proposal) == on_disk
    assert private_storage().open(first.file.name).read() == FIRST_PART_B
    assert list(proposal.attachments.filter(kind=AttachmentKind.PART_B)) == [first]
    assert type(proposal).objects.get(pk=proposal.pk).lock_version == version


def test_the_receipt_email_lists_each_submitted_file_with_its_sha256(
    proposal, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add(proposal, applicant, AttachmentKind.PART_B, "Τεχνική περιγραφή.pdf", FIRST_PART_B)
        proposal.refresh_from_db()
        lifecycle.proposal_submit(proposal=proposal, user=applicant)
    (receipt,) = mailoutbox
    assert f"- Τεχνική περιγραφή.pdf: {sha256(FIRST_PART_B)}" in receipt.body
