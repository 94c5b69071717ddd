"""RFC 6238 appendix B test vectors (SHA-1) on django-otp's TOTP device, its acceptance
window and its set-up link."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

RFC_KEY = b"12345678901234567890"


@pytest.fixture
def rfc_device(programme_manager):
    # django-otp stores the key as hex: the RFC's ASCII secret, hex-encoded.
    return TOTPDevice.objects.create(user=programme_manager, key=RFC_KEY.hex(), digits=8)


@pytest.mark.parametrize(
    ("timestamp", "expected"),
    [
        (59, 94287082),
        (1111111109, 7081804),
        (1111111111, 14050471),
        (1234567890, 89005924),
        (2000000000, 69279037),
        (20000000000, 65353130),
    ],
)
def test_rfc_6238_vectors(rfc_device, timestamp, expected):
    totp = TOTP(rfc_device.bin_key, rfc_device.step, rfc_device.t0, rfc_device.digits)
    totp.time = timestamp
    assert totp.token() == expected


def test_codes_are_accepted_one_step_either_side_only(rfc_device):
    totp = TOTP(rfc_device.bin_key, digits=6)
    totp.time = 1_700_000_000
    step = totp.t()

    def code_at(t):
        at = TOTP(rfc_device.bin_key, digits=6)
        at.time = t * 30
        return at.token()

    for offset, accepted in [(-2, False), (-1, True), (0, True), (1, True), (2, False)]:
        assert totp.verify(code_at(step + offset), tolerance=rfc_device.tolerance) is accepted
        totp.drift = 0


def test_the_device_refuses_the_same_code_twice(programme_manager):
    device = TOTPDevice.objects.create(user=programme_manager)
    code = TOTP(device.bin_key).token()
    assert device.verify_token(code) is True
    device.throttle_reset()
    assert device.verify_token(code) is False


def test_the_set_up_link_names_the_issuer_and_the_account(rfc_device):
    url = rfc_device.config_url
    assert url.startswith("otpauth://totp/CSA%20Cooperation%3A")
    assert rfc_device.user.email.replace("@", "%40") in url
    assert "secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" in url
    assert "issuer=CSA%20Cooperation" in url
