"""Slowing down password guessing and e-mail flooding.

Sign-in: django-axes keeps failed sign-ins in its database table and refuses an account, or a
client address, that failed too often within the window, whichever sign-in form was used
(ours, Wagtail's or Django's admin: they all authenticate through Django). Its `AXES_*`
settings name the callables below: our limits, our window, the client's address behind our
proxies, the e-mail address in any letter case.

Password-reset requests are counted in `core.limits` (rows in the database, atomic, each
counting for the window after it was made).
"""

import ipaddress
import math
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.utils import timezone

from core import limits

# Django's authentication forms name the e-mail field "username"; an address is at most 254.
USERNAME_MAX_LENGTH = 254


def client_ip(request) -> str | None:
    """The client's address. Behind N trusted proxies, the Nth address from the right of
    X-Forwarded-For (settings.TRUSTED_PROXY_COUNT), each proxy adding the address it was
    reached from; otherwise, or if that entry is not an address, the socket's address."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies and _is_address(forwarded[-proxies]):
            return forwarded[-proxies]
    remote = request.META.get("REMOTE_ADDR", "")
    return remote if _is_address(remote) else None


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


# --- django-axes: the callables its settings name -----------------------------------------


def sign_in_username(request, credentials=None) -> str | None:
    """The account a sign-in is for, as axes records it: the e-mail address as typed, in
    lower case (our accounts sign in in any letter case), at most an address's length."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = getattr(request, "POST", {}).get("username")
    if not typed:
        return None
    return str(typed).strip().lower()[:USERNAME_MAX_LENGTH]


def sign_in_window(request=None) -> timedelta:
    """How long a failure counts, and so how long a lock-out lasts after the last one."""
    return timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)


def sign_in_failure_limit(request=None, credentials=None) -> int:
    return settings.LOGIN_FAILURES_PER_ACCOUNT


class AccountOrAddressHandler(AxesDatabaseHandler):
    """Axes's database handler, with a limit for each lock-out parameter.

    Axes compares one number of failures with one limit (here the per-account limit).
    Failures from one address are put on that scale, so the address is locked out when they
    reach LOGIN_FAILURES_PER_ADDRESS: A >= per_account or I >= per_address exactly when
    max(A, I * per_account // per_address) >= per_account.
    """

    def get_failures(self, request, credentials=None) -> int:
        by_account, by_address = (
            attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        per_account = settings.LOGIN_FAILURES_PER_ACCOUNT
        per_address = settings.LOGIN_FAILURES_PER_ADDRESS
        return max(by_account, by_address * per_account // per_address)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful sign-in, forget the account's failures only. (Axes would also
        forget every failure from the address: an attacker signing in to their own account
        would wipe the count of their guesses at others'.)"""
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(username=username).delete()
        return deleted


def sign_in_locked_minutes(request, credentials=None) -> int:
    """Minutes until the lock-out is surely over: the last failure counted for this account
    or address leaves the window."""
    window = get_cool_off(request)
    now = timezone.now()
    matching = Q(ip_address=client_ip(request))
    username = get_client_username(request, credentials)
    if username:
        matching |= Q(username=username)
    last = AccessAttempt.objects.filter(matching, attempt_time__gte=now - window).aggregate(
        last=Max("attempt_time")
    )["last"]
    remaining = (last + window - now) if last else window
    return max(1, math.ceil(remaining.total_seconds() / 60))


# --- Password resets ------------------------------------------------------------------------


def password_reset_allowed(*, email: str, address: str | None) -> bool:
    """Count one request for a reset e-mail, and tell whether it may be sent: a few per
    account and per client address in the window."""
    return not limits.limit_hit_any(
        scope="password-reset",
        limits={
            f"account:{email}": settings.PASSWORD_RESETS_PER_ACCOUNT,
            f"address:{address}" if address else "": settings.PASSWORD_RESETS_PER_ADDRESS,
        },
        window_seconds=settings.PASSWORD_RESET_WINDOW,
    )
