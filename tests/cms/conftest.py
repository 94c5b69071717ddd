from tests.cms.factories import call_index, home  # noqa: F401
