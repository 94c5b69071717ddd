"""File names as people give them, made safe to store and to send back.

Names keep the letters and digits of every script of the Union's languages (NFC), spaces and
`-_.`; path separators, control and bidirectional-override characters go; the extension is
kept in lower case; the length fits a database column and one path segment of any file
system. Downloads carry the name in UTF-8 and an ASCII fallback (`ascii_filename`).
"""

import unicodedata

# A stored name fits a database column in characters and one path segment of any file
# system (255 bytes on ext4, NTFS, APFS) in UTF-8 bytes, with room left for the storage's
# own suffix when a name is taken.
MAX_NAME_CHARS = 100
MAX_NAME_BYTES = 200
_MAX_EXTENSION_CHARS = 8
_KEPT_PUNCTUATION = frozenset("-_.")
_TRIMMED = " .-_"
# Latin letters of the Union's languages that have no decomposition into an ASCII letter
# and an accent, for the ASCII fallback of a download name.
_ASCII_LETTERS = str.maketrans(
    {
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ħ": "h", "Ħ": "H",
        "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
        "Þ": "Th", "ð": "d", "Ð": "D",
    }
)  # fmt: skip


def _safe_characters(name: str) -> str:
    """Letters (with their accents), digits, spaces and `-_.`; other visible characters
    become a space; control, format (bidirectional overrides, zero-width) and unassigned
    characters go."""
    kept: list[str] = []
    for character in name:
        category = unicodedata.category(character)
        if character.isspace():
            kept.append(" ")
        elif category[0] == "L" or category == "Nd" or character in _KEPT_PUNCTUATION:
            kept.append(character)
        elif category[0] == "M":
            # An accent belongs to the letter before it; alone it is dropped.
            if kept and kept[-1] != " ":
                kept.append(character)
        elif category[0] == "C":
            continue
        else:
            kept.append(" ")
    return " ".join("".join(kept).split())


def _fit(stem: str, suffix: str) -> str:
    """The stem shortened until stem and suffix fit MAX_NAME_CHARS and MAX_NAME_BYTES."""
    stem = stem[: MAX_NAME_CHARS - len(suffix)]
    while stem and len((stem + suffix).encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem.strip(_TRIMMED)


def sanitise_filename(name: str | None) -> str:
    """A file name that is safe to store and to send, in any script.

    Composed (NFC); no directory; letters of every alphabet with their accents, digits,
    spaces, `-`, `_` and `.`, nothing else (no control or bidirectional characters, no
    shell or path characters); the extension kept and lower-cased; at most MAX_NAME_CHARS
    characters and MAX_NAME_BYTES bytes in UTF-8; never an empty stem (then `file`).
    """
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", _safe_characters(name)).rstrip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot or not extension.isalnum() or len(extension) > _MAX_EXTENSION_CHARS:
        stem, extension = name, ""
    suffix = f".{extension.lower()}" if extension else ""
    return (_fit(stem.strip(_TRIMMED), suffix) or "file") + suffix


def ascii_filename(name: str) -> str:
    """The name as near as ASCII allows (accents dropped, `ł` as `l`), for the clients
    that read only the plain `filename` of a download; `file` when nothing is left."""
    folded = unicodedata.normalize("NFKD", sanitise_filename(name).translate(_ASCII_LETTERS))
    return sanitise_filename(folded.encode("ascii", "ignore").decode("ascii"))
