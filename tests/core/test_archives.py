"""Uploads that cannot exhaust memory (core/files.py): a zip bomb, an archive of too many
parts or an XML bomb is refused quickly, in plain words, with memory bounded, on every
upload path (proposal attachments, forum evidence, minutes, the stakeholder import)."""

import datetime as dt
import functools
import io
import struct
import time
import tracemalloc
import zipfile
import zlib

import openpyxl.xml
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook

from cooperation.forum.services import commitment_record_progress, stakeholder_import
from cooperation.models import Meeting
from core import files
from core.files import DOCX, ODT, UploadRefused, validate_upload
from funding.proposals import services as proposal_services
from funding.proposals.services import ProposalError
from tests.cooperation.factories_forum import CommitmentFactory
from tests.core.test_files import CONTENT_TYPES, _zip, upload, xlsx_bytes
from tests.funding.factories_proposals import complete_proposal, member_of

# -- Archives that cannot exhaust memory -----------------------------------------------------
#
# The bombs are real archives built by hand, already packed: after a full flush a deflate
# compressor starts afresh, so every megabyte of zeros packs to the same kilobyte, made once
# and repeated. Building one never holds its unpacked bytes.

GB = 1024 * files.MB
DOS_DATE = (2025 - 1980) << 9 | 1 << 5 | 1
MEMORY_LIMIT = 50 * files.MB


@functools.cache
def deflated(prefix: bytes, zeros: int, block: int = files.MB) -> tuple[bytes, int, int]:
    """A raw deflate stream of `prefix` and then `zeros` zero bytes (a multiple of `block`),
    its CRC-32 and its unpacked size."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    chunk = bytes(block)
    repeated = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(prefix)
    for _ in range(zeros // block):
        crc = zlib.crc32(chunk, crc)
    stream = packed + repeated * (zeros // block) + compressor.flush(zlib.Z_FINISH)
    return stream, crc, len(prefix) + zeros


def stored(name: str, data: bytes | str):
    data = data.encode() if isinstance(data, str) else data
    return name, zipfile.ZIP_STORED, data, zlib.crc32(data), len(data)


def packed(name: str, prefix: bytes, zeros: int, block: int = files.MB):
    return name, zipfile.ZIP_DEFLATED, *deflated(prefix, zeros, block)


def raw_zip(entries) -> bytes:
    """A zip archive of (name, method, packed bytes, CRC-32, unpacked size) entries."""
    output, directory = io.BytesIO(), []
    for name, method, data, crc, size in entries:
        encoded, offset = name.encode(), output.tell()
        sizes = (crc, len(data), size, len(encoded))
        output.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, DOS_DATE, *sizes, 0))
        output.write(encoded + data)
        directory.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                method,
                0,
                DOS_DATE,
                *sizes,
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = output.tell()
    output.write(b"".join(directory))
    count, length = len(directory), output.tell() - start
    output.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, length, start, 0))
    return output.getvalue()


def docx_bomb() -> bytes:
    """A DOCX-shaped archive of about 1 MB whose document unpacks to 1 GB of zeros."""
    return raw_zip(
        [
            stored("[Content_Types].xml", CONTENT_TYPES),
            stored("_rels/.rels", "<Relationships/>"),
            packed("word/document.xml", b"", GB),
        ]
    )


def odt_mimetype_bomb() -> bytes:
    """An ODT whose `mimetype` entry starts as it should and goes on for 1 GB."""
    return raw_zip(
        [packed("mimetype", ODT.content_type.encode(), GB), stored("content.xml", "<x/>")]
    )


def odt_content_bomb() -> bytes:
    return raw_zip(
        [
            stored("mimetype", ODT.content_type),
            packed("content.xml", b"<office:document-content>", GB),
            stored("META-INF/manifest.xml", "<manifest:manifest/>"),
        ]
    )


def measured(action):
    """What `action()` returned or raised, how long it took and its peak of traced memory."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = action()
    except Exception as error:  # noqa: BLE001 - the caller looks at what was raised
        outcome = error
    finally:
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return outcome, seconds, peak


def test_the_bombs_are_real_archives():
    with zipfile.ZipFile(io.BytesIO(docx_bomb())) as archive:
        entry = archive.getinfo("word/document.xml")
        assert entry.file_size == GB and entry.compress_size < 1.1 * files.MB
        with archive.open(entry) as document:
            assert document.read(10 * files.MB) == bytes(10 * files.MB)
    with zipfile.ZipFile(io.BytesIO(odt_mimetype_bomb())) as archive:
        assert archive.open("mimetype").read(len(ODT.content_type)) == ODT.content_type.encode()
    small = raw_zip(
        [stored("mimetype", ODT.content_type), packed("content.xml", b"<x>", 4 * files.MB)]
    )
    with zipfile.ZipFile(io.BytesIO(small)) as archive:
        assert archive.testzip() is None  # every CRC checks out


