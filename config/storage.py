"""Where files are kept: the local filesystem on one machine, an S3-compatible bucket
(django-storages) when `STORAGE_BUCKET` is set, so that every application host and the
worker read and write the same files.

The bucket is private: nothing in it has a public URL. Private files (attachments,
deliverables, minutes, exports) are streamed to the browser by `core.files
.private_file_response` after the permission check; Wagtail's images and documents are
handed out through URLs signed for `STORAGE_URL_EXPIRY` seconds.
"""

from pathlib import Path

from config.env import env_int, env_str


def _bucket(*, location: str) -> dict:
    options = {
        "bucket_name": env_str("STORAGE_BUCKET"),
        "location": location,
        "endpoint_url": env_str("STORAGE_ENDPOINT_URL", "") or None,
        "region_name": env_str("STORAGE_REGION", "") or None,
        "access_key": env_str("STORAGE_ACCESS_KEY", "") or None,
        "secret_key": env_str("STORAGE_SECRET_KEY", "") or None,
        "default_acl": None,  # the bucket's own policy: private
        "querystring_auth": True,  # any URL is signed and expires
        "querystring_expire": env_int("STORAGE_URL_EXPIRY", 300),
        "file_overwrite": False,  # a name taken gets a new one, as on the filesystem
        "addressing_style": env_str("STORAGE_ADDRESSING_STYLE", "path"),
        "signature_version": "s3v4",
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def file_storages(*, private_root: Path) -> dict:
    """The `default` (Wagtail's media) and `private` storages of STORAGES."""
    if env_str("STORAGE_BUCKET", ""):
        return {"default": _bucket(location="media"), "private": _bucket(location="private")}
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": private_root, "base_url": None},
        },
    }
