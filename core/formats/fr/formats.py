"""The project's French formats (`settings.FORMAT_MODULE_PATH`), read before Django's own:
"12 janvier 2027", "12 janvier 2027 à 17:00" and, in dense tables, "12 jan. 2027"; the
thousands are separated by a narrow no-break space, as French typography writes them
("6 000 000 €"). Input formats stay Django's.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y à H:i"
SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
TIME_FORMAT = "H:i"
THOUSAND_SEPARATOR = "\u202f"
