"""Defaults of the eligible countries (funding.calls.models.countries) for a new programme,
and for the programmes that existed when the table was added (migration 0009).

Every programme starts with the 27 Member States, without the Member States that do not
take part in it; a programme whose code is listed in ASSOCIATED also starts with its
Associated Countries. Programme managers then keep the list in the admin: these are only
the starting rows.
"""

import datetime as dt

# ISO 3166-1 codes (Greece is GR, not the EU's "EL").
MEMBER_STATES = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
)  # fmt: skip

# Programme codes (Programme.code) and the Member States that do not take part.
NOT_TAKING_PART = {
    "ISFP": frozenset({"DK"}),  # ISF-Police: every Member State but Denmark
    "ISF": frozenset({"DK"}),
}

_2021 = dt.date(2021, 1, 1)
# Horizon Europe's Associated Countries and the date from which each is associated.
# UNVERIFIED: plausible demo data (DOMAIN.md); check each date against the Commission's list
# of associated countries and correct it in the admin.
ASSOCIATED = {
    "HORIZON": (
        ("NO", _2021), ("IS", _2021), ("IL", _2021), ("AL", _2021), ("BA", _2021),
        ("ME", _2021), ("MK", _2021), ("RS", _2021), ("TR", _2021), ("UA", _2021),
        ("MD", _2021), ("GE", _2021), ("AM", _2021), ("TN", _2021), ("FO", _2021),
        ("GB", dt.date(2024, 1, 1)), ("NZ", dt.date(2024, 1, 1)),
        ("CA", dt.date(2024, 7, 1)), ("CH", dt.date(2025, 1, 1)), ("KR", dt.date(2025, 1, 1)),
    ),
}  # fmt: skip

ASSOCIATED_NOTE = "Unverified demo data: check the date against the Commission's list."

# The values of funding.calls.models.countries.CountryKind (this module is plain data, read
# by a migration too).
MEMBER_STATE, ASSOCIATED_COUNTRY = "member_state", "associated"


def default_rows(programme_code: str) -> list[tuple[str, str, dt.date | None, str]]:
    """(country, kind, valid from, note) of a programme's starting rows; none has an end."""
    absent = NOT_TAKING_PART.get(programme_code, frozenset())
    rows = [(code, MEMBER_STATE, None, "") for code in MEMBER_STATES if code not in absent]
    rows += [
        (code, ASSOCIATED_COUNTRY, start, ASSOCIATED_NOTE)
        for code, start in ASSOCIATED.get(programme_code, ())
    ]
    return rows
