"""Private files in an S3-compatible bucket (django-storages), as every host of a cluster
shares them: written through the storage API, private, handed out only by the download
response after the permission check. The bucket is moto's in-process S3."""

import hashlib
from types import SimpleNamespace

import boto3
import pytest
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from moto import mock_aws
from storages.backends.s3 import S3Storage

from config.storage import file_storages
from core.files import private_file_response

BUCKET = "csa-private"
PDF = b"%PDF-1.4\n" + b"x" * 200_000 + b"\n%%EOF\n"


@pytest.fixture
def bucket(monkeypatch):
    monkeypatch.setenv("STORAGE_BUCKET", BUCKET)
    monkeypatch.setenv("STORAGE_REGION", "eu-west-1")
    monkeypatch.setenv("STORAGE_ACCESS_KEY", "test-access-key")
    monkeypatch.setenv("STORAGE_SECRET_KEY", "test-secret-key")
    with mock_aws():
        client = boto3.client("s3", region_name="eu-west-1")
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        yield client


def test_without_a_bucket_files_stay_on_the_local_filesystem(tmp_path, monkeypatch):
    monkeypatch.delenv("STORAGE_BUCKET", raising=False)
    storages = file_storages(private_root=tmp_path)
    assert storages["private"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storages["private"]["OPTIONS"] == {"location": tmp_path, "base_url": None}


def test_with_a_bucket_files_go_to_it_and_never_overwrite(bucket):
    storages = file_storages(private_root=None)
    private = S3Storage(**storages["private"]["OPTIONS"])
    first = private.save("attachments/part-b.pdf", ContentFile(PDF))
    second = private.save("attachments/part-b.pdf", ContentFile(b"%PDF-1.4 other"))

    assert first == "attachments/part-b.pdf" and second != first
    keys = {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert keys == {f"private/{first}", f"private/{second}"}
    # No public grant on the object; any URL the storage gives is signed and expires.
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=f"private/{first}")["Grants"]
    assert not [g for g in grants if "AllUsers" in str(g.get("Grantee", {}).get("URI", ""))]
    assert "X-Amz-Signature=" in private.url(first) and "X-Amz-Expires=300" in private.url(first)


def test_a_download_streams_the_file_from_the_bucket_and_checks_its_hash(bucket):
    private = S3Storage(**file_storages(private_root=None)["private"]["OPTIONS"])
    name = private.save("attachments/part-b.pdf", ContentFile(PDF))
    field_file = FieldFile(None, SimpleNamespace(storage=private), name)

    response = private_file_response(
        field_file, filename="Part B.pdf", sha256=hashlib.sha256(PDF).hexdigest()
    )

    assert response.streaming and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="Part B.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert "Location" not in response  # streamed by the application, no bucket address
