"""The language in the address: English pages are unprefixed, French ones under `/fr/`
(Django's `i18n_patterns` with `prefix_default_language=False`, config/urls.py). These
helpers put a site path into a language and take it out again, and name a page's
addresses in every language for `hreflang`."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_from_path


def language_prefix(language: str | None = None) -> str:
    """'' for the default language, '/fr' for French: what precedes a path in `language`."""
    language = language or get_language() or settings.LANGUAGE_CODE
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def unprefixed_path(path: str) -> str:
    """`path` without its language prefix ('/fr/calls/' → '/calls/')."""
    language = get_language_from_path(path)
    if language and language != settings.LANGUAGE_CODE and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


def localized_path(path: str, language: str | None = None) -> str:
    """A site path written in English ('/calls/') in `language` (the active one by default)."""
    return language_prefix(language) + unprefixed_path(path)


def alternate_paths(path: str) -> list[tuple[str, str]]:
    """(language, path) for the page at `path` in each of the site's languages."""
    return [(code, translate_url(path, code)) for code, _name in settings.LANGUAGES]
