import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from cooperation.accounts.roles import Role
from tests.cooperation.factories import UserFactory


@pytest.fixture(autouse=True)
def _english_first():
    """Every test starts in English: a French request activates French in its thread, and
    `reverse` would then give the next test French addresses (/fr/…)."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache (pages and querysets may cache)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def production_cache(settings, db):
    """The production cache (a table in the database, config/settings/production.py) and
    DEBUG off."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "csa_cache",
        }
    }
    settings.DEBUG = False
    call_command("createcachetable", verbosity=0)
    return settings


@pytest.fixture
def make_user(db):
    """Make an active, confirmed user holding the given roles."""

    def make(*roles, **fields):
        user = UserFactory(**fields)
        for role in roles:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def applicant(make_user):
    return make_user(Role.APPLICANT)


@pytest.fixture
def programme_manager(make_user):
    return make_user(Role.PROGRAMME_MANAGER)


@pytest.fixture
def secretariat(make_user):
    return make_user(Role.FORUM_SECRETARIAT)


@pytest.fixture
def editor(make_user):
    return make_user(Role.EDITOR)


@pytest.fixture
def expert(make_user):
    return make_user(Role.EXPERT)
