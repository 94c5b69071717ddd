"""Private files, once for the whole project: where they are kept, what they really are,
whether an upload is accepted, and how they go out.

Proposal attachments, the forum's meeting minutes and progress evidence, the stakeholder
import and the portfolio export jobs all pass through here. A file's type is read from its
content, never from its name: a PDF starts with `%PDF-`; Word, Excel and OpenDocument files
are zip archives and are accepted only when they hold the entries their format requires, so
a renamed zip or a text file named `.pdf` is refused. Only an archive's index is read, and
an archive that would unpack to far more than a document holds (a zip bomb) is refused
before anything unpacks it. Private files have no URL; a view hands one out with
`private_file_response` after asking a permission rule.
"""

import hashlib
import logging
import os
import zipfile
from dataclasses import dataclass
from typing import NoReturn
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from core.filenames import ascii_filename, sanitise_filename

MB = 1024 * 1024

logger = logging.getLogger(__name__)


def private_storage():
    """The storage of every private file field: outside MEDIA_ROOT, without a base URL."""
    return storages["private"]


# -- File types ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str


PDF = FileType("pdf", "application/pdf", "PDF")
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word (DOCX)",
)
XLSX = FileType(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"
)
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "OpenDocument text (ODT)")

FILE_TYPES = {file_type.extension: file_type for file_type in (PDF, DOCX, XLSX, ODT)}

# What people attach to a record: reports, annexes, minutes, evidence.
DOCUMENT_TYPES = (PDF, DOCX, XLSX, ODT)

XLSX_CONTENT_TYPE = XLSX.content_type

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
# Each record of a zip's central directory (its index) starts with this signature.
_CENTRAL_RECORD_MAGIC = b"PK\x01\x02"
# The only methods Office (OPC) and OpenDocument packages use; zipfile unpacks them in
# bounded steps, where bzip2 and LZMA would unpack a whole compressed chunk at once.
_PACKAGE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# What reading a damaged, encrypted or hostile archive may raise.
_UNREADABLE_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    KeyError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)

# -- Archives: what a document may unpack to -------------------------------------------------
#
# Word, Excel and OpenDocument files are zip archives. To tell their type only the index is
# read, and at most MIMETYPE_READ bytes of one entry; nothing is unpacked here. But what is
# accepted is unpacked later (openpyxl reads a stakeholder import; an office suite opens an
# attachment), so an archive whose index promises far more than a document holds is refused
# first. The limits pass real documents with room to spare: measured, an Excel sheet packs
# 9-16:1, a Word document of 100,000 identical paragraphs 257:1; deflate's ceiling, which
# zip bombs reach, is about 1,030:1. zipfile never yields more than an entry's declared
# size, so the declared sizes bound what any reader of the archive unpacks.

MAX_ARCHIVE_ENTRIES = 10_000  # a Word file holds about 20, a workbook with images hundreds
MAX_ENTRY_RATIO = 300  # an entry may unpack to 300 times its packed size ...
RATIO_CHECKED_FROM = 1 * MB  # ... once it unpacks to more than this
MAX_UNPACKED_BYTES = 200 * MB  # an archive may unpack to 200 MB ...
MAX_UNPACKED_RATIO = 100  # ... or to 100 times its own size, whichever is more
MIMETYPE_READ = 100  # bytes of an OpenDocument's `mimetype` entry read to tell its type


def _central_records(upload) -> int:
    """How many entries the archive's index can hold at most. zipfile makes one entry per
    central-directory record, each starting with its signature, so counting signatures
    (a megabyte at a time) bounds the index before zipfile reads it into memory."""
    count, tail = 0, b""
    upload.seek(0)
    while chunk := upload.read(MB):
        window = tail + chunk
        count += window.count(_CENTRAL_RECORD_MAGIC)
        tail = window[-(len(_CENTRAL_RECORD_MAGIC) - 1) :]
    return count


