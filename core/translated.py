"""Texts people write in two languages. A translatable field `title` has a companion
`title_fr` (blank until someone writes the French); the English is the text of record.
`localized` gives the text in the reader's language, falling back to the English — and
says so, so the page can mark it and give it `lang="en"`.

Why not django-modeltranslation: it makes `title` itself follow the active language, for
reads, writes, filters and ordering alike. In this project a French-speaking manager's
form would then write the French column through the English field's name, a French
search would miss every record not yet translated, and every existing query would change
meaning with the visitor's language. An explicit companion field and one accessor keep
the English the record and the French an addition, with nothing rewritten."""

from collections.abc import Mapping

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

FRENCH = "fr"


class Localized(str):
    """A text as shown: `language` it is written in; `fallback` when the reader's
    language has no text yet and the English stands in."""

    language: str
    fallback: bool

    def __new__(cls, text: str, *, language: str, fallback: bool = False):
        shown = super().__new__(cls, text or "")
        shown.language = language
        shown.fallback = fallback
        return shown


def _reading(language: str | None) -> str:
    """The language a text is read in: `language`, else the active one ('fr-be' → 'fr')."""
    return (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]


def french_name(name: str) -> str:
    return f"{name}_{FRENCH}"


def localized_field(path: str, language: str | None = None):
    """The database expression of `path` ('programme__name') in `language`: its French
    companion where written, else the English — for grouped queries that label rows."""
    language = _reading(language)
    if language != FRENCH:
        return F(path)
    return Coalesce(NullIf(F(french_name(path)), Value("")), F(path))


def _text(obj, name: str) -> str:
    value = obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, "")
    return str(value or "")


class LocalizedList(list):
    """A list of texts as shown (a block's list of key actions), with `language` and
    `fallback` as for one text."""

    def __init__(self, items, *, language: str, fallback: bool = False):
        super().__init__(items)
        self.language = language
        self.fallback = fallback


def localized_list(obj: Mapping, name: str, language: str | None = None) -> LocalizedList:
    """A block's list `name` in `language`: its `<name>_fr` list where one is written."""
    english = [str(item) for item in obj.get(name) or []]
    language = _reading(language)
    french = [str(item) for item in obj.get(french_name(name)) or [] if item]
    if language == FRENCH and french:
        return LocalizedList(french, language=FRENCH)
    fallback = language == FRENCH and bool(english)
    return LocalizedList(english, language=settings.LANGUAGE_CODE, fallback=fallback)


def localized(obj, name: str, language: str | None = None) -> Localized:
    """`obj.<name>` (a record, a page, or a block's value) in `language` (the active one
    by default), the English where the French is not written yet."""
    english = _text(obj, name)
    language = _reading(language)
    if language != FRENCH:
        return Localized(english, language=settings.LANGUAGE_CODE)
    french = _text(obj, french_name(name))
    if french:
        return Localized(french, language=FRENCH)
    return Localized(english, language=settings.LANGUAGE_CODE, fallback=bool(english))
