"""What a link in an e-mail would tell someone who reads it: every part of its path,
base64-decoded the way signed values and JSON web tokens are encoded."""

import base64
import binascii
import json
import re
from urllib.parse import unquote, urlsplit


def decoded_parts(link: str) -> list[str]:
    """The path's segments and their ':' / '.' pieces, each as text and base64-decoded."""
    found = []
    for segment in unquote(urlsplit(link).path).split("/"):
        for piece in {segment, *re.split(r"[:.]", segment)}:
            if not piece:
                continue
            found.append(piece)
            try:
                raw = base64.urlsafe_b64decode(piece + "=" * (-len(piece) % 4))
            except (binascii.Error, ValueError):
                continue
            found.append(raw.decode("latin-1"))
    return found


def assert_carries_no_personal_data(link: str, email: str) -> None:
    local_part = email.split("@")[0].lower()
    for part in decoded_parts(link):
        lowered = part.lower()
        assert email.lower() not in lowered and local_part not in lowered, part
        assert not _is_json(part), f"a JSON payload in the link: {part!r}"


def _is_json(text: str) -> bool:
    """Whether the text starts with a JSON object or array that holds something."""
    try:
        value, _end = json.JSONDecoder().raw_decode(text.lstrip())
    except ValueError:
        return False
    return isinstance(value, dict | list) and len(value) > 0
