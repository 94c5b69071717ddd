"""Serving files from the private storage, once for every view that does it."""

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _


def private_file_response(field_file, *, filename=None, content_type=None) -> FileResponse:
    """A file the caller has already checked the user may have: always a download, never
    sniffed into something else, never kept in a shared cache."""
    if not field_file:
        raise Http404(_("There is no file."))
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("The file is missing from storage.")) from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename or field_file.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
