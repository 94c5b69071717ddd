"""Calls and funded projects tagged with the strategy initiative they serve, so the
strategy page shows its progress from the records. The projects are tagged by the demo's
programme manager through the service the project's staff page uses, so each tag is in
the project's history. Idempotent."""

from cooperation.forum.models.workstreams import StrategyInitiative as I
from funding.models import Call, FundedProject
from funding.portfolio.initiatives import project_set_initiative

CALLS = {
    "ISFP-2017-AG-CYBER": I.LAW_ENFORCEMENT,
    "ISF-2021-AG-CSA": I.PREVENTION,
    "ISF-DEMO-AG-CSA": I.PREVENTION,
    "HORIZON-CL3-2021-FCT-01": I.LAW_ENFORCEMENT,
    "HORIZON-CL3-2024-FCT-01": I.LAW_ENFORCEMENT,
    "HORIZON-CL3-DEMO-FCT-02": I.INDUSTRY,
}
# Projects whose call is not in the platform; the others follow their call.
PROJECTS = {
    "GRACE": I.LAW_ENFORCEMENT,
    "INSPECTr": I.LAW_ENFORCEMENT,
    "LOCARD": I.LAW_ENFORCEMENT,
    "ASGARD": I.LAW_ENFORCEMENT,
    "VERBUM_SAT": I.PREVENTION,
}
# The generated portfolio spreads over the initiatives that fund research and networks.
SPREAD = [I.LAW_ENFORCEMENT, I.PREVENTION, I.MAPPING, I.GLOBAL]


def seed(context: dict) -> None:
    for identifier, initiative in CALLS.items():
        Call.objects.filter(identifier=identifier).update(initiative=initiative)
    manager = context["users"]["manager@demo.example.eu"]
    for project in FundedProject.objects.filter(call=None, initiative=None):
        initiative = PROJECTS.get(project.acronym)
        if initiative is None:
            initiative = SPREAD[sum(map(ord, project.acronym)) % len(SPREAD)]
        project_set_initiative(
            project=project,
            user=manager,
            initiative=initiative,
            reason="Historic project: its call is not in the platform.",
        )
