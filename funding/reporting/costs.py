"""The cost categories of a financial statement, as in the EU model grant agreement (a plain
module: the models and the portfolio's health both read it)."""

from django.db.models import F

# A: personnel; B: subcontracting; C: purchase (travel, equipment, other goods and
# services); D: other cost categories; E: indirect costs.
COST_FIELDS = ("personnel", "subcontracting", "purchase", "other", "indirect")
# The review status of an accepted version (funding.reporting.models.ReviewStatus.ACCEPTED).
ACCEPTED = "accepted"


def statement_total(prefix: str = ""):
    """The total of a financial statement, in the database."""
    first, *rest = (F(f"{prefix}{name}") for name in COST_FIELDS)
    for term in rest:
        first = first + term
    return first
