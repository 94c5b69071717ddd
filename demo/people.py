"""Demo data for the registry of people: the organisations of the demo portfolio
(DOMAIN.md) and one account per role. Idempotent: a second run changes nothing."""

from django.contrib.auth.models import Group
from django.utils import timezone

from cooperation.accounts.roles import Role
from cooperation.models import Membership, Organisation, User
from cooperation.organisations.models import MembershipRole, OrganisationType

DEMO_PASSWORD = "Demo-password-2026"

T = OrganisationType
# (legal name, short name, country, type, website)
ORGANISATIONS = [
    (
        "Politie Nederland (Dutch National Police)",
        "Politie NL",
        "NL",
        T.PUBLIC_BODY,
        "https://www.politie.nl",
    ),
    (
        "Federale Politie / Police Fédérale (Belgian Federal Police)",
        "Fed. Police BE",
        "BE",
        T.PUBLIC_BODY,
        "https://www.police.be",
    ),
    ("ZiuZ Forensic B.V.", "ZiuZ", "NL", T.PRIVATE_COMPANY, "https://www.ziuz.com"),
    ("Web-IQ B.V.", "Web-IQ", "NL", T.PRIVATE_COMPANY, "https://www.web-iq.com"),
    (
        "Deutsches Forschungszentrum für Künstliche Intelligenz GmbH",
        "DFKI",
        "DE",
        T.RESEARCH,
        "https://www.dfki.de",
    ),
    (
        "INHOPE — International Association of Internet Hotlines",
        "INHOPE",
        "NL",
        T.CIVIL_SOCIETY,
        "https://www.inhope.org",
    ),
    (
        "Instituto Nacional de Ciberseguridad de España",
        "INCIBE",
        "ES",
        T.PUBLIC_BODY,
        "https://www.incibe.es",
    ),
    (
        "Ministerio del Interior (Spanish Ministry of the Interior)",
        "MIR ES",
        "ES",
        T.PUBLIC_BODY,
        "https://www.interior.gob.es",
    ),
    ("Malta Police Force", "Malta Police", "MT", T.PUBLIC_BODY, "https://pulizija.gov.mt"),
    ("Universidad de León", "ULE", "ES", T.HIGHER_EDUCATION, "https://www.unileon.es"),
    ("University of Malta", "UM", "MT", T.HIGHER_EDUCATION, "https://www.um.edu.mt"),
    (
        "Rijksuniversiteit Groningen (University of Groningen)",
        "RUG",
        "NL",
        T.HIGHER_EDUCATION,
        "https://www.rug.nl",
    ),
    ("Associação Portuguesa de Apoio à Vítima", "APAV", "PT", T.CIVIL_SOCIETY, "https://apav.pt"),
    (
        "Univerza v Ljubljani, Filozofska fakulteta (Faculty of Arts, University of Ljubljana)",
        "UL FF",
        "SI",
        T.HIGHER_EDUCATION,
        "https://www.ff.uni-lj.si",
    ),
    (
        "Poliklinika za zaštitu djece i mladih Grada Zagreba (Child and Youth Protection Centre of Zagreb)",
        "Child Protection Centre Zagreb",
        "HR",
        T.PUBLIC_BODY,
        "https://www.poliklinika-djeca.hr",
    ),
    (
        "Hrabri telefon (Brave Telephone)",
        "Brave Phone",
        "HR",
        T.CIVIL_SOCIETY,
        "https://hrabritelefon.hr",
    ),
    (
        "European Union Agency for Law Enforcement Cooperation",
        "Europol",
        "NL",
        T.INTERNATIONAL,
        "https://www.europol.europa.eu",
    ),
    (
        "INOV — Instituto de Engenharia de Sistemas e Computadores Inovação",
        "INOV",
        "PT",
        T.RESEARCH,
        "https://www.inov.pt",
    ),
    (
        "Sheffield Hallam University — CENTRIC",
        "CENTRIC",
        "GB",
        T.HIGHER_EDUCATION,
        "https://research.shu.ac.uk/centric",
    ),
    (
        "Kentro Meleton Asfaleias (Center for Security Studies)",
        "KEMEA",
        "GR",
        T.RESEARCH,
        "https://kemea.gr",
    ),
    (
        "University College Dublin — Centre for Cybersecurity and Cybercrime Investigation",
        "UCD-CCI",
        "IE",
        T.HIGHER_EDUCATION,
        "https://www.ucd.ie/cci",
    ),
    (
        "Centre for Research and Technology Hellas",
        "CERTH",
        "GR",
        T.RESEARCH,
        "https://www.certh.gr",
    ),
]

# (e-mail, first name, last name, role, organisation short name or None, superuser)
ACCOUNTS = [
    ("applicant@demo.example.eu", "Anna", "de Vries", Role.APPLICANT, "Politie NL", False),
    ("applicant2@demo.example.eu", "Lucía", "Martín", Role.APPLICANT, "INCIBE", False),
    ("expert@demo.example.eu", "Élodie", "Laurent", Role.EXPERT, "KEMEA", False),
    ("expert2@demo.example.eu", "Tomasz", "Nowak", Role.EXPERT, "UCD-CCI", False),
    ("expert3@demo.example.eu", "Giulia", "Rossi", Role.EXPERT, "CERTH", False),
    ("manager@demo.example.eu", "Pieter", "Janssens", Role.PROGRAMME_MANAGER, None, False),
    ("secretariat@demo.example.eu", "Katarzyna", "Wiśniewska", Role.FORUM_SECRETARIAT, None, False),
    ("editor@demo.example.eu", "Jonas", "Berg", Role.EDITOR, None, False),
    ("admin@demo.example.eu", "Maria", "Papadopoulou", Role.ADMINISTRATOR, None, True),
]


def seed_organisations() -> dict[str, Organisation]:
    by_short_name = {}
    for legal_name, short_name, country, kind, website in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            legal_name=legal_name,
            country=country,
            defaults={"short_name": short_name, "organisation_type": kind, "website": website},
        )
        by_short_name[short_name] = organisation
    return by_short_name


def seed_accounts(organisations: dict[str, Organisation]) -> dict[str, User]:
    users = {}
    for email, first, last, role, org_name, superuser in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email)
            user.set_password(DEMO_PASSWORD)
        user.first_name, user.last_name = first, last
        user.is_active = True
        user.is_superuser = user.is_staff = superuser
        if user.email_confirmed_at is None:
            from django.utils import timezone

            user.email_confirmed_at = timezone.now()
        user.save()
        user.groups.add(Group.objects.get(name=role))
        if org_name:
            Membership.objects.get_or_create(
                user=user,
                organisation=organisations[org_name],
                defaults={"role": MembershipRole.CONTACT},
            )
        users[email] = user
    return users


def organisation_contact(organisation: Organisation, *, role: str) -> User:
    """A member of `organisation` who acts for it in the demo: an existing one, else a demo
    contact account (the demo password) made a member with `role`."""
    member = Membership.objects.filter(organisation=organisation).select_related("user").first()
    if member is not None:
        return member.user
    slug = "".join(ch for ch in (organisation.short_name or "org").lower() if ch.isalnum())
    user, created = User.objects.get_or_create(
        email=f"contact.{slug}@demo.example.eu",
        defaults={"first_name": "Contact", "last_name": organisation.short_name, "is_active": True},
    )
    if created:
        user.email_confirmed_at = timezone.now()
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=Role.APPLICANT))
    Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})
    return user


def seed(context: dict) -> None:
    context["organisations"] = seed_organisations()
    context["users"] = seed_accounts(context["organisations"])
