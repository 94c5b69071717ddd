"""The project's English formats (`settings.FORMAT_MODULE_PATH`), read before Django's own:
"12 January 2027", "12 January 2027, 17:00" and, in dense tables, "12 Jan 2027". Only what
differs from Django's "en" is here; every other format (input formats, numbers) is Django's.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
