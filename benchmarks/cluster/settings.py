"""The cluster's hosts run the production settings, read from the environment that
`benchmarks.cluster.hosts` gives them, with one difference: static files are named as they
are (no collectstatic manifest to build before a run; the clients fetch no static file)."""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
