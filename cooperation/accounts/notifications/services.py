"""Notices that people chose how to receive: at once, in the weekly digest, or not at all.

`notice_send` is the thin layer above `core.mail.mail_send` for every kind of `NoticeKind`:
it reads each recipient's choice and sends the notice at once (one `mail_send`), holds it
for the digest (a `HeldNotice`, rendered now in the language active now) or drops it.
Addresses without an account (a stakeholder's contact person) get the default, at once.
`digest_send_all` sends each person their held notices once per ISO week (the mail key
`digest:<user>:<week>`), whoever runs it and however often.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from cooperation.accounts.models import User
from cooperation.accounts.notifications.kinds import (
    DEFAULT_DELIVERY,
    Delivery,
    NoticeKind,
    kinds_offered,
)
from cooperation.accounts.notifications.models import HeldNotice, NotificationPreference
from cooperation.accounts.roles import user_role_names
from core.mail import mail_send
from core.sites import absolute_url

UNSUBSCRIBE_SALT = "cooperation.notifications.unsubscribe"


def preferences_of(*, user: User) -> dict[str, str]:
    """{kind: delivery} for every kind `user` is offered, defaults included."""
    chosen = dict(user.notification_preferences.values_list("kind", "delivery"))
    return {
        kind: chosen.get(kind, DEFAULT_DELIVERY) for kind in kinds_offered(user_role_names(user))
    }


def preference_set(*, user: User, kind: str, delivery: str) -> NotificationPreference:
    if kind not in NoticeKind.values or delivery not in Delivery.values:
        raise ValueError(f"Unknown kind or delivery: {kind!r}, {delivery!r}")
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"delivery": delivery}
    )
    return preference


def notice_send(
    *,
    to: Iterable[str],
    kind: str,
    subject: str,
    template: str,
    context: dict,
    key: str = "",
) -> dict[str, list[str]]:
    """Send, hold or drop the notice for each address by its person's choice for `kind`;
    the addresses by delivery ({"immediate": [...], "digest": [...], "none": [...]})."""
    addresses = list(dict.fromkeys(str(address).strip().lower() for address in to if address))
    users = {user.email: user for user in User.objects.filter(email__in=addresses, is_active=True)}
    chosen = dict(
        NotificationPreference.objects.filter(user__in=list(users.values()), kind=kind).values_list(
            "user__email", "delivery"
        )
    )
    outcome = {delivery: [] for delivery in Delivery.values}
    for address in addresses:
        delivery = chosen.get(address, DEFAULT_DELIVERY) if address in users else DEFAULT_DELIVERY
        outcome[delivery].append(address)
    if outcome[Delivery.IMMEDIATE]:
        mail_send(
            to=outcome[Delivery.IMMEDIATE],
            subject=subject,
            template=template,
            context=context,
            key=key,
        )
    if outcome[Delivery.DIGEST]:
        body = str(render_to_string(template, context))
        HeldNotice.objects.bulk_create(
            HeldNotice(user=users[address], kind=kind, subject=str(subject), body=body)
            for address in outcome[Delivery.DIGEST]
        )
    return outcome


# -- The weekly digest ------------------------------------------------------------------------


def digest_period(today: dt.date) -> str:
    """The digest's period: the ISO week of `today` (Brussels date), e.g. "2026-W49"."""
    year, week, _weekday = today.isocalendar()
    return f"{year}-W{week:02d}"


def unsubscribe_token(*, user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_read(*, token: str) -> tuple[User, str] | None:
    """The person and kind a token names, or None when it is forged or names nobody."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    kind = data.get("k") if isinstance(data, dict) else None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first() if kind else None
    if user is None or kind not in NoticeKind.values:
        return None
    return user, kind


def _language(user: User) -> str:
    preferred = (user.preferred_language or "").lower()
    known = {code for code, _name in settings.LANGUAGES}
    return preferred if preferred in known else settings.LANGUAGE_CODE


def digest_send_all(*, today: dt.date, site_url: str = "") -> int:
    """Send each person with held notices one digest of them for the ISO week of `today`;
    how many digests were sent. A second run in the same week sends nothing to whoever
    had theirs: notices held after it wait for the next week's digest."""
    period = digest_period(today)
    waiting = HeldNotice.objects.filter(digest__isnull=True).values("user")
    sent = 0
    for user in User.objects.filter(pk__in=waiting, is_active=True).order_by("pk"):
        if _digest_send(user=user, period=period, site_url=site_url):
            sent += 1
    return sent


def _digest_send(*, user: User, period: str, site_url: str) -> bool:
    with transaction.atomic():
        notices = list(
            HeldNotice.objects.select_for_update().filter(user=user, digest__isnull=True)
        )
        if not notices:
            return False
        with translation.override(_language(user)):
            sections = [
                {
                    "label": label,
                    "notices": [notice for notice in notices if notice.kind == kind],
                    "unsubscribe": absolute_url(
                        reverse(
                            "accounts:unsubscribe",
                            args=[unsubscribe_token(user=user, kind=kind)],
                        ),
                        base=site_url,
                    ),
                }
                for kind, label in NoticeKind.choices
                if any(notice.kind == kind for notice in notices)
            ]
            mail = mail_send(
                to=[user.email],
                subject=ngettext(
                    "Your weekly digest: %(count)d notice",
                    "Your weekly digest: %(count)d notices",
                    len(notices),
                )
                % {"count": len(notices)},
                template="accounts/email/digest.txt",
                context={
                    "user": user,
                    "period": period,
                    "sections": sections,
                    "preferences": absolute_url(reverse("accounts:notifications"), base=site_url),
                },
                key=f"digest:{user.pk}:{period}",
            )
        if mail is None:
            return False  # this week's digest went out already; these wait for the next
        HeldNotice.objects.filter(pk__in=[notice.pk for notice in notices]).update(digest=mail)
    return True
