"""Demo tables of the portfolio: the seven real projects of DOMAIN.md with their partners, and
the words the generated projects are made of (read by demo.portfolio)."""

import datetime as dt
from decimal import Decimal

from cooperation.organisations.models import OrganisationType

T = OrganisationType
# Partners named in DOMAIN.md that cooperation/demo.py does not create.
EXTRA_ORGANISATIONS = [
    ("European Forensic Agency (demo)", "EFA", "SI", T.PUBLIC_BODY),
    ("Fundación Vicomtech", "Vicomtech", "ES", T.RESEARCH),
    ("Policía Nacional (Spanish National Police)", "Policía Nacional", "ES", T.PUBLIC_BODY),
    ("Polizia di Stato (Italian State Police)", "Polizia di Stato", "IT", T.PUBLIC_BODY),
    ("Bundeskriminalamt (German Federal Criminal Police)", "BKA", "DE", T.PUBLIC_BODY),
    ("Garda Síochána (Irish National Police)", "Garda", "IE", T.PUBLIC_BODY),
]

# acronym, title, programme, grant number, call or topic text, start, end, total cost,
# EU contribution, coordinator, partners
REAL_PROJECTS = [
    (
        "AviaTor",
        "Augmented Visual Intelligence and Targeted Online Research",
        "ISFP",
        "821964",
        "ISFP-2017-AG-CYBER",
        dt.date(2019, 1, 1),
        dt.date(2023, 12, 31),
        Decimal("1650000.00"),
        Decimal("1485000.00"),
        "Politie NL",
        ["Fed. Police BE", "ZiuZ", "Web-IQ", "DFKI", "INHOPE"],
    ),
    (
        "4NSEEK",
        "Forensic Against Sexual Exploitation of Children",
        "ISFP",
        "821966",
        "ISFP-2017-AG-CYBER",
        dt.date(2019, 1, 1),
        dt.date(2021, 6, 30),
        Decimal("1100000.00"),
        Decimal("990000.00"),
        "INCIBE",
        ["MIR ES", "Malta Police", "ULE", "UM", "RUG", "APAV"],
    ),
    (
        "VERBUM_SAT",
        "Forensic statement analysis for child victims",
        "ISFP",
        "823820",
        "",
        dt.date(2019, 5, 1),
        dt.date(2021, 4, 30),
        Decimal("640000.00"),
        Decimal("576000.00"),
        "UL FF",
        ["EFA", "Child Protection Centre Zagreb", "Brave Phone"],
    ),
    (
        "ASGARD",
        "Analysis System for Gathered Raw Data",
        "H2020",
        "700381",
        "SEC-12-FCT-2016-2017",
        dt.date(2016, 9, 1),
        dt.date(2020, 11, 30),
        Decimal("12042188.75"),
        Decimal("12042188.75"),
        "Vicomtech",
        ["CERTH", "KEMEA", "INOV", "Policía Nacional"],
    ),
    (
        "GRACE",
        "Global Response Against Child Exploitation",
        "H2020",
        "883341",
        "SU-FCT-02-2019",
        dt.date(2020, 6, 1),
        dt.date(2023, 5, 31),
        Decimal("6823512.50"),
        Decimal("6823512.50"),
        "Vicomtech",
        ["Europol", "INOV", "CENTRIC", "Polizia di Stato", "BKA", "Garda", "Politie NL"],
    ),
    (
        "LOCARD",
        "Lawful evidence collecting and continuity platform development",
        "H2020",
        "832735",
        "SU-FCT-03-2018-2019-2020",
        dt.date(2019, 5, 1),
        dt.date(2022, 4, 30),
        Decimal("6993875.00"),
        Decimal("6993875.00"),
        "KEMEA",
        ["CERTH", "UM", "INOV", "Fed. Police BE"],
    ),
    (
        "INSPECTr",
        "Intelligence Network and Secure Platform for Evidence Correlation and Transfer",
        "H2020",
        "833276",
        "SU-FCT-02-2018-2019-2020",
        dt.date(2019, 9, 1),
        dt.date(2022, 8, 31),
        Decimal("6996143.75"),
        Decimal("6996143.75"),
        "UCD-CCI",
        ["Garda", "KEMEA", "DFKI", "Europol"],
    ),
]

WORDS = [
    "SAFE",
    "SHIELD",
    "TRACE",
    "GUARD",
    "CLEAR",
    "PROTECT",
    "VICTIM",
    "LENS",
    "FORTIS",
    "NEXUS",
    "AEGIS",
    "HELIX",
    "ORBIT",
    "BEACON",
]
THEMES = [
    "victim identification in online child sexual abuse material",
    "prevention programmes for people who fear they may offend",
    "lawful evidence collection in undercover online investigations",
    "hotline cooperation and takedown of abuse material",
    "forensic triage of seized devices",
    "training of law enforcement and the judiciary",
    "support to child victims during criminal proceedings",
    "detection of grooming in online platforms",
]
DELIVERABLE_TITLES = [
    "Project management handbook",
    "Data management plan",
    "Requirements and use cases",
    "Ethics and legal framework",
    "First prototype",
    "Pilot evaluation report",
    "Training curriculum",
    "Final dissemination report",
]
