"""Private files (proposal attachments, meeting minutes, progress evidence, export workbooks,
beneficiaries' deliverables and periodic reports)
live outside MEDIA_ROOT, have no public URL, and cannot be fetched under MEDIA_URL."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.db import models
from django.http import Http404
from django.test import RequestFactory
from django.views.static import serve

from cooperation.models import Meeting, ProgressUpdate
from funding.models import (
    Attachment,
    DeliverableSubmission,
    ExportJob,
    GrantPreparation,
    PeriodicReport,
)

PRIVATE_FIELDS = {
    (Attachment, "file"),
    (Meeting, "minutes"),
    (ProgressUpdate, "evidence_file"),
    (ExportJob, "file"),
    (GrantPreparation, "description"),
    (DeliverableSubmission, "file"),
    (PeriodicReport, "file"),
}
PROJECT_APPS = ("cooperation", "funding")


def _inside(child: Path, parent: Path) -> bool:
    return Path(child).resolve().is_relative_to(Path(parent).resolve())


def test_private_storage_is_outside_the_public_roots():
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        assert not _inside(private, public)
        assert not _inside(public, private)


def test_the_default_locations_are_siblings_not_nested():
    from config.settings import base

    assert not _inside(base.PRIVATE_MEDIA_ROOT, base.MEDIA_ROOT)
    assert base.STORAGES["private"]["OPTIONS"]["base_url"] is None


def test_every_file_field_of_the_project_uses_private_storage():
    fields = {
        (model, field.name)
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }
    assert fields == PRIVATE_FIELDS, "a new file field: decide whether it is private"
    for model, name in fields:
        storage = model._meta.get_field(name).storage
        assert Path(storage.location).resolve() == Path(settings.PRIVATE_MEDIA_ROOT).resolve()


def test_no_template_links_a_private_file_directly():
    """Private files go out only through permission-checked download views."""
    templates = Path(settings.BASE_DIR) / "templates"
    for template in templates.rglob("*.html"):
        text = template.read_text()
        for field in ("file", "minutes", "evidence_file", "description"):
            assert f".{field}.url" not in text, template


@pytest.mark.django_db
def test_a_stored_private_file_is_not_reachable_under_media_url(client):
    storage = Attachment._meta.get_field("file").storage
    name = storage.save("proposals/1/part-b.pdf", ContentFile(b"%PDF-1.4 secret\n%%EOF\n"))
    try:
        path = Path(storage.path(name))
        assert path.exists() and not _inside(path, settings.MEDIA_ROOT)
        for url in (
            f"{settings.MEDIA_URL}{name}",
            f"{settings.MEDIA_URL}../private/{name}",
            f"{settings.MEDIA_URL}%2e%2e/private/{name}",
        ):
            response = client.get(url)
            assert response.status_code == 404, url
            assert b"secret" not in response.content
        # Even Django's static serving of MEDIA_ROOT (as DEBUG would mount it) finds nothing.
        request = RequestFactory().get(f"{settings.MEDIA_URL}{name}")
        for guess in (name, f"../private/{name}"):
            with pytest.raises((Http404, SuspiciousFileOperation)):
                serve(request, guess, document_root=settings.MEDIA_ROOT)
    finally:
        storage.delete(name)
