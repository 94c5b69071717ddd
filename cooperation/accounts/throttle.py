"""Counting attempts in the cache, to slow down password guessing and e-mail flooding.

Production uses a shared cache (the database cache by default) so that every application
process counts together.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address. Behind N trusted proxies, the Nth address from the right of
    X-Forwarded-For (settings.TRUSTED_PROXY_COUNT); otherwise the socket's address."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope: str, subject: str) -> str:
    """A fixed-length key: the subject is typed by visitors (any length, any characters),
    and the database cache used in production stores keys of at most 255 characters."""
    digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()
    return f"throttle:{scope}:{digest}"


def attempts(scope: str, subject: str) -> int:
    return cache.get(_key(scope, subject), 0)


def is_blocked(scope: str, subjects: list[str], limit: int) -> bool:
    return any(attempts(scope, subject) >= limit for subject in subjects if subject)


def record_attempt(scope: str, subjects: list[str], window_seconds: int) -> None:
    for subject in subjects:
        if not subject:
            continue
        key = _key(scope, subject)
        if not cache.add(key, 1, timeout=window_seconds):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=window_seconds)


def clear_attempts(scope: str, subjects: list[str]) -> None:
    cache.delete_many([_key(scope, subject) for subject in subjects if subject])
