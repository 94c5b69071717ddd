"""A submitted version's file as a download, refused when the stored bytes are not the
ones recorded at submission. The caller has checked who may have it."""

from django.http import FileResponse

from core.files import private_file_response


def version_response(version) -> FileResponse:
    return private_file_response(
        version.file,
        filename=version.original_name,
        content_type=version.content_type,
        sha256=version.sha256,
    )