def _refuse_unpacked(unpacked: int, size: int) -> NoReturn:
    raise UploadRefused(
        _(
            "This file would unpack to %(unpacked)s from %(size)s, which no real document "
            "does; it is refused to keep the platform safe. Save the document again and "
            "upload that copy."
        )
        % {"unpacked": megabytes(unpacked), "size": megabytes(size)},
        code="file_unpacks_too_large",
    )


def _check_archive(upload, archive: zipfile.ZipFile, max_unpacked_bytes: int | None) -> None:
    """Refuse an archive that would unpack to far more than a document holds."""
    size = upload.seek(0, os.SEEK_END)
    entries = archive.infolist()
    unpacked = sum(entry.file_size for entry in entries)
    limit = max_unpacked_bytes or max(MAX_UNPACKED_BYTES, MAX_UNPACKED_RATIO * size)
    if unpacked > limit:
        _refuse_unpacked(unpacked, size)
    for entry in entries:
        packed = max(entry.compress_size, 1)
        if entry.file_size > RATIO_CHECKED_FROM and entry.file_size > MAX_ENTRY_RATIO * packed:
            _refuse_unpacked(unpacked, size)


def _zip_entries(upload, max_unpacked_bytes: int | None) -> tuple[set[str], bytes] | None:
    """The archive's entry names and the start of its `mimetype` entry, or None when it
    cannot be read. An archive that would unpack to far more than a document holds is
    refused (`UploadRefused`) before anything in it is unpacked."""
    try:
        if _central_records(upload) > MAX_ARCHIVE_ENTRIES:
            raise UploadRefused(
                _(
                    "This file holds more than %(limit)s parts, which no real document does; "
                    "it is refused to keep the platform safe."
                )
                % {"limit": number_format(MAX_ARCHIVE_ENTRIES, force_grouping=True)},
                code="file_too_many_parts",
            )
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            _check_archive(upload, archive, max_unpacked_bytes)
            if any(entry.compress_type not in _PACKAGE_METHODS for entry in archive.infolist()):
                return None
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(MIMETYPE_READ)
            return names, mimetype
    except _UNREADABLE_ZIP:
        return None
    finally:
        upload.seek(0)


