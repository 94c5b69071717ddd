"""Award-criteria templates, as data.

`funding.calls.services.topic_apply_criteria_template` copies one onto a topic, replacing
its criteria, in one click from the admin.

Horizon Europe: three criteria scored 0-5 in half points, threshold 3 each and 10 of 15
overall; weights order the ranking only. ISF-Police: a points-based scheme out of 100.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class CriterionTemplate:
    code: str
    name: str
    max_score: Decimal
    threshold: Decimal
    weight: Decimal = Decimal("1")
    tie_break_rank: int | None = None
    description: str = ""


@dataclass(frozen=True)
class CriteriaTemplate:
    key: str
    label: str
    criteria: tuple[CriterionTemplate, ...]
    overall_threshold: Decimal
    score_step: Decimal


_EXCELLENCE = "Clarity and pertinence of the objectives; soundness of the methodology."
_IMPACT = "Credibility of the pathways to the expected outcomes and impacts; dissemination."
_IMPLEMENTATION = "Quality of the work plan, the risks and resources; capacity of the consortium."

HORIZON_RIA_CSA = CriteriaTemplate(
    key="horizon-ria-csa",
    label=_("Horizon Europe RIA / CSA (3 criteria, 0-5, threshold 3, overall 10 of 15)"),
    criteria=(
        CriterionTemplate(
            "excellence", "Excellence", Decimal("5"), Decimal("3"), Decimal("1"), 1, _EXCELLENCE
        ),
        CriterionTemplate("impact", "Impact", Decimal("5"), Decimal("3"), Decimal("1"), 2, _IMPACT),
        CriterionTemplate(
            "implementation",
            "Quality and efficiency of implementation",
            Decimal("5"),
            Decimal("3"),
            Decimal("1"),
            None,
            _IMPLEMENTATION,
        ),
    ),
    overall_threshold=Decimal("10"),
    score_step=Decimal("0.5"),
)

HORIZON_IA = CriteriaTemplate(
    key="horizon-ia",
    label=_("Horizon Europe IA (Impact weighted 1.5 and compared first on ties)"),
    criteria=(
        CriterionTemplate(
            "excellence", "Excellence", Decimal("5"), Decimal("3"), Decimal("1"), 2, _EXCELLENCE
        ),
        CriterionTemplate(
            "impact", "Impact", Decimal("5"), Decimal("3"), Decimal("1.5"), 1, _IMPACT
        ),
        CriterionTemplate(
            "implementation",
            "Quality and efficiency of implementation",
            Decimal("5"),
            Decimal("3"),
            Decimal("1"),
            None,
            _IMPLEMENTATION,
        ),
    ),
    overall_threshold=Decimal("10"),
    score_step=Decimal("0.5"),
)

ISF_POINTS_100 = CriteriaTemplate(
    key="isf-points-100",
    label=_("ISF-Police points-based (100 points, pass 70)"),
    criteria=(
        CriterionTemplate("relevance", "Relevance", Decimal("30"), Decimal("21"), tie_break_rank=1),
        CriterionTemplate(
            "quality-of-design",
            "Quality of the project design and implementation",
            Decimal("30"),
            Decimal("21"),
            tie_break_rank=2,
        ),
        CriterionTemplate(
            "team-and-cooperation",
            "Project team and cooperation arrangements",
            Decimal("30"),
            Decimal("21"),
        ),
        CriterionTemplate("impact", "Impact", Decimal("10"), Decimal("7")),
    ),
    overall_threshold=Decimal("70"),
    score_step=Decimal("1"),
)

CRITERIA_TEMPLATES: dict[str, CriteriaTemplate] = {
    template.key: template for template in (HORIZON_RIA_CSA, HORIZON_IA, ISF_POINTS_100)
}


_EXCELLENCE_FR = "Clarté et pertinence des objectifs ; solidité de la méthodologie."
_IMPACT_FR = "Crédibilité des voies vers les résultats et impacts attendus ; diffusion."
_IMPLEMENTATION_FR = (
    "Qualité du plan de travail, des risques et des ressources ; capacité du consortium."
)
_FR = {
    "Excellence": "Excellence",
    "Impact": "Impact",
    "Quality and efficiency of implementation": "Qualité et efficacité de la mise en œuvre",
    "Relevance": "Pertinence",
    "Quality of the project design and implementation": (
        "Qualité de la conception et de la mise en œuvre du projet"
    ),
    "Project team and cooperation arrangements": "Équipe du projet et modalités de coopération",
}
_DESCRIPTIONS_FR = {
    _EXCELLENCE: _EXCELLENCE_FR,
    _IMPACT: _IMPACT_FR,
    _IMPLEMENTATION: _IMPLEMENTATION_FR,
}


def french_of(item: CriterionTemplate) -> tuple[str, str]:
    """The criterion's name and description in French (the programmes' own wording)."""
    return _FR.get(item.name, ""), _DESCRIPTIONS_FR.get(str(item.description), "")
