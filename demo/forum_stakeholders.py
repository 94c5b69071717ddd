# ruff: noqa: E501
"""Demo tables of the forum's registry: stakeholders of the EU Internet Forum and WeProtect, and
their contact people (read by demo.forum)."""

import datetime as dt

from cooperation.forum.models.stakeholders import StakeholderCategory as C
from cooperation.forum.models.stakeholders import WeProtectCategory as W

D = dt.date

CONTACT_EMAIL = "contact@demo.example.eu"
D = dt.date

# (legal name, short name, country, website, category, WeProtect since, WeProtect category,
#  board seat, EU Internet Forum since)
NEW_STAKEHOLDERS = [
    (
        "TikTok Technology Limited",
        "TikTok",
        "IE",
        "https://www.tiktok.com",
        C.TECHNOLOGY_COMPANY,
        None,
        "",
        False,
        D(2021, 12, 8),
    ),
    (
        "Twitch Interactive, Inc.",
        "Twitch",
        "US",
        "https://www.twitch.tv",
        C.TECHNOLOGY_COMPANY,
        None,
        "",
        False,
        D(2021, 12, 8),
    ),
    (
        "Twelve App SAS (Yubo)",
        "Yubo",
        "FR",
        "https://www.yubo.live",
        C.TECHNOLOGY_COMPANY,
        D(2021, 3, 1),
        W.TECHNOLOGY,
        False,
        D(2021, 12, 8),
    ),
    (
        "Discord Inc.",
        "Discord",
        "US",
        "https://discord.com",
        C.TECHNOLOGY_COMPANY,
        D(2021, 6, 1),
        W.TECHNOLOGY,
        False,
        D(2021, 12, 8),
    ),
    (
        "Meta Platforms Ireland Limited",
        "Meta",
        "IE",
        "https://about.meta.com",
        C.TECHNOLOGY_COMPANY,
        D(2016, 1, 1),
        W.TECHNOLOGY,
        True,
        D(2019, 12, 1),
    ),
    (
        "Google Ireland Limited",
        "Google",
        "IE",
        "https://about.google",
        C.TECHNOLOGY_COMPANY,
        D(2016, 1, 1),
        W.TECHNOLOGY,
        True,
        D(2019, 12, 1),
    ),
    (
        "Microsoft Ireland Operations Limited",
        "Microsoft",
        "IE",
        "https://www.microsoft.com",
        C.TECHNOLOGY_COMPANY,
        D(2016, 1, 1),
        W.TECHNOLOGY,
        False,
        D(2019, 12, 1),
    ),
    (
        "ECPAT International",
        "ECPAT",
        "TH",
        "https://ecpat.org",
        C.CIVIL_SOCIETY,
        D(2016, 1, 1),
        W.CIVIL_SOCIETY,
        True,
        D(2019, 12, 1),
    ),
    (
        "Missing Children Europe",
        "MCE",
        "BE",
        "https://missingchildreneurope.eu",
        C.CIVIL_SOCIETY,
        D(2018, 1, 1),
        W.CIVIL_SOCIETY,
        False,
        D(2019, 12, 1),
    ),
    (
        "Bundesministerium des Innern und für Heimat",
        "BMI DE",
        "DE",
        "https://www.bmi.bund.de",
        C.GOVERNMENT,
        D(2016, 1, 1),
        W.GOVERNMENT,
        False,
        D(2019, 12, 1),
    ),
    (
        "Ministère de l'Intérieur",
        "MI FR",
        "FR",
        "https://www.interieur.gouv.fr",
        C.GOVERNMENT,
        D(2016, 1, 1),
        W.GOVERNMENT,
        False,
        D(2019, 12, 1),
    ),
    (
        "Council of Europe",
        "CoE",
        "FR",
        "https://www.coe.int",
        C.REGIONAL,
        D(2016, 1, 1),
        W.REGIONAL,
        False,
        None,
    ),
]
# Organisations of the registry (demo.people) that are also stakeholders.
EXISTING_STAKEHOLDERS = [
    ("Politie NL", C.LAW_ENFORCEMENT, D(2016, 1, 1), W.GOVERNMENT, False, D(2019, 12, 1)),
    ("Fed. Police BE", C.LAW_ENFORCEMENT, None, "", False, D(2019, 12, 1)),
    ("Europol", C.INTERNATIONAL, D(2016, 1, 1), W.INTERNATIONAL, True, D(2015, 12, 3)),
    ("INHOPE", C.CIVIL_SOCIETY, D(2016, 1, 1), W.CIVIL_SOCIETY, False, D(2019, 12, 1)),
    ("MIR ES", C.GOVERNMENT, D(2016, 1, 1), W.GOVERNMENT, False, D(2019, 12, 1)),
    ("INCIBE", C.GOVERNMENT, None, "", False, D(2021, 1, 25)),
]
# (stakeholder short name, name, role, e-mail)
CONTACTS = [
    ("TikTok", "Aoife Byrne", "Head of child safety policy, EMEA", CONTACT_EMAIL),
    ("Meta", "Lars Eriksen", "Public policy manager", "l.eriksen@meta.demo.example.eu"),
    ("ECPAT", "Sirinya Chai", "Programme officer", "s.chai@ecpat.demo.example.eu"),
    ("INHOPE", "Marta Kowalska", "Network relations", "m.kowalska@inhope.demo.example.eu"),
    ("Europol", "Johan Lindqvist", "EC3 analyst", "j.lindqvist@europol.demo.example.eu"),
    (
        "Politie NL",
        "Sanne Bakker",
        "Team lead, online child abuse",
        "s.bakker@politie.demo.example.eu",
    ),
]