@pytest.mark.parametrize(
    ("name", "build", "allowed"),
    [
        ("report.docx", docx_bomb, files.DOCUMENT_TYPES),
        ("annex.odt", odt_mimetype_bomb, files.DOCUMENT_TYPES),
        ("annex.odt", odt_content_bomb, files.DOCUMENT_TYPES),
    ],
    ids=["docx-document-1GB", "odt-mimetype-1GB", "odt-content-1GB"],
)
def test_a_zip_bomb_is_refused_quickly_with_memory_bounded(name, build, allowed):
    bomb = upload(name, build())
    refused, seconds, peak = measured(
        lambda: validate_upload(bomb, allowed=allowed, max_bytes=10 * files.MB)
    )
    assert isinstance(refused, UploadRefused)
    assert refused.code == "file_unpacks_too_large"
    assert str(refused).startswith("This file would unpack to 1024.0 MB from 1.0 MB")
    assert seconds < 1
    assert peak < MEMORY_LIMIT


def test_an_entry_packed_past_the_ratio_is_refused_even_when_the_total_is_small():
    """50 MB of zeros in 50 KB: within the 200 MB any archive may unpack to, but no part of
    a document packs 1,000 to 1."""
    bomb = raw_zip(
        [
            stored("[Content_Types].xml", CONTENT_TYPES),
            packed("word/document.xml", b"", 50 * files.MB),
        ]
    )
    with pytest.raises(UploadRefused) as refused:
        validate_upload(upload("a.docx", bomb), allowed=(DOCX,), max_bytes=files.MB)
    assert refused.value.code == "file_unpacks_too_large"


