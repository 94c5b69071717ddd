"""What every part of the benchmark data shares: the sizes it is grown to, the constants
more than one kind of row derives its values from, and the bulk insert and money helpers.
"""

from dataclasses import dataclass
from decimal import Decimal

from cooperation.organisations.models import OrganisationType

BATCH = 2000
MANAGER = "manager@demo.example.eu"
# Every fourth proposal goes to the first topic: the one the ranking is measured on.
RANKING_TOPIC_SHARE = 4
COUNTRIES = ["BE", "NL", "FR", "DE", "ES", "IT", "PL", "SE", "AT", "PT", "IE", "FI", "CZ", "RO"]
ORG_TYPES = [
    OrganisationType.PUBLIC_BODY,
    OrganisationType.RESEARCH,
    OrganisationType.HIGHER_EDUCATION,
    OrganisationType.PRIVATE_COMPANY,
    OrganisationType.CIVIL_SOCIETY,
]


@dataclass(frozen=True)
class Counts:
    calls: int  # one topic each
    organisations: int  # applicant and participant organisations
    proposals: int
    projects: int  # DELIVERABLES_PER_PROJECT (benchmarks.generate_portfolio) deliverables each
    stakeholders: int
    commitments: int


# The figures, a twentieth of them for development, and the small size the page
# query counts are first measured at.
FULL = Counts(20, 2000, 20000, 2000, 1000, 10000)
SMALL = Counts(20, 200, 1000, 100, 50, 500)
PROBE = Counts(20, 50, 100, 10, 10, 50)
SCALES = {"full": FULL, "small": SMALL}


def bulk(model, rows):
    """Insert `rows` of `model` in batches of BATCH; the rows, as bulk_create returns them."""
    return model.objects.bulk_create(rows, batch_size=BATCH)


def money(value) -> Decimal:
    """An amount in euro with two places."""
    return Decimal(value).quantize(Decimal("0.01"))
