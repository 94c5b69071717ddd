from django import template

from funding.proposals.models import PartnerRole

register = template.Library()


@register.filter
def partner_role(code) -> str:
    """The label of a partner role stored as its code (submission snapshots keep codes)."""
    return dict(PartnerRole.choices).get(code, code)