def test_real_documents_pass_the_archive_limits():
    """A document of 100,000 identical paragraphs packs 257 to 1, the most a real file was
    measured at, and passes; so does a workbook of the import's kind, which at the import's
    full 5 MB would still unpack to less than the import may."""
    paragraph = (
        '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:lang w:val="en-GB"/>'
        "</w:rPr><w:t>The same sentence of a template, again.</w:t></w:r></w:p>"
    )
    repetitive = _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": "<w:document><w:body>"
            + paragraph * 100_000
            + "</w:body></w:document>",
        }
    )
    assert (
        validate_upload(upload("a.docx", repetitive), allowed=(DOCX,), max_bytes=files.MB) == DOCX
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Stakeholders")
    for row in range(20_000):
        sheet.append(["Same organisation", "BE", "research", row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    files.validate_import_workbook(upload("stakeholders.xlsx", content))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        ratio = sum(entry.file_size for entry in archive.infolist()) / len(content)
    assert ratio > 5 and ratio * files.IMPORT_MAX_BYTES < files.IMPORT_MAX_UNPACKED_BYTES


@functools.cache
def docx_of(entries: int) -> bytes:
    """A Word-shaped archive of `entries` entries (empty files beside the document)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(entries - 2):
            archive.writestr(f"customXml/item{number}.xml", "")
    return buffer.getvalue()


def test_an_archive_with_too_many_entries_is_refused_before_it_is_indexed():
    limit = files.MAX_ARCHIVE_ENTRIES
    validate_upload(upload("a.docx", docx_of(limit)), allowed=(DOCX,), max_bytes=10 * files.MB)
    crowded = upload("a.docx", docx_of(limit + 1))
    refused, seconds, peak = measured(
        lambda: validate_upload(crowded, allowed=(DOCX,), max_bytes=10 * files.MB)
    )
    assert isinstance(refused, UploadRefused) and refused.code == "file_too_many_parts"
    assert "more than 10,000 parts" in str(refused)
    assert seconds < 1 and peak < MEMORY_LIMIT


def test_an_archive_packed_with_bzip2_or_lzma_is_not_a_document():
    """Office and OpenDocument packages are stored or deflated; zipfile unpacks bzip2 and
    LZMA a whole compressed chunk at a time, however small the declared size."""
    for method in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", method) as archive:
            archive.writestr("[Content_Types].xml", CONTENT_TYPES)
            archive.writestr("word/document.xml", "<w:document/>")
        with pytest.raises(UploadRefused) as refused:
            validate_upload(
                upload("a.docx", buffer.getvalue()), allowed=(DOCX,), max_bytes=files.MB
            )
        assert refused.value.code == "file_type"


def test_an_import_is_held_to_what_openpyxl_will_read(monkeypatch):
    content = xlsx_bytes()
    files.validate_import_workbook(upload("stakeholders.xlsx", content))
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(entry.file_size for entry in archive.infolist())
    monkeypatch.setattr(files, "IMPORT_MAX_UNPACKED_BYTES", unpacked - 1)
    with pytest.raises(UploadRefused) as refused:
        files.validate_import_workbook(upload("stakeholders.xlsx", content))
    assert refused.value.code == "file_unpacks_too_large"
    assert files.IMPORT_MAX_UNPACKED_BYTES < files.MAX_UNPACKED_BYTES  # unpatched, below


def test_the_refusals_are_in_french_too():
    with translation.override("fr"):
        for content, start in (
            (docx_bomb(), "Ce fichier se décompresserait en 1024.0 MB à partir de 1.0 MB"),
            (docx_of(files.MAX_ARCHIVE_ENTRIES + 1), "Ce fichier contient plus de 10"),
        ):
            with pytest.raises(UploadRefused) as refused:
                validate_upload(upload("a.docx", content), allowed=(DOCX,), max_bytes=10 * files.MB)
            assert str(refused.value).startswith(start)
            assert "il est refusé pour la sécurité de la plateforme" in str(refused.value)


# -- Every upload passes the one validator ---------------------------------------------------


def test_every_upload_path_refuses_a_bomb_before_anything_opens_it(make_user, secretariat):
    bomb = docx_bomb()
    proposal = complete_proposal()
    with pytest.raises(ProposalError, match="would unpack to"):
        proposal_services.attachment_add(
            proposal=proposal,
            user=member_of(proposal.coordinator, make_user),
            lock_version=proposal.lock_version,
            kind="annex",
            upload=upload("annex.docx", bomb),
        )
    assert not proposal.attachments.filter(kind="annex").exists()
    commitment = CommitmentFactory()
    with pytest.raises(ValidationError, match="would unpack to"):
        commitment_record_progress(
            commitment=commitment,
            user=secretariat,
            kind="assessment",
            date=dt.date(2024, 6, 1),
            completion="limited",
            narrative="Evidence attached.",
            evidence_file=upload("evidence.docx", bomb),
        )
    assert not commitment.updates.exists()
    with pytest.raises(ValidationError, match="would unpack to"):
        Meeting._meta.get_field("minutes").run_validators(upload("minutes.docx", bomb))
    workbook_bomb = raw_zip(
        [
            stored("[Content_Types].xml", CONTENT_TYPES),
            stored("xl/workbook.xml", "<workbook/>"),
            packed("xl/theme/theme1.xml", b"", GB),
        ]
    )
    report, seconds, peak = measured(
        lambda: stakeholder_import(file=upload("s.xlsx", workbook_bomb), user=secretariat)
    )
    assert not report.ok and "would unpack to" in report.errors[0].problem
    assert seconds < 1 and peak < MEMORY_LIMIT


# -- XML bombs in a workbook -----------------------------------------------------------------

LAUGHS = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
DOCTYPE = f'<!DOCTYPE lolz [<!ENTITY lol0 "lol">{LAUGHS}]>'
SHEET_BOMB = (
    '<?xml version="1.0" encoding="UTF-8"?>' + DOCTYPE + '<worksheet xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
    't="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def xlsx_with(part: str, rewrite) -> bytes:
    """A real workbook (the import's header row and one row) with one part rewritten."""
    workbook = Workbook()
    workbook.active.append(["Name", "Country", "Category"])
    workbook.active.append(["ECPAT", "TH", "civil_society"])
    source = io.BytesIO()
    workbook.save(source)
    output = io.BytesIO()
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for entry in original.infolist():
            data = original.read(entry)
            copy.writestr(entry.filename, rewrite(data) if entry.filename == part else data)
    return output.getvalue()


def test_openpyxl_parses_workbooks_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


@pytest.mark.parametrize(
    ("part", "rewrite"),
    [
        ("xl/worksheets/sheet1.xml", lambda _data: SHEET_BOMB.encode()),
        ("xl/workbook.xml", lambda data: DOCTYPE.encode() + data),
    ],
    ids=["billion-laughs-in-a-sheet", "entities-in-the-workbook"],
)
def test_an_xml_bomb_given_to_the_import_is_refused_not_parsed(secretariat, part, rewrite):
    content = xlsx_with(part, rewrite)
    files.validate_import_workbook(upload("s.xlsx", content))  # a small, real archive
    report, seconds, peak = measured(
        lambda: stakeholder_import(file=upload("s.xlsx", content), user=secretariat)
    )
    assert not isinstance(report, Exception), report
    assert [error.row for error in report.errors] == [0]
    assert report.errors[0].problem.startswith(
        "The workbook contains XML entity declarations or external references"
    )
    assert report.created == 0
    assert seconds < 1 and peak < MEMORY_LIMIT
