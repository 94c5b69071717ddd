"""Writes in the registry of people and organisations.

Keyword-only, typed functions named <entity>_<action>. They never take a request: the web
layer passes what they need (for example the site address for links in e-mails).
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation.accounts import totp
from cooperation.accounts.roles import Role
from cooperation.accounts.tokens import TokenState, confirmation_tokens
from cooperation.models import TOTPDevice, User
from core.mail import mail_send


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
    link = site_url.rstrip("/") + email_confirmation_path(user=user)
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


def totp_device_confirm(*, user: User, secret: str, code: str, now: float) -> TOTPDevice:
    """Enrol an authenticator app: the first code proves it holds the secret."""
    step = totp.matching_step(secret, code, now)
    if step is None:
        raise SecondFactorError(
            _("That code does not match. Check the time on your phone and type the newest code.")
        )
    device, _created = TOTPDevice.objects.update_or_create(
        user=user,
        defaults={"secret": secret, "confirmed_at": timezone.now(), "last_used_step": step},
    )
    return device


def totp_verify(*, user: User, code: str, now: float) -> None:
    """Accept a code once; a code already used (or older) is refused, so it cannot be replayed."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed_at__isnull=False)
            .first()
        )
        if device is None:
            raise SecondFactorError(_("Set up your authenticator app first."))
        step = totp.matching_step(device.secret, code, now)
        if step is None:
            raise SecondFactorError(_("That code does not match. Type the newest code."))
        if step <= device.last_used_step:
            raise SecondFactorError(
                _("That code was already used. Wait for the next one and type it.")
            )
        device.last_used_step = step
        device.save(update_fields=["last_used_step"])
