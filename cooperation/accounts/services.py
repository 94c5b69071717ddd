"""Writes in the registry of people and organisations.

Keyword-only, typed functions named <entity>_<action>. They never take a request: the web
layer passes what they need (for example the site address for links in e-mails).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cooperation.accounts.roles import Role
from cooperation.accounts.tokens import TokenState, confirmation_tokens
from cooperation.models import User
from core.mail import mail_send
from core.sites import configured_site_url


class ConfirmationError(Exception):
    """A confirmation link that cannot be used; the message says why."""


def email_confirmation_path(*, user: User) -> str:
    """The confirmation link's path: the account's key in base64 and an opaque token."""
    return reverse(
        "accounts:confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": confirmation_tokens.make_token(user),
        },
    )


@transaction.atomic
def user_sign_up(
    *, email: str, password: str, first_name: str, last_name: str, site_url: str
) -> User:
    """Create an applicant account, inactive until the e-mail address is confirmed."""
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        is_active=False,
    )
    user.groups.add(Group.objects.get(name=Role.APPLICANT))
    user_send_confirmation(user=user, site_url=site_url)  # sent once the account is committed
    return user


def user_send_confirmation(*, user: User, site_url: str) -> None:
    link = (site_url or configured_site_url()).rstrip("/") + email_confirmation_path(user=user)
    context = {
        "user": user,
        "link": link,
        "days": _confirmation_days(),
    }
    mail_send(
        to=[user.email],
        subject=_("Confirm your e-mail address"),
        template="accounts/email/confirm.txt",
        context=context,
    )


def _confirmation_days() -> int:
    return settings.EMAIL_CONFIRMATION_MAX_AGE // 86400


def user_confirm_email(*, uidb64: str, token: str) -> User:
    """Activate the account a confirmation link names. A link works once, for the address
    it was sent to, for EMAIL_CONFIRMATION_MAX_AGE seconds."""
    try:
        user = User.objects.filter(pk=int(force_str(urlsafe_base64_decode(uidb64)))).first()
    except (ValueError, TypeError, OverflowError):
        user = None
    state = confirmation_tokens.state(user, token)
    if state is TokenState.EXPIRED:
        days = _confirmation_days()
        raise ConfirmationError(
            ngettext(
                "This confirmation link has expired: a link works for %(days)d day. "
                "Ask for a new one below.",
                "This confirmation link has expired: a link works for %(days)d days. "
                "Ask for a new one below.",
                days,
            )
            % {"days": days}
        )
    if state is not TokenState.VALID:
        # The same answer for a made-up link and a used one: the page tells nobody whether
        # an account exists or is confirmed.
        raise ConfirmationError(
            _(
                "This confirmation link is not valid or was already used. If you have "
                "confirmed your address, sign in; otherwise check that you copied all of "
                "the link, or ask for a new one below."
            )
        )
    user.email_confirmed_at = timezone.now()
    user.is_active = True
    user.save(update_fields=["email_confirmed_at", "is_active"])
    return user


class SecondFactorError(Exception):
    """A code that cannot be accepted; the message says why."""


class SecondFactorWait(SecondFactorError):
    """Too many wrong codes in a row: the device refuses every code until its wait is over."""


@dataclass(frozen=True)
class SecondFactorCheck:
    """A code accepted: the device that took it, and the recovery codes left."""

    device: Device
    recovery_codes_left: int

    @property
    def used_recovery_code(self) -> bool:
        return isinstance(self.device, StaticDevice)


RECOVERY_CODE_COUNT = 10
_APP_NAME = "Authenticator app"
_RECOVERY_NAME = "Recovery codes"
# What a device said to a code, decided inside the transaction and raised after it, so that
# the failure the device records (django-otp's back-off) is committed.
_ACCEPTED, _WRONG, _USED, _WAIT = "accepted", "wrong", "used", "wait"


def _token(code: str) -> str:
    """The code as the devices store it: no spaces or dashes; recovery codes in lower case."""
    return "".join(code.split()).replace("-", "").lower()


def _attempt(device: Device, token: str) -> str:
    """Try a code on a device row locked by the caller."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        return _WAIT
    if device.verify_token(token):
        return _ACCEPTED
    if isinstance(device, TOTPDevice) and token.isdigit():
        # Right for this moment but refused: its time step was already used.
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        if totp.verify(int(token), tolerance=device.tolerance):
            return _USED
    return _WRONG


def _refusal(outcome: str, device: Device | None, *, enrolling: bool = False) -> SecondFactorError:
    if outcome == _WAIT:
        return SecondFactorWait(
            _(
                "Too many wrong codes in a row. Wait a little and try again: "
                "each wrong code makes the wait longer."
            )
        )
    if device is None or isinstance(device, StaticDevice):
        return SecondFactorError(
            _(
                "That recovery code does not work: it was already used, "
                "or it is not one of your current codes."
            )
        )
    if outcome == _USED:
        return SecondFactorError(
            _("That code was already used. Wait for the next one and type it.")
        )
    if enrolling:
        return SecondFactorError(
            _("That code does not match. Check the time on your phone and type the newest code.")
        )
    return SecondFactorError(_("That code does not match. Type the newest code."))


def recovery_codes_count(*, user: User) -> int:
    """How many of the user's recovery codes are still unused."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _recovery_codes_replace(user: User) -> list[str]:
    StaticToken.objects.filter(device__user=user).delete()
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=_RECOVERY_NAME)
    codes: set[str] = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return sorted(codes)


def _check_locked(user: User, code: str) -> tuple[str, Device | None]:
    """Inside a transaction: which device the code is for (six digits: the app; anything
    else: a recovery code), locked, and what it said."""
    token = _token(code)
    app = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if app is None:
        raise SecondFactorError(_("Set up your authenticator app first."))
    if token.isdigit() and len(token) == app.digits:
        return _attempt(app, token), app
    recovery = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if recovery is None:
        return _WRONG, None
    return _attempt(recovery, token), recovery


def totp_device_start(*, user: User) -> TOTPDevice:
    """The authenticator app being set up: a device with a new key, not yet confirmed. The
    same one is shown again until its first code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_APP_NAME, confirmed=False)
    return device


def totp_device_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Enrol the app: its first code proves it holds the key. It replaces any earlier app,
    and ten new recovery codes replace any earlier ones; they are returned to be shown once."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("pk")
            .first()
        )
        if device is None:
            raise SecondFactorError(_("Set up your authenticator app first."))
        outcome = _attempt(device, _token(code))
        if outcome == _ACCEPTED:
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            return device, _recovery_codes_replace(user)
    raise _refusal(outcome, device, enrolling=True)


def second_factor_verify(*, user: User, code: str) -> SecondFactorCheck:
    """Accept a code from the app or a recovery code, each once. After a wrong one the
    device makes the user wait before it takes another, a right one included."""
    with transaction.atomic():
        outcome, device = _check_locked(user, code)
        if outcome == _ACCEPTED:
            return SecondFactorCheck(
                device=device, recovery_codes_left=recovery_codes_count(user=user)
            )
    raise _refusal(outcome, device)


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """Ten new recovery codes, returned to be shown once; the old ones stop working."""
    if not TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).exists():
        raise SecondFactorError(_("Set up your authenticator app first."))
    return _recovery_codes_replace(user)


def totp_device_remove(*, user: User, code: str) -> None:
    """Remove the app and the recovery codes, once a current code (from the app, or a
    recovery code when the phone is lost) confirms it; then a new phone can be set up."""
    with transaction.atomic():
        outcome, device = _check_locked(user, code)
        if outcome == _ACCEPTED:
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
            return
    raise _refusal(outcome, device)
