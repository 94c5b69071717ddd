"""The one private-files mechanism (core/files.py): a file's type comes from its content,
names are made safe, sizes are bounded, refusals say why, downloads are never inline."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from openpyxl import Workbook

from cooperation.models import Meeting, ProgressUpdate
from core import filenames, files
from core.files import DOCX, ODT, PDF, XLSX, UploadRefused, validate_upload
from funding.models import Attachment

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


def _zip(entries: dict[str, str], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(stored_first, entries.pop(stored_first), zipfile.ZIP_STORED)
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document><w:body><w:p/></w:body></w:document>",
        }
    )


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Organisation", "Country"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    return _zip(
        {
            "mimetype": ODT.content_type,
            "content.xml": "<office:document-content/>",
            "META-INF/manifest.xml": "<manifest:manifest/>",
        },
        stored_first="mimetype",
    )


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# -- Detection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [(PDF_BYTES, PDF), (docx_bytes(), DOCX), (xlsx_bytes(), XLSX), (odt_bytes(), ODT)],
    ids=["pdf", "docx", "xlsx", "odt"],
)
def test_real_documents_are_recognised_by_their_content(content, expected):
    document = upload("whatever.bin", content)
    assert files.detect_type(document) == expected
    assert document.tell() == 0


@pytest.mark.parametrize(
    "content",
    [
        _zip({"evil.txt": "x"}),
        _zip({"word/document.xml": "<document/>"}),
        _zip({"xl/workbook.xml": "<workbook/>"}),
        _zip({"mimetype": "application/zip", "content.xml": "<x/>"}),
        b"PK\x03\x04" + b"\0" * 60,
        b"Name,Country\nX,BE\n",
        b"MZ\x90\x00" + b"\0" * 100,
        b"",
    ],
    # Fixed ids: a zip's first bytes hold its time stamp, and every xdist worker must collect
    # the same test names.
    ids=[
        "zip-of-text",
        "docx-without-content-types",
        "xlsx-without-content-types",
        "odt-with-wrong-mimetype",
        "zip-signature-only",
        "csv",
        "windows-executable",
        "empty",
    ],
)
def test_anything_else_is_no_known_type(content):
    assert files.detect_type(upload("x.docx", content)) is None


def test_a_renamed_zip_is_not_accepted_as_docx():
    with pytest.raises(UploadRefused) as refused:
        validate_upload(
            upload("report.docx", _zip({"evil.txt": "x"})), allowed=(DOCX,), max_bytes=files.MB
        )
    assert refused.value.code == "file_type"
    assert "not an accepted type (Word (DOCX))" in str(refused.value)


def test_a_text_file_named_pdf_and_an_empty_file_are_refused():
    for text in (b"Just some notes about Part B\n", b"%PDF is what I say\n"):
        with pytest.raises(UploadRefused, match="not an accepted type"):
            validate_upload(upload("part-b.pdf", text), allowed=(PDF,), max_bytes=99)
    with pytest.raises(UploadRefused, match="The file is empty") as refused:
        validate_upload(upload("part-b.pdf", b""), allowed=(PDF,), max_bytes=99)
    assert refused.value.code == "file_empty"


def test_an_accepted_upload_returns_its_type_whatever_the_case_of_its_name():
    for name, content, expected in (
        ("Annex.ODT", odt_bytes(), ODT),
        ("b.xlsx", xlsx_bytes(), XLSX),
    ):
        document = upload(name, content)
        assert (
            validate_upload(document, allowed=files.DOCUMENT_TYPES, max_bytes=files.MB) == expected
        )


def test_a_type_that_is_real_but_not_allowed_is_refused():
    with pytest.raises(UploadRefused, match=r"not an accepted type \(PDF\)"):
        validate_upload(upload("part-b.docx", docx_bytes()), allowed=(PDF,), max_bytes=files.MB)


def test_a_name_that_contradicts_the_content_must_be_renamed():
    with pytest.raises(UploadRefused) as refused:
        validate_upload(upload("a.docx", PDF_BYTES), allowed=files.DOCUMENT_TYPES, max_bytes=999)
    assert refused.value.code == "file_name"
    assert (
        str(refused.value) == "The file's content is PDF but its name ends in “.docx”; rename it."
    )
    with pytest.raises(UploadRefused, match="rename it"):
        validate_upload(upload("pdf", PDF_BYTES), allowed=(PDF,), max_bytes=999)


# -- Sizes -----------------------------------------------------------------------------------


def test_each_file_is_bounded():
    content = PDF_BYTES + b"0" * 1000
    validate_upload(upload("a.pdf", content), allowed=(PDF,), max_bytes=len(content))
    with pytest.raises(UploadRefused) as refused:
        validate_upload(upload("a.pdf", content), allowed=(PDF,), max_bytes=len(content) - 1)
    assert refused.value.code == "file_too_large"
    assert "each file may be at most" in str(refused.value)


def test_the_files_together_are_bounded_only_when_a_total_is_given():
    document = upload("a.pdf", PDF_BYTES)
    size = len(PDF_BYTES)
    validate_upload(document, allowed=(PDF,), max_bytes=size, used_bytes=10**9)
    validate_upload(
        document, allowed=(PDF,), max_bytes=size, used_bytes=100, total_max_bytes=100 + size
    )
    with pytest.raises(UploadRefused) as refused:
        validate_upload(
            document, allowed=(PDF,), max_bytes=size, used_bytes=101, total_max_bytes=100 + size
        )
    assert refused.value.code == "files_too_large"
    assert "the limit is" in str(refused.value)


def test_megabytes_reads_as_people_write_it():
    assert files.megabytes(10 * files.MB) == "10.0 MB"
    assert files.megabytes(1536 * 1024) == "1.5 MB"


# -- The error -------------------------------------------------------------------------------


def test_a_refusal_is_a_validation_error_whose_text_is_the_message_alone():
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload("a.pdf", b""), allowed=(PDF,), max_bytes=10)
    assert isinstance(refused.value, UploadRefused)
    assert str(refused.value) == "The file is empty."
    assert refused.value.messages == ["The file is empty."]


# -- Names and checksums ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        # Every script of the Union keeps its letters, digits and the extension.
        ("Τεχνική περιγραφή.pdf", "Τεχνική περιγραφή.pdf"),  # Greek
        ("Част_Б.pdf", "Част_Б.pdf"),  # Bulgarian
        ("Техническо описание – ъгъл.docx", "Техническо описание ъгъл.docx"),
        ("Технічний опис 2026.odt", "Технічний опис 2026.odt"),  # Cyrillic (Ukrainian)
        ("évaluation finale.odt", "évaluation finale.odt"),
        ("Műszaki leírás ő.pdf", "Műszaki leírás ő.pdf"),  # Hungarian
        ("Opis techniczny łódź.PDF", "Opis techniczny łódź.pdf"),  # Polish
        ("Tehnični opis č ž š đ ș ț ā ė ų ħ ß ø.pdf", "Tehnični opis č ž š đ ș ț ā ė ų ħ ß ø.pdf"),
        ("Ei tietoa – Vihreä.xlsx", "Ei tietoa Vihreä.xlsx"),
        # A decomposed name (as macOS writes it) is stored composed (NFC).
        ("e\u0301valuation.pdf", "évaluation.pdf"),
        # No path, no control, format or shell characters.
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system.ini", "system.ini"),
        ("C:\\Users\\me\\Part B.PDF", "Part B.pdf"),
        ("../../Lettre d’appui.docx", "Lettre d appui.docx"),
        ("a\x00b.pdf", "ab.pdf"),
        ("a\x00b\nc.pdf", "ab c.pdf"),
        ("invoice\u202egpj.pdf", "invoicegpj.pdf"),  # the right-to-left override
        ("\u202efdp.exe", "fdp.exe"),
        ("zero\u200bwidth\ufeff.pdf", "zerowidth.pdf"),
        ("rm -rf $(x);.pdf", "rm -rf x.pdf"),
        ("<script>alert(1)</script>.pdf", "script.pdf"),  # "/" ends a path
        ("\"quoted\" 'name'.pdf", "quoted name.pdf"),
        ("-rf .pdf", "rf.pdf"),
        (".htaccess", "file.htaccess"),
        ("report.pdf.", "report.pdf"),
        # Never an empty stem.
        ("...", "file"),
        ("", "file"),
        (None, "file"),
        (".pdf", "file.pdf"),
        ("\u202e\u200b.pdf", "file.pdf"),
        ("★★★.pdf", "file.pdf"),
        ("notes", "notes"),
    ],
)
def test_file_names_are_made_safe(name, safe):
    assert filenames.sanitise_filename(name) == safe


def test_a_safe_name_is_composed_and_stays_what_it_is_when_made_safe_again():
    import unicodedata

    for name in ("Τεχνική περιγραφή.pdf", "e\u0301valuation.pdf", "Част_Б.pdf", "a\x00b.pdf"):
        safe = filenames.sanitise_filename(name)
        assert unicodedata.is_normalized("NFC", safe)
        assert filenames.sanitise_filename(safe) == safe


def test_a_long_name_keeps_its_extension_and_fits_the_storage():
    safe = filenames.sanitise_filename("x" * 300 + ".docx")
    assert safe == "x" * 95 + ".docx"
    assert len(filenames.sanitise_filename("y" * 300 + "." + "z" * 300)) <= 100
    greek = filenames.sanitise_filename("Τεχνική " * 40 + ".pdf")
    assert greek.endswith("Τεχνική.pdf") and len(greek) <= filenames.MAX_NAME_CHARS
    assert len(greek.encode()) <= filenames.MAX_NAME_BYTES
    # Three bytes a letter (Georgian): the byte cap binds before the character cap.
    georgian = filenames.sanitise_filename("ტექნიკური" * 20 + ".pdf")
    assert georgian.endswith(".pdf") and len(georgian) < filenames.MAX_NAME_CHARS
    assert filenames.MAX_NAME_BYTES - 3 < len(georgian.encode()) <= filenames.MAX_NAME_BYTES


def test_the_checksum_is_the_sha256_of_the_whole_content_and_rewinds():
    content = docx_bytes() * 50
    document = upload("a.docx", content)
    document.read(10)
    assert files.sha256_of(document) == hashlib.sha256(content).hexdigest()
    assert document.tell() == 0


# -- What the forum and the proposals use ----------------------------------------------------


def test_every_private_field_uses_the_one_storage_callable():
    assert files.private_storage() is storages["private"]
    for model, name in (
        (Attachment, "file"),
        (Meeting, "minutes"),
        (ProgressUpdate, "evidence_file"),
    ):
        field = model._meta.get_field(name)
        assert field._storage_callable is files.private_storage
    forum_fields = (
        Meeting._meta.get_field("minutes"),
        ProgressUpdate._meta.get_field("evidence_file"),
    )
    for field in forum_fields:
        assert files.validate_document in field.validators


def test_forum_documents_are_checked_by_content_not_extension():
    field = ProgressUpdate._meta.get_field("evidence_file")
    field.run_validators(upload("evidence.docx", docx_bytes()))
    with pytest.raises(ValidationError, match="not an accepted type"):
        field.run_validators(upload("evidence.docx", _zip({"evil.txt": "x"})))
    with pytest.raises(ValidationError, match="each file may be at most 10.0 MB"):
        field.run_validators(upload("evidence.pdf", PDF_BYTES + b"0" * files.DOCUMENT_MAX_BYTES))


def test_an_import_must_be_a_real_workbook_and_is_told_how_to_save_one():
    files.validate_import_workbook(upload("stakeholders.xlsx", xlsx_bytes()))
    for content in (b"Name,Country\nX,BE\n", docx_bytes(), _zip({"xl/workbook.xml": "<w/>"})):
        with pytest.raises(UploadRefused, match="This is not an Excel .xlsx file"):
            files.validate_import_workbook(upload("stakeholders.xlsx", content))
    with pytest.raises(UploadRefused, match="at most 5.0 MB"):
        files.validate_import_workbook(
            upload("stakeholders.xlsx", b"PK\x03\x04" + b"\0" * files.IMPORT_MAX_BYTES)
        )


# -- Downloads -------------------------------------------------------------------------------


@pytest.fixture
def stored_pdf():
    storage = files.private_storage()
    name = storage.save("tests/core/part-b.pdf", ContentFile(PDF_BYTES))
    yield Attachment(file=name).file
    storage.delete(name)


def test_a_private_file_goes_out_as_a_download_never_sniffed_never_cached(stored_pdf):
    response = files.private_file_response(
        stored_pdf, filename="Part B.pdf", content_type=PDF.content_type
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Part B.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES
    response.file_to_stream.close()


def test_the_download_name_defaults_to_the_stored_name(stored_pdf):
    response = files.private_file_response(stored_pdf)
    assert 'filename="part-b' in response["Content-Disposition"]
    response.file_to_stream.close()


def _filename_star(header: str) -> str:
    from urllib.parse import unquote

    value = header.split("filename*=", 1)[1].split(";", 1)[0]
    charset, _language, encoded = value.split("'", 2)
    assert charset.lower() == "utf-8"
    return unquote(encoded, encoding="utf-8", errors="strict")


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("Τεχνική περιγραφή.pdf", "file.pdf"),
        ("Част_Б.pdf", "file.pdf"),
        ("Opis techniczny łódź.pdf", "Opis techniczny lodz.pdf"),
        ("Műszaki leírás ő.pdf", "Muszaki leiras o.pdf"),
        ("évaluation finale.pdf", "evaluation finale.pdf"),
    ],
)
def test_a_name_in_any_script_goes_out_as_rfc_6266_with_an_ascii_fallback(
    stored_pdf, name, fallback
):
    response = files.private_file_response(stored_pdf, filename=name)
    header = response["Content-Disposition"]
    response.file_to_stream.close()
    assert header.startswith(f'attachment; filename="{fallback}"; filename*=')
    assert header.isascii()
    assert _filename_star(header) == name


def test_an_ascii_name_is_sent_as_django_sends_it(stored_pdf):
    response = files.private_file_response(stored_pdf, filename="Part B.pdf")
    assert response["Content-Disposition"] == 'attachment; filename="Part B.pdf"'
    response.file_to_stream.close()


@pytest.mark.parametrize(
    "name",
    [
        'a"b\\c.pdf',
        "a\r\nSet-Cookie: session=x.pdf",
        "../../etc/passwd",
        "invoice\u202egpj.pdf",
        "a\x00b.pdf",
    ],
)
def test_a_hostile_download_name_cannot_break_the_header(stored_pdf, name):
    response = files.private_file_response(stored_pdf, filename=name)
    header = response["Content-Disposition"]
    response.file_to_stream.close()
    assert "\r" not in header and "\n" not in header and "\x00" not in header
    assert "/" not in header.split("filename", 1)[1]
    assert "\u202e" not in header and "%E2%80%AE" not in header
    assert header.count('"') in (0, 2)


def test_a_file_whose_bytes_are_not_the_recorded_ones_is_not_served(stored_pdf):
    import hashlib

    good = hashlib.sha256(PDF_BYTES).hexdigest()
    response = files.private_file_response(stored_pdf, sha256=good)
    assert b"".join(response.streaming_content) == PDF_BYTES
    response.file_to_stream.close()
    with pytest.raises(Http404):
        files.private_file_response(stored_pdf, sha256="0" * 64)


def test_no_file_or_a_missing_file_is_not_found():
    with pytest.raises(Http404):
        files.private_file_response(Attachment().file)
    with pytest.raises(Http404):
        files.private_file_response(Attachment(file="tests/core/gone.pdf").file)


def test_the_xlsx_content_type_is_the_excel_one():
    assert (
        files.XLSX_CONTENT_TYPE
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
