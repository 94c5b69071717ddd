"""A file keeps its name in every script of the Union: uploaded through the attachments
page, stored under that name (composed, NFC) and downloaded with a header browsers read
(RFC 6266 `filename*`, with an ASCII fallback). Hostile names are made harmless."""

from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from funding.models import Attachment
from tests.funding.factories_proposals import PDF_BYTES, complete_proposal, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal():
    return complete_proposal()


@pytest.fixture
def coordinator_client(client, proposal, make_user):
    client.force_login(member_of(proposal.coordinator, make_user))
    return client


def _download_name(header: str) -> str:
    """What a browser saves the file as: `filename*` when present, else `filename`."""
    if "filename*=" in header:
        value = header.split("filename*=", 1)[1].split(";", 1)[0]
        charset, _language, encoded = value.split("'", 2)
        assert charset.lower() == "utf-8"
        return unquote(encoded, errors="strict")
    return header.split('filename="', 1)[1].rsplit('"', 1)[0]


@pytest.mark.parametrize(
    ("uploaded", "stored"),
    [
        ("Τεχνική περιγραφή.pdf", "Τεχνική περιγραφή.pdf"),  # Greek
        ("Техническое описание.pdf", "Техническое описание.pdf"),  # Cyrillic
        ("Част_Б.pdf", "Част_Б.pdf"),  # Bulgarian
        ("Opis techniczny – łódź.pdf", "Opis techniczny łódź.pdf"),  # Polish
        ("Műszaki leírás.pdf", "Műszaki leírás.pdf"),  # Hungarian
        ("Description technique é.pdf", "Description technique é.pdf"),
        ("e\u0301valuation.pdf", "évaluation.pdf"),  # decomposed, as macOS writes it
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("a\x00b.pdf", "ab.pdf"),
        ("invoice\u202efdp.pdf", "invoicefdp.pdf"),  # the right-to-left override
    ],
)
def test_a_name_in_any_script_is_stored_and_downloaded_as_written(
    coordinator_client, proposal, uploaded, stored
):
    proposal.refresh_from_db()
    response = coordinator_client.post(
        reverse("applicant:attachments", args=[proposal.pk]),
        {
            "lock_version": proposal.lock_version,
            "kind": "annex",
            "file": SimpleUploadedFile(uploaded, PDF_BYTES),
        },
    )
    assert response.status_code == 302
    annex = Attachment.objects.get(proposal=proposal, kind="annex")
    assert annex.original_name == stored
    # On disk too the name is the one written (spaces as underscores), under the proposal.
    assert annex.file.name.startswith(f"proposals/{proposal.pk}/")
    assert annex.file.name.endswith("/" + stored.replace(" ", "_"))
    page = coordinator_client.get(reverse("applicant:attachments", args=[proposal.pk]))
    assert stored in page.content.decode()
    download = coordinator_client.get(
        reverse("applicant:attachment_download", args=[proposal.pk, annex.pk])
    )
    header = download["Content-Disposition"]
    assert header.isascii() and header.startswith("attachment; filename=")
    assert _download_name(header) == stored
    assert b"".join(download.streaming_content) == PDF_BYTES
