"""RFC 6238 appendix B test vectors (SHA-1), and the acceptance window."""

import base64

import pytest

from cooperation.accounts import totp

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("timestamp", "expected"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_rfc_6238_vectors(timestamp, expected):
    assert totp.code_at(RFC_SECRET, totp.step_of(timestamp), digits=8) == expected


def test_codes_are_accepted_one_step_either_side_only():
    secret = totp.new_secret()
    now = 1_700_000_000
    step = totp.step_of(now)
    assert totp.matching_step(secret, totp.code_at(secret, step), now) == step
    assert totp.matching_step(secret, totp.code_at(secret, step - 1), now) == step - 1
    assert totp.matching_step(secret, totp.code_at(secret, step + 1), now) == step + 1
    assert totp.matching_step(secret, totp.code_at(secret, step - 2), now) is None
    assert totp.matching_step(secret, "12345", now) is None
    assert totp.matching_step(secret, "abcdef", now) is None


def test_provisioning_uri_names_the_issuer_and_account():
    uri = totp.provisioning_uri("ABCDEF", account="pm@example.eu", issuer="CSA Cooperation")
    assert uri.startswith("otpauth://totp/CSA%20Cooperation%3Apm%40example.eu?")
    assert "secret=ABCDEF" in uri and "issuer=CSA+Cooperation" in uri
