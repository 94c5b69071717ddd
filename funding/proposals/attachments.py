"""Checks on uploaded proposal files: the type is read from the content, not the name.

A PDF starts with `%PDF-`. Office files are zip archives (`PK\\x03\\x04`) and are accepted
only when they hold the entries their format requires. The limits per file and per
proposal come from settings (PROPOSAL_ATTACHMENT_MAX_BYTES,
PROPOSAL_ATTACHMENTS_TOTAL_MAX_BYTES).
"""

import hashlib
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

MB = 1024 * 1024

PDF = "pdf"


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str


FILE_TYPES = {
    "pdf": FileType("pdf", "application/pdf", "PDF"),
    "docx": FileType(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (DOCX)",
    ),
    "xlsx": FileType(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel (XLSX)",
    ),
    "odt": FileType("odt", "application/vnd.oasis.opendocument.text", "OpenDocument text (ODT)"),
}


class UploadRefused(Exception):
    """An upload that cannot be accepted; the message says why in plain words."""


def max_file_bytes() -> int:
    return settings.PROPOSAL_ATTACHMENT_MAX_BYTES


def max_total_bytes() -> int:
    return settings.PROPOSAL_ATTACHMENTS_TOTAL_MAX_BYTES


def megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"


def sanitise_filename(name: str) -> str:
    """A safe file name: no path, no control or shell characters, at most 100 characters."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = stem[:90] or "file"
    return f"{stem}.{extension.lower()[:8]}" if extension else stem


def _zip_entries(upload) -> dict[str, bytes] | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
            return {"names": names, "mimetype": mimetype}
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        upload.seek(0)


def detect_type(upload) -> str | None:
    """The format the content really is, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        entries = _zip_entries(upload)
        if entries is None:
            return None
        names = entries["names"]
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "xlsx"
        if entries["mimetype"] == FILE_TYPES["odt"].content_type.encode():
            return "odt"
    return None


def validate_upload(upload, *, allowed: tuple[str, ...], used_bytes: int) -> FileType:
    """Refuse a file whose content, name or size is not acceptable; return its type."""
    size = upload.size
    if size == 0:
        raise UploadRefused(_("The file is empty."))
    if size > max_file_bytes():
        raise UploadRefused(
            _("The file is %(size)s; each file may be at most %(limit)s.")
            % {"size": megabytes(size), "limit": megabytes(max_file_bytes())}
        )
    if used_bytes + size > max_total_bytes():
        raise UploadRefused(
            _(
                "The proposal's files would total %(size)s; the limit is %(limit)s. Remove an "
                "annex or make the file smaller."
            )
            % {"size": megabytes(used_bytes + size), "limit": megabytes(max_total_bytes())}
        )
    allowed_labels = ", ".join(FILE_TYPES[key].label for key in allowed)
    detected = detect_type(upload)
    if detected is None or detected not in allowed:
        raise UploadRefused(
            _(
                "This file's content is not an accepted type (%(allowed)s), whatever its name "
                "says. Export the document again in one of these formats."
            )
            % {"allowed": allowed_labels}
        )
    extension = sanitise_filename(upload.name).rpartition(".")[2]
    if extension != FILE_TYPES[detected].extension:
        raise UploadRefused(
            _("The file's content is %(label)s but its name ends in “.%(ext)s”; rename it.")
            % {"label": FILE_TYPES[detected].label, "ext": extension}
        )
    return FILE_TYPES[detected]


def sha256_of(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
