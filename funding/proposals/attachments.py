"""The proposal's own rules for its files; the checks themselves are core.files.

Part B is a PDF; annexes may be any document type. The limits per file and per proposal
come from settings (PROPOSAL_ATTACHMENT_MAX_BYTES, PROPOSAL_ATTACHMENTS_TOTAL_MAX_BYTES).
"""

from django.conf import settings

from core.files import DOCUMENT_TYPES, PDF
from funding.proposals.models import AttachmentKind

ALLOWED_TYPES = {
    AttachmentKind.PART_B: (PDF,),
    AttachmentKind.ANNEX: DOCUMENT_TYPES,
}


def max_file_bytes() -> int:
    return settings.PROPOSAL_ATTACHMENT_MAX_BYTES


def max_total_bytes() -> int:
    return settings.PROPOSAL_ATTACHMENTS_TOTAL_MAX_BYTES
