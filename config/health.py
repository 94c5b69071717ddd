"""The health check a load balancer or an orchestrator asks: can this host reach the
database and the file storage? 200 when both answer, 503 when either does not.

The body names each dependency and says "ok" or "unavailable", nothing more: no error text,
host name, version or setting, since anyone may ask. What went wrong is logged.
"""

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.files import private_storage

logger = logging.getLogger(__name__)

PROBE_NAME = "health/probe"  # never written: asking whether it exists reaches the storage


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means unavailable; the reason goes to the log only
        logger.exception("Health check: the database did not answer.")
        return False


def _storage() -> bool:
    try:
        private_storage().exists(PROBE_NAME)
    except Exception:  # any failure means unavailable; the reason goes to the log only
        logger.exception("Health check: the file storage did not answer.")
        return False
    return True


@never_cache
@require_GET
def health(request):
    checks = {"database": _database(), "storage": _storage()}
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        **{name: "ok" if ok else "unavailable" for name, ok in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
