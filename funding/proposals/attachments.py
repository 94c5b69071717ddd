"""The proposal's own rules for its files; the checks themselves are core.files.

Part B is a PDF; annexes may be any document type. The limits per file and per proposal
come from settings (PROPOSAL_ATTACHMENT_MAX_BYTES, PROPOSAL_ATTACHMENTS_TOTAL_MAX_BYTES).
Every download of an attachment, by the applicant, an expert or a manager, goes out
through `attachment_response`, which checks the bytes against the row's SHA-256.
"""

from django.conf import settings
from django.http import FileResponse

from core.files import DOCUMENT_TYPES, PDF, private_file_response
from funding.proposals.models import Attachment, AttachmentKind

ALLOWED_TYPES = {
    AttachmentKind.PART_B: (PDF,),
    AttachmentKind.ANNEX: DOCUMENT_TYPES,
}


def max_file_bytes() -> int:
    return settings.PROPOSAL_ATTACHMENT_MAX_BYTES


def max_total_bytes() -> int:
    return settings.PROPOSAL_ATTACHMENTS_TOTAL_MAX_BYTES


def attachment_response(attachment: Attachment) -> FileResponse:
    """The file as a download under its name, refused if the stored bytes are not the
    ones recorded when it was uploaded. The caller has checked who may have it."""
    return private_file_response(
        attachment.file,
        filename=attachment.original_name,
        content_type=attachment.content_type,
        sha256=attachment.sha256,
    )
