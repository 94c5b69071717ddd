# ruff: noqa: E501
"""Demo data of the forum secretariat: stakeholders of the EU Internet Forum and WeProtect,
workstreams, the 6th and 7th ministerial meetings, commitments at every completion level
(due dates relative to today), and Model National Response assessments. Idempotent."""

import datetime as dt

from django.utils import timezone

from cooperation.forum.models.stakeholders import CATEGORY_ORGANISATION_TYPE
from cooperation.forum.models.stakeholders import StakeholderCategory as C
from cooperation.forum.models.stakeholders import WeProtectCategory as W
from cooperation.models import (
    Attendance,
    Commitment,
    CommitmentMilestone,
    ContactPerson,
    Meeting,
    MNRAssessment,
    Organisation,
    ProgressUpdate,
    Stakeholder,
    User,
    Workstream,
    WorkstreamMember,
)
from demo.people import DEMO_PASSWORD

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
        ],
    ),
]
SIXTH, SEVENTH = MEETINGS[0][1], MEETINGS[1][1]
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


def _stakeholders(organisations) -> dict[str, Stakeholder]:
    result = {}
    for (
        legal,
        short,
        country,
        website,
        category,
        wp_since,
        wp_cat,
        board,
        forum,
    ) in NEW_STAKEHOLDERS:
        organisation, _ = Organisation.objects.update_or_create(
            legal_name=legal,
            country=country,
            defaults={
                "short_name": short,
                "website": website,
                "organisation_type": CATEGORY_ORGANISATION_TYPE[category],
            },
        )
        organisations.setdefault(short, organisation)
        result[short] = _stakeholder(organisation, category, wp_since, wp_cat, board, forum)
    for short, category, wp_since, wp_cat, board, forum in EXISTING_STAKEHOLDERS:
        result[short] = _stakeholder(organisations[short], category, wp_since, wp_cat, board, forum)
    return result


def _stakeholder(organisation, category, wp_since, wp_cat, board, forum) -> Stakeholder:
    stakeholder, _ = Stakeholder.objects.update_or_create(
        organisation=organisation,
        defaults={
            "category": category,
            "weprotect_member_since": wp_since,
            "weprotect_category": wp_cat,
            "weprotect_board_seat": board,
            "forum_participant_since": forum,
        },
    )
    return stakeholder


def _contact_account() -> User:
    user = User.objects.filter(email=CONTACT_EMAIL).first()
    if user is None:
        user = User(email=CONTACT_EMAIL, first_name="Aoife", last_name="Byrne", is_active=True)
        user.set_password(DEMO_PASSWORD)
        user.email_confirmed_at = timezone.now()
        user.save()
    return user


def seed(context: dict) -> None:
    today = timezone.localdate()
    stakeholders = _stakeholders(context["organisations"])
    contact_user = _contact_account()
    context["users"][CONTACT_EMAIL] = contact_user
    for short, name, role, email in CONTACTS:
        ContactPerson.objects.update_or_create(
            stakeholder=stakeholders[short],
            email=email,
            defaults={
                "name": name,
                "role": role,
                "user": contact_user if email == CONTACT_EMAIL else None,
            },
        )
    workstreams = {}
    for name, forum, initiative, lead, public, description, members in WORKSTREAMS:
        workstream, _ = Workstream.objects.update_or_create(
            name=name,
            defaults={
                "forum": forum,
                "initiative": initiative,
                "lead": stakeholders[lead],
                "public": public,
                "description": description,
            },
        )
        workstreams[name] = workstream
        for short, role in members:
            WorkstreamMember.objects.update_or_create(
                workstream=workstream, stakeholder=stakeholders[short], defaults={"role": role}
            )
    meetings = {}
    for ws, title, kind, date, place, online, agenda, attendance in MEETINGS:
        meeting, _ = Meeting.objects.update_or_create(
            title=title,
            workstream=workstreams[ws],
            defaults={
                "kind": kind,
                "date": date,
                "place": place,
                "online": online,
                "agenda": agenda,
            },
        )
        meetings[title] = meeting
        for short, status in attendance:
            Attendance.objects.update_or_create(
                meeting=meeting, stakeholder=stakeholders[short], defaults={"status": status}
            )
    Meeting.objects.update_or_create(
        title="Technical meeting on age assurance",
        workstream=workstreams[EUIF],
        defaults={
            "kind": "technical",
            "date": today + dt.timedelta(days=21),
            "place": "Brussels",
            "online": True,
            "agenda": "Progress on age assurance commitments; lessons from pilots.",
        },
    )
    secretariat = context["users"].get("secretariat@demo.example.eu")
    for owner, ws, meeting, title, due, public, milestones, updates in COMMITMENTS:
        commitment, _ = Commitment.objects.update_or_create(
            title=title,
            owner=stakeholders[owner],
            defaults={
                "workstream": workstreams[ws],
                "meeting": meetings.get(meeting),
                "problem": f"{title}: the gap this commitment closes, as stated at the meeting.",
                "actions": f"{title}. Milestones and evidence are reported to the secretariat.",
                "due_date": today + dt.timedelta(days=due),
                "verifiable": True,
                "public": public,
            },
        )
        for m_title, m_due, m_done in milestones:
            CommitmentMilestone.objects.update_or_create(
                commitment=commitment,
                title=m_title,
                defaults={
                    "due_date": today + dt.timedelta(days=min(m_due, due)),
                    "done_date": today + dt.timedelta(days=m_done) if m_done is not None else None,
                },
            )
        for kind, days_ago, completion, results, narrative in updates:
            ProgressUpdate.objects.update_or_create(
                commitment=commitment,
                kind=kind,
                narrative=narrative,
                defaults={
                    "date": today - dt.timedelta(days=days_ago),
                    "completion": completion,
                    "early_results": results,
                    "reported_by": secretariat if kind == "assessment" else contact_user,
                },
            )
    for country, capability, status, date, evidence in MNR:
        MNRAssessment.objects.get_or_create(
            country=country,
            capability=capability,
            assessed_on=date,
            defaults={"status": status, "evidence": evidence, "recorded_by": secretariat},
        )
    context["stakeholders"] = stakeholders
    context["workstreams"] = workstreams
