# ruff: noqa: E501
"""Demo tables of the forum's work: workstreams, the 6th and 7th ministerial meetings,
commitments at every completion level (due dates in days relative to today) and Model National
Response assessments (read by demo.forum)."""

import datetime as dt

D = dt.date

# (name, forum, initiative, lead, public, description, members [(short name, role)])
WORKSTREAMS = [
    (
        "EU Internet Forum — child sexual abuse strand",
        "eu_internet_forum",
        7,
        "Europol",
        True,
        "Ministers, technology companies and Europol working together against child sexual abuse online, since 2019.",
        [
            ("Europol", "lead"),
            ("TikTok", "member"),
            ("Twitch", "member"),
            ("Yubo", "member"),
            ("Discord", "member"),
            ("Meta", "member"),
            ("Google", "member"),
            ("Microsoft", "member"),
            ("INHOPE", "observer"),
            ("Politie NL", "observer"),
            ("BMI DE", "observer"),
            ("MI FR", "observer"),
        ],
    ),
    (
        "Technical expert process: detection in end-to-end encrypted communications",
        "eu_internet_forum",
        7,
        "Europol",
        True,
        "Experts from industry, academia and law enforcement mapping technical solutions to detect child sexual abuse in end-to-end encrypted communications; outcome presented at the 6th ministerial meeting.",
        [
            ("Europol", "lead"),
            ("Meta", "member"),
            ("Google", "member"),
            ("Microsoft", "member"),
            ("Politie NL", "member"),
        ],
    ),
    (
        "Prevention network — practice working group: law enforcement and judiciary",
        "prevention_network",
        5,
        "Fed. Police BE",
        True,
        "Practitioners of law enforcement, the judiciary and prisons exchanging prevention practice.",
        [("Fed. Police BE", "lead"), ("Politie NL", "member"), ("MIR ES", "member")],
    ),
    (
        "Prevention network — programme: people who fear they may offend",
        "prevention_network",
        5,
        "MCE",
        True,
        "Programmes for offenders and people who fear they may offend, reviewed for effectiveness.",
        [("MCE", "lead"), ("ECPAT", "member"), ("INCIBE", "observer")],
    ),
    (
        "WeProtect Global Alliance — Model National Response uptake",
        "weprotect",
        8,
        "ECPAT",
        True,
        "Supporting countries to put the Model National Response capabilities in place.",
        [("ECPAT", "lead"), ("BMI DE", "member"), ("MI FR", "member"), ("CoE", "observer")],
    ),
    (
        "EU centre preparation — victim support and hotlines",
        "eu_centre",
        6,
        "INHOPE",
        False,
        "Preparing the European centre to prevent and counter child sexual abuse.",
        [("INHOPE", "lead"), ("MCE", "member")],
    ),
]
EUIF = WORKSTREAMS[0][0]
E2EE = WORKSTREAMS[1][0]
EU_CENTRE = WORKSTREAMS[5][0]
# Where each workstream stands in its lifecycle (proposed → active → closed), reached through
# the workflow: (status, reason of the last change). Any workstream not listed is active.
WORKSTREAM_STATUSES = {
    EU_CENTRE: ("proposed", ""),
    E2EE: (
        "closed",
        "Mandate fulfilled: the outcome was presented at the 6th ministerial meeting (January 2021).",
    ),
}
# (workstream, title, kind, date, place, online, attendance [(short name, status)])
MEETINGS = [
    (
        EUIF,
        "6th EU Internet Forum ministerial meeting",
        "ministerial",
        D(2021, 1, 25),
        "",
        True,
        "Outcome of the technical expert process on detection in end-to-end encrypted communications.",
        [
            ("Europol", "present"),
            ("Meta", "present"),
            ("Google", "present"),
            ("Microsoft", "present"),
            ("Politie NL", "present"),
            ("BMI DE", "present"),
            ("MI FR", "excused"),
            ("INHOPE", "absent"),
        ],
    ),
    (
        EUIF,
        "7th EU Internet Forum ministerial meeting",
        "ministerial",
        D(2021, 12, 8),
        "",
        True,
        "Protecting children online; TikTok, Twitch, Yubo and Discord join the Forum.",
        [
            ("Europol", "present"),
            ("TikTok", "present"),
            ("Twitch", "present"),
            ("Yubo", "present"),
            ("Discord", "present"),
            ("Meta", "present"),
            ("Google", "present"),
            ("Microsoft", "excused"),
            ("INHOPE", "present"),
            ("Politie NL", "absent"),
        ],
    ),
]
SIXTH, SEVENTH = MEETINGS[0][1], MEETINGS[1][1]
# Start times (Brussels) and what the secretariat published after the meeting.
MEETING_START = {SIXTH: dt.time(14, 0), SEVENTH: dt.time(10, 30)}
MEETING_MINUTES = {SEVENTH: "7th-eu-internet-forum-minutes.pdf"}
MEETING_SUMMARIES = {
    SEVENTH: (
        "Ministers of the interior, the European Commission and technology companies met online "
        "to step up the protection of children online. TikTok, Twitch, Yubo and Discord joined "
        "the Forum's work against child sexual abuse. Participating companies committed to "
        "detect known child sexual abuse material on more of their services, to report to the "
        "competent authorities faster, and to share their progress with the Forum at its next "
        "meeting."
    ),
}
# (owner, workstream, meeting, title, due in days, public, milestones [(title, due in days, done in days or None)],
#  updates [(kind, days ago, completion, early results, narrative)])
COMMITMENTS = [
    (
        "TikTok",
        EUIF,
        SEVENTH,
        "Hash-matching of known child sexual abuse material on all uploads",
        -60,
        True,
        [("Pilot on video uploads", -200, -190), ("Roll-out to every upload type", -70, -75)],
        [
            (
                "self_report",
                90,
                "substantial",
                "major",
                "Hash-matching covers video and images; live streams follow.",
            ),
            (
                "assessment",
                40,
                "complete",
                "major",
                "Verified with the transparency report: every upload type is matched.",
            ),
        ],
    ),
    (
        "Twitch",
        EUIF,
        SEVENTH,
        "Proactive detection of grooming in live-stream chat",
        -30,
        True,
        [("Classifier trained on labelled chat", -120, None)],
        [
            (
                "self_report",
                45,
                "limited",
                "marginal",
                "Classifier in test on English-language chat.",
            )
        ],
    ),
    (
        "Yubo",
        EUIF,
        SEVENTH,
        "Age assurance for every new account",
        10,
        True,
        [("Age estimation supplier selected", -40, -45), ("Age assurance live in the EU", 5, None)],
        [
            (
                "self_report",
                20,
                "substantial",
                "major",
                "Age estimation is live for new accounts in 12 Member States.",
            ),
            (
                "assessment",
                10,
                "limited",
                "marginal",
                "Coverage confirmed in 4 Member States only; the rest is planned.",
            ),
        ],
    ),
    (
        "Discord",
        EUIF,
        SEVENTH,
        "Publish a transparency report on child-safety enforcement twice a year",
        120,
        True,
        [("First report published", 30, None)],
        [("self_report", 5, "not_started", "", "Drafting starts next quarter.")],
    ),
    (
        "Meta",
        E2EE,
        "",
        "Share research on detection in end-to-end encrypted messaging with the expert process",
        -10,
        True,
        [],
        [
            (
                "assessment",
                100,
                "no_evidence",
                "",
                "No material has been shared with the secretariat yet.",
            )
        ],
    ),
    (
        "Google",
        E2EE,
        "",
        "Open-source the CSAI Match evaluation dataset description for researchers",
        200,
        True,
        [("Legal review", 60, None)],
        [],
    ),
    (
        "Microsoft",
        EUIF,
        SIXTH,
        "Extend PhotoDNA licensing to small platforms free of charge",
        -400,
        True,
        [],
        [
            (
                "assessment",
                380,
                "complete",
                "outstanding",
                "Free licences granted to more than 200 small platforms.",
            )
        ],
    ),
    (
        "Politie NL",
        "Prevention network — practice working group: law enforcement and judiciary",
        "",
        "Train first responders on trauma-informed interviews of child victims",
        45,
        True,
        [("Curriculum agreed", -20, -25), ("First two cohorts trained", 30, None)],
        [
            (
                "assessment",
                15,
                "substantial",
                "major",
                "Curriculum adopted; first cohort trained in March.",
            )
        ],
    ),
    (
        "MCE",
        "Prevention network — programme: people who fear they may offend",
        "",
        "Map help-lines for people who fear they may offend in every Member State",
        -5,
        True,
        [("Questionnaire sent to Member States", -90, -95)],
        [("self_report", 30, "limited", "no_change", "18 of 27 Member States answered.")],
    ),
    (
        "ECPAT",
        "WeProtect Global Alliance — Model National Response uptake",
        "",
        "Support five countries with a Model National Response gap analysis",
        90,
        False,
        [("Gap analysis method published", -30, -31)],
        [("assessment", 20, "limited", "marginal", "Two of five gap analyses under way.")],
    ),
]
# (country, capability, status, date, evidence)
MNR = [
    ("NL", 1, "in_place", D(2022, 5, 1), "National coordinator on child sexual abuse."),
    (
        "NL",
        4,
        "in_place",
        D(2022, 5, 1),
        "Team Bestrijding Kinderpornografie en Kindersekstoerisme.",
    ),
    ("NL", 12, "in_place", D(2022, 5, 1), "Offlimits (INHOPE member hotline)."),
    ("NL", 15, "developing", D(2021, 3, 1), "Stop it Now! pilot."),
    ("NL", 15, "in_place", D(2023, 3, 1), "Stop it Now! helpline funded nationally."),
    ("BE", 4, "in_place", D(2022, 6, 1), "Federal Judicial Police child abuse unit."),
    ("BE", 12, "in_place", D(2022, 6, 1), "Child Focus hotline."),
    ("BE", 14, "not_in_place", D(2022, 6, 1), ""),
    (
        "ES",
        3,
        "in_place",
        D(2022, 4, 1),
        "Organic Law 8/2021 on the protection of children against violence.",
    ),
    ("ES", 7, "developing", D(2022, 4, 1), "Connection to Interpol ICSE being extended."),
    ("ES", 17, "unknown", D(2022, 4, 1), ""),
    ("DE", 2, "in_place", D(2022, 9, 1), "Independent Commissioner for Child Sexual Abuse Issues."),
    ("DE", 11, "in_place", D(2022, 9, 1), "Nummer gegen Kummer."),
    ("FR", 13, "developing", D(2022, 10, 1), "School programme under review."),
    ("FR", 20, "not_in_place", D(2022, 10, 1), ""),
]
