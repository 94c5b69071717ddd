"""Limits on how often something may be done: at most N attempts by one subject in a window.

Each attempt is one database row (`core.models.Attempt`) that counts until `window_seconds`
after it was made: a sliding window decided by the row's own timestamp, never by a cache's
expiry, and the same for every application process.

`limit_hit` is atomic across processes: the attempt's row is written first (committed, in
the autocommit mode views run in), then the rows in the window are counted, so the attempt
sees every attempt written before it and, of any number of concurrent attempts, at most
`limit` are let through. An attempt that goes over the limit is taken back, so that knocking
on a closed door does not keep it closed. Expired rows are deleted as attempts come in.

Subjects are typed by visitors (an e-mail address, any length, any characters): only their
SHA-256 is stored, letter case and surrounding spaces ignored.
"""

import hashlib
from collections.abc import Mapping
from datetime import datetime, timedelta

from django.utils import timezone

from core.models import Attempt


def subject_digest(subject: str) -> str:
    return hashlib.sha256(subject.strip().lower().encode()).hexdigest()


def limit_hit(*, scope: str, subject: str, limit: int, window_seconds: int) -> bool:
    """Record one attempt by `subject` and tell whether it goes over `limit` attempts in the
    last `window_seconds` (True: refuse it; it is then not counted)."""
    return limit_hit_any(scope=scope, limits={subject: limit}, window_seconds=window_seconds)


def limit_hit_any(*, scope: str, limits: Mapping[str, int], window_seconds: int) -> bool:
    """One attempt by several subjects at once (an account and an address), each with its own
    limit (`{subject: limit}`): True if it goes over any of them; then it counts for none."""
    digests = {subject_digest(subject): limit for subject, limit in limits.items() if subject}
    if not digests:
        return False
    now = timezone.now()
    limit_prune(now=now)
    expires_at = now + timedelta(seconds=window_seconds)
    rows = [
        Attempt.objects.create(
            scope=scope, subject_digest=digest, made_at=now, expires_at=expires_at
        )
        for digest in digests
    ]
    over = any(
        _count(scope=scope, digest=digest, now=now) > limit for digest, limit in digests.items()
    )
    if over:
        Attempt.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return over


def limit_record(*, scope: str, subject: str, window_seconds: int) -> None:
    """Count one attempt (a failure, say) without asking whether it is allowed."""
    if not subject:
        return
    now = timezone.now()
    limit_prune(now=now)
    Attempt.objects.create(
        scope=scope,
        subject_digest=subject_digest(subject),
        made_at=now,
        expires_at=now + timedelta(seconds=window_seconds),
    )


def limit_count(*, scope: str, subject: str) -> int:
    """The attempts by `subject` still within their window."""
    return _count(scope=scope, digest=subject_digest(subject), now=timezone.now())


def limit_reached(*, scope: str, subject: str, limit: int) -> bool:
    return bool(subject) and limit_count(scope=scope, subject=subject) >= limit


def limit_clear(*, scope: str, subject: str) -> int:
    """Forget `subject`'s attempts (after a success, say)."""
    deleted, _ = Attempt.objects.filter(
        scope=scope, subject_digest=subject_digest(subject)
    ).delete()
    return deleted


def limit_prune(*, now: datetime | None = None) -> int:
    """Delete the attempts whose window has passed."""
    deleted, _ = Attempt.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def _count(*, scope: str, digest: str, now: datetime) -> int:
    return Attempt.objects.filter(scope=scope, subject_digest=digest, expires_at__gt=now).count()
