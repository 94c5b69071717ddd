"""The WeProtect Global Alliance Model National Response (2015): 21 capabilities in six
categories. The grouping follows the numbering order of the capabilities."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MNRCategory(models.TextChoices):
    POLICY = "policy", _("Policy and Governance")
    CRIMINAL_JUSTICE = "criminal_justice", _("Criminal Justice")
    VICTIM = "victim", _("Victim")
    SOCIETAL = "societal", _("Societal")
    INDUSTRY = "industry", _("Industry")
    MEDIA = "media", _("Media and Communications")


class MNRCapability(models.IntegerChoices):
    LEADERSHIP = 1, _("Leadership")
    RESEARCH = 2, _("Research, analysis and monitoring")
    LEGISLATION = 3, _("Legislation")
    LAW_ENFORCEMENT = 4, _("Dedicated law enforcement")
    JUDICIARY = 5, _("Judiciary and prosecutors")
    OFFENDER_MANAGEMENT = 6, _("Offender management process")
    IMAGE_DATABASES = 7, _("Access to image databases")
    END_TO_END_SUPPORT = 8, _("End-to-end support")
    CHILD_PROTECTION_WORKFORCE = 9, _("Child protection workforce")
    COMPENSATION = 10, _("Compensation, remedies and complaints")
    CHILD_HELPLINE = 11, _("Child helpline")
    CSEA_HOTLINE = 12, _("CSEA hotline")
    EDUCATION = 13, _("Education programme")
    CHILD_PARTICIPATION = 14, _("Child participation")
    OFFENDER_SUPPORT = 15, _("Offender support systems")
    TAKEDOWN = 16, _("Takedown procedures")
    CSEA_REPORTING = 17, _("CSEA reporting")
    INNOVATIVE_SOLUTIONS = 18, _("Innovative solution development")
    CSR = 19, _("Corporate social responsibility")
    MEDIA_REPORTING = 20, _("Ethical and informed media reporting")
    TERMINOLOGY = 21, _("Universal terminology")


# Category -> the capability numbers it holds, in order.
CATEGORY_CAPABILITIES: dict[str, tuple[int, ...]] = {
    MNRCategory.POLICY: (1, 2, 3),
    MNRCategory.CRIMINAL_JUSTICE: (4, 5, 6, 7),
    MNRCategory.VICTIM: (8, 9, 10, 11, 12),
    MNRCategory.SOCIETAL: (13, 14, 15),
    MNRCategory.INDUSTRY: (16, 17, 18, 19),
    MNRCategory.MEDIA: (20, 21),
}


def category_of(capability: int) -> str:
    for category, numbers in CATEGORY_CAPABILITIES.items():
        if capability in numbers:
            return category
    raise ValueError(f"Unknown Model National Response capability: {capability}")


def grouped_capabilities() -> list[tuple[MNRCategory, list[MNRCapability]]]:
    """[(category, [capability, …]), …] in the Model National Response's order."""
    return [
        (MNRCategory(category), [MNRCapability(number) for number in numbers])
        for category, numbers in CATEGORY_CAPABILITIES.items()
    ]
