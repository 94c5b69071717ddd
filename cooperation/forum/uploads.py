"""Files the forum keeps in private storage (minutes, evidence): where, what type, how big.

They are never under MEDIA_URL; views hand them out after asking a permission rule.
"""

import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_IMPORT_BYTES = 5 * 1024 * 1024

# Extension -> a check of the file's first bytes (so a renamed executable is refused).
_ZIP_MAGIC = b"PK\x03\x04"
DOCUMENT_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".docx": (_ZIP_MAGIC,),
    ".odt": (_ZIP_MAGIC,),
    ".xlsx": (_ZIP_MAGIC,),
}


def private_storage():
    return storages["private"]


def validate_document(file) -> None:
    """Accept PDF, Word, OpenDocument text or Excel files up to 10 MB whose content matches."""
    extension = Path(file.name).suffix.lower()
    if extension not in DOCUMENT_SIGNATURES:
        raise ValidationError(
            _("Upload a PDF, DOCX, ODT or XLSX file; %(ext)s files are not accepted.")
            % {"ext": extension or _("extension-less")}
        )
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": file.size // (1024 * 1024), "limit": MAX_DOCUMENT_BYTES // (1024 * 1024)}
        )
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(8)
    file.seek(position)
    if not any(head.startswith(magic) for magic in DOCUMENT_SIGNATURES[extension]):
        raise ValidationError(
            _("The file's content is not a real %(ext)s file.") % {"ext": extension[1:].upper()}
        )


def check_xlsx(file) -> None:
    """An Excel import must be a real .xlsx (a zip holding xl/workbook.xml) of at most 5 MB."""
    if file.size > MAX_IMPORT_BYTES:
        raise ValidationError(
            _("The file is too large: the limit for an import is %(limit)d MB.")
            % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise ValidationError(
            _("This is not an Excel .xlsx file. Save it as “Excel Workbook (.xlsx)” and try again.")
        ) from error
    finally:
        file.seek(0)
    if "xl/workbook.xml" not in names:
        raise ValidationError(
            _("This zip file is not an Excel workbook (it has no xl/workbook.xml).")
        )
