import pytest
from django.contrib.auth import authenticate

from cooperation.models import User

pytestmark = pytest.mark.django_db


def test_email_is_the_login_and_is_stored_lower_case():
    user = User.objects.create_user(email="Anna.De.Vries@Politie.NL", password="x-long-password")
    assert user.email == "anna.de.vries@politie.nl"
    assert User.USERNAME_FIELD == "email"
    assert not hasattr(user, "username") or user.username is None


def test_sign_in_ignores_the_case_of_the_email(rf):
    User.objects.create_user(email="lucia@incibe.es", password="x-long-password")
    # The lock-out (django-axes) needs the request of every sign-in.
    request = rf.post("/accounts/login/")
    assert authenticate(request, username="LUCIA@incibe.es", password="x-long-password")
    assert authenticate(request, username="lucia@incibe.es", password="wrong") is None
    assert authenticate(request, username="nobody@incibe.es", password="x-long-password") is None


def test_email_is_unique_whatever_the_case():
    User.objects.create_user(email="a@example.eu", password="p")
    with pytest.raises(Exception):  # noqa: B017 - the database refuses the duplicate
        User.objects.create_user(email="A@EXAMPLE.EU", password="p")


def test_superuser_is_staff():
    admin = User.objects.create_superuser(email="root@example.eu", password="p")
    assert admin.is_superuser and admin.is_staff
