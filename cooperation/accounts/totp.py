"""Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30-second steps).

Pure functions: the secret and the clock are arguments, so the RFC's test vectors apply.
"""

import base64
import hashlib
import hmac
import secrets
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
# Codes from one step before or after are accepted, for clocks that drift a little.
DRIFT_STEPS = 1


def new_secret() -> str:
    """A random 160-bit secret, base32 without padding, as authenticator apps expect."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _key(secret: str) -> bytes:
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded)


def code_at(secret: str, step: int, digits: int = DIGITS) -> str:
    mac = hmac.new(_key(secret), step.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def step_of(timestamp: float) -> int:
    return int(timestamp // STEP_SECONDS)


def matching_step(secret: str, code: str, timestamp: float) -> int | None:
    """The time step the code belongs to, or None if it matches none near `timestamp`."""
    code = "".join(code.split())
    if not code.isdigit() or len(code) != DIGITS:
        return None
    now = step_of(timestamp)
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if hmac.compare_digest(code_at(secret, step), code):
            return step
    return None


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    label = quote(f"{issuer}:{account}")
    query = urlencode({"secret": secret, "issuer": issuer, "digits": DIGITS, "period": 30})
    return f"otpauth://totp/{label}?{query}"