def detect_type(upload, *, max_unpacked_bytes: int | None = None) -> FileType | None:
    """The format the content really is, whatever the name says; None when it is none of
    PDF, DOCX, XLSX or ODT. An archive that would unpack to more than `max_unpacked_bytes`
    (by default the larger of MAX_UNPACKED_BYTES and MAX_UNPACKED_RATIO times its size),
    or whose index or entries are out of all proportion, is refused (`UploadRefused`)."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(_PDF_MAGIC):
        return PDF
    if not head.startswith(_ZIP_MAGIC):
        return None
    entries = _zip_entries(upload, max_unpacked_bytes)
    if entries is None:
        return None
    names, mimetype = entries
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return XLSX
    if mimetype == ODT.content_type.encode():
        return ODT
    return None


# -- Sizes, checksums -----------------------------------------------------------------


def _extension(name: str) -> str:
    stem, dot, extension = sanitise_filename(name).rpartition(".")
    return extension if dot else ""


def megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"


def sha256_of(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


# -- Upload checks ---------------------------------------------------------------------------


class UploadRefused(ValidationError):
    """An upload that cannot be accepted; the message says why in plain words.

    It is a ValidationError, so a model field or a form shows it beside the field, and
    `str()` of it is the message alone, so a service can pass it on as it is.
    """

    def __init__(self, message, *, code: str):
        super().__init__(message, code=code)

    def __str__(self):
        return str(self.message)


def validate_upload(
    upload,
    *,
    allowed: tuple[FileType, ...],
    max_bytes: int,
    used_bytes: int = 0,
    total_max_bytes: int | None = None,
    max_unpacked_bytes: int | None = None,
) -> FileType:
    """Refuse a file whose size, content or name is not acceptable; return its type. Every
    upload passes here before anything else opens it.

    `used_bytes` and `total_max_bytes` bound what a record holds altogether (the files
    already stored plus this one); `max_unpacked_bytes` what an archive may unpack to, for
    a file the platform itself will read (see `detect_type`).
    """
    size = upload.size
    if not size:
        raise UploadRefused(_("The file is empty."), code="file_empty")
    if size > max_bytes:
        raise UploadRefused(
            _("The file is %(size)s; each file may be at most %(limit)s.")
            % {"size": megabytes(size), "limit": megabytes(max_bytes)},
            code="file_too_large",
        )
    if total_max_bytes is not None and used_bytes + size > total_max_bytes:
        raise UploadRefused(
            _(
                "The files would total %(size)s; the limit is %(limit)s. Remove a file or "
                "make this one smaller."
            )
            % {"size": megabytes(used_bytes + size), "limit": megabytes(total_max_bytes)},
            code="files_too_large",
        )
    detected = detect_type(upload, max_unpacked_bytes=max_unpacked_bytes)
    if detected not in allowed:
        raise UploadRefused(
            _(
                "This file's content is not an accepted type (%(allowed)s), whatever its name "
                "says. Export the document again in one of these formats."
            )
            % {"allowed": ", ".join(file_type.label for file_type in allowed)},
            code="file_type",
        )
    extension = _extension(upload.name)
    if extension != detected.extension:
        raise UploadRefused(
            _("The file's content is %(label)s but its name ends in “.%(ext)s”; rename it.")
            % {"label": detected.label, "ext": extension},
            code="file_name",
        )
    return detected


DOCUMENT_MAX_BYTES = 10 * MB
IMPORT_MAX_BYTES = 5 * MB
# openpyxl will read the import: it may unpack to 100 MB (a full 5 MB workbook unpacks to
# 45-80 MB), not to the 500 MB the general rule would allow.
IMPORT_MAX_UNPACKED_BYTES = 100 * MB


def validate_document(upload) -> None:
    """Validator of the document fields of forum records (meeting minutes, progress
    evidence): PDF, Word, Excel or OpenDocument text, at most 10 MB."""
    validate_upload(upload, allowed=DOCUMENT_TYPES, max_bytes=DOCUMENT_MAX_BYTES)


def validate_import_workbook(upload) -> None:
    """An Excel workbook to read rows from (the stakeholder import): a real .xlsx of at
    most 5 MB. A file that is not one is told how to save it."""
    try:
        validate_upload(
            upload,
            allowed=(XLSX,),
            max_bytes=IMPORT_MAX_BYTES,
            max_unpacked_bytes=IMPORT_MAX_UNPACKED_BYTES,
        )
    except UploadRefused as error:
        if error.code != "file_type":
            raise
        raise UploadRefused(
            _(
                "This is not an Excel .xlsx file. Save it as “Excel Workbook (.xlsx)” and try "
                "again."
            ),
            code="file_type",
        ) from error


# -- Downloads -------------------------------------------------------------------------------


def content_disposition(filename: str) -> str:
    """`attachment` with the name made safe, as RFC 6266 says: Django's header when the
    name is ASCII; otherwise an ASCII `filename` for old clients and the UTF-8
    `filename*` (RFC 8187) that every current browser prefers. (Django's own
    `content_disposition_header` sends `filename*` alone for such a name.)"""
    name = sanitise_filename(filename)
    fallback = ascii_filename(name)
    header = content_disposition_header(as_attachment=True, filename=fallback)
    if name == fallback:
        return header
    return f"{header}; filename*=UTF-8''{quote(name, safe='')}"


def private_file_response(
    field_file, *, filename=None, content_type=None, sha256: str | None = None
) -> FileResponse:
    """A file the caller has already checked the user may have: always a download, never
    sniffed into something else, never kept in a shared cache.

    With `sha256`, the stored bytes are checked against it first: a file that is not what
    was recorded (a submission's, say) is never handed out as if it were."""
    if not field_file:
        raise Http404(_("There is no file."))
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing from storage.")) from error
    if sha256 is not None and sha256_of(handle) != sha256:
        handle.close()
        logger.error("Stored file %s does not match its recorded SHA-256.", field_file.name)
        raise Http404(_("The stored file is not the one recorded."))
    response = FileResponse(handle, as_attachment=True, content_type=content_type)
    response["Content-Disposition"] = content_disposition(
        filename or field_file.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
