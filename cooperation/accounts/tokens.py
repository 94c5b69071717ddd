"""The e-mail confirmation token: Django's password-reset token pattern, with its own salt,
its own state and its own timeout.

The link carries the account's primary key (base64) and "<timestamp>-<HMAC>": nothing a
reader could learn the address from. The HMAC covers the account's key, address, active
flag and confirmation time, so a token stops working once it has been used (the account is
then active and confirmed) and when the address changes.
"""

import enum

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class TokenState(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "cooperation.accounts.tokens.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        # Seconds only, as Django does for last_login: some databases drop microseconds.
        confirmed_at = (
            ""
            if user.email_confirmed_at is None
            else user.email_confirmed_at.replace(microsecond=0, tzinfo=None)
        )
        # The key comes first and is digits, the fields after the address have no "|":
        # two different accounts never give the same string.
        return f"{user.pk}|{user.email}|{user.is_active}|{confirmed_at}|{timestamp}"

    def check_token(self, user, token):
        return self.state(user, token) is TokenState.VALID

    def state(self, user, token: str) -> TokenState:
        """Django's check, with EMAIL_CONFIRMATION_MAX_AGE in place of PASSWORD_RESET_TIMEOUT,
        telling an expired token (genuine, too old) from one that is not ours or no longer
        matches the account."""
        if user is None or not token:
            return TokenState.INVALID
        try:
            timestamp_b36, _hash = token.split("-")
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return TokenState.INVALID
        genuine = any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )
        if not genuine:
            return TokenState.INVALID
        age = self._num_seconds(self._now()) - timestamp
        if age > settings.EMAIL_CONFIRMATION_MAX_AGE:
            return TokenState.EXPIRED
        return TokenState.VALID


confirmation_tokens = EmailConfirmationTokenGenerator()
