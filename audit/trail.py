"""The audit trail: recent status changes of proposals, funded projects, the review of what
beneficiaries submit, forum workstreams and commitments, and the changes of a funded
project's strategy initiative, read from the history rows their services write
(ProposalStatusChange, ProjectStatusChange, ReviewDecision, WorkstreamStatusChange,
ProgressUpdate, ProjectInitiativeChange), as one list. Reads only; nothing here writes.

Each source becomes rows of the same shape (source, entity, from, to, who, at, note), filtered
on its own, then they are combined with one UNION query, newest first.
"""

import django_filters
from django.db.models import Case, CharField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from cooperation.accounts.roles import Role, user_role_names
from cooperation.forum.models.commitments import Completion
from cooperation.forum.models.workstreams import StrategyInitiative, WorkstreamStatus
from cooperation.models import ProgressUpdate, WorkstreamStatusChange
from core.filters import DateFilter
from core.verdicts import ALLOWED, deny, signed_in
from funding.models import ProjectInitiativeChange, ProjectStatusChange, ProposalStatusChange
from funding.portfolio.models.projects import ProjectStatus
from funding.proposals.statuses import ProposalStatus
from funding.reporting.models import ReviewDecision, ReviewStatus

KIND_PROPOSAL = "proposal"
KIND_PROJECT = "project"
KIND_INITIATIVE = "project_initiative"
KIND_WORKSTREAM = "workstream"
KIND_COMMITMENT = "commitment"
KIND_REVIEW = "review"
KIND_CHOICES = [
    (KIND_PROPOSAL, _("Proposal")),
    (KIND_PROJECT, _("Funded project")),
    (KIND_INITIATIVE, _("Funded project's strategy initiative")),
    (KIND_REVIEW, _("Review of a submission")),
    (KIND_WORKSTREAM, _("Workstream")),
    (KIND_COMMITMENT, _("Commitment")),
]
# Who reads which history: programme managers the funding side, the secretariat the forum's
# workstreams and commitments, administrators all of it.
KINDS_BY_ROLE = {
    Role.PROGRAMME_MANAGER: {KIND_PROPOSAL, KIND_PROJECT, KIND_INITIATIVE, KIND_REVIEW},
    Role.FORUM_SECRETARIAT: {KIND_WORKSTREAM, KIND_COMMITMENT},
    Role.ADMINISTRATOR: {
        KIND_PROPOSAL,
        KIND_PROJECT,
        KIND_INITIATIVE,
        KIND_REVIEW,
        KIND_WORKSTREAM,
        KIND_COMMITMENT,
    },
}
STATUS_LABELS = {
    KIND_PROPOSAL: dict(ProposalStatus.choices),
    KIND_PROJECT: dict(ProjectStatus.choices),
    KIND_INITIATIVE: {str(number): label for number, label in StrategyInitiative.choices},
    KIND_REVIEW: dict(ReviewStatus.choices),
    KIND_WORKSTREAM: dict(WorkstreamStatus.choices),
    KIND_COMMITMENT: dict(Completion.choices),
}
COLUMNS = ("ident", "source", "entity", "from_value", "to_value", "who", "at", "note")


def audit_kinds_for(user) -> set[str]:
    kinds: set[str] = set()
    for role in user_role_names(user):
        kinds |= KINDS_BY_ROLE.get(role, set())
    return kinds


def can_view_audit(user, obj=None):
    if not (refusal := signed_in(user)):
        return refusal
    if audit_kinds_for(user):
        return ALLOWED
    return deny(
        _("The audit trail is for programme managers, the forum secretariat and administrators.")
    )


def _text(value) -> Value:
    return Value(value, output_field=CharField())


def _who():
    return Coalesce("changed_by__email", _text(""), output_field=CharField())


def _status_change_rows(history, kind: str, *entity: str, described=None):
    """Rows of a workflow's history model (core.workflow writes them all alike)."""
    return history.objects.annotate(
        ident=Concat(_text(f"{kind}-"), "pk", output_field=CharField()),
        source=_text(kind),
        entity=described or Concat(entity[0], _text(" "), entity[1], output_field=CharField()),
        from_value=Coalesce("from_status", _text("")),
        to_value=Coalesce("to_status", _text("")),
        who=_who(),
        at=F("changed_at"),
        note=Coalesce("reason", _text(""), output_field=CharField()),
    )


def _proposal_rows():
    return _status_change_rows(
        ProposalStatusChange, KIND_PROPOSAL, "proposal__number", "proposal__acronym"
    )


def _project_rows():
    return _status_change_rows(
        ProjectStatusChange, KIND_PROJECT, "project__grant_number", "project__acronym"
    )


def _initiative_rows():
    """Empty is "the call's initiative", shown as —."""
    return ProjectInitiativeChange.objects.annotate(
        ident=Concat(_text(f"{KIND_INITIATIVE}-"), "pk", output_field=CharField()),
        source=_text(KIND_INITIATIVE),
        entity=Concat(
            "project__grant_number", _text(" "), "project__acronym", output_field=CharField()
        ),
        from_value=Coalesce(Cast("from_initiative", CharField()), _text("")),
        to_value=Coalesce(Cast("to_initiative", CharField()), _text("")),
        who=_who(),
        at=F("changed_at"),
        note=Coalesce("reason", _text(""), output_field=CharField()),
    )


def _review_rows():
    """A review names its project, the deliverable or the period and beneficiary, and the
    version, e.g. "ORBIT-AEGIS6 D5.1 v1" or "GRACE P2 BKA v1"."""
    deliverable = "deliverable_submission__"
    report = "periodic_report__"
    described = Case(
        When(
            Q(deliverable_submission__isnull=False),
            then=Concat(
                f"{deliverable}deliverable__project__acronym",
                _text(" "),
                f"{deliverable}deliverable__code",
                _text(" v"),
                f"{deliverable}version",
                output_field=CharField(),
            ),
        ),
        default=Concat(
            f"{report}period__project__acronym",
            _text(" P"),
            f"{report}period__number",
            _text(" "),
            f"{report}participant__organisation__short_name",
            _text(" v"),
            f"{report}version",
            output_field=CharField(),
        ),
        output_field=CharField(),
    )
    return _status_change_rows(ReviewDecision, KIND_REVIEW, described=described)


def _workstream_rows():
    return _status_change_rows(
        WorkstreamStatusChange,
        KIND_WORKSTREAM,
        described=Coalesce("workstream__name", _text(""), output_field=CharField()),
    )


def _commitment_rows():
    previous = ProgressUpdate.objects.filter(
        commitment=OuterRef("commitment"), created_at__lt=OuterRef("created_at")
    ).order_by("-created_at", "-pk")
    return ProgressUpdate.objects.annotate(
        ident=Concat(_text("commitment-"), "pk", output_field=CharField()),
        source=_text(KIND_COMMITMENT),
        entity=Coalesce("commitment__title", _text(""), output_field=CharField()),
        from_value=Coalesce(Subquery(previous.values("completion")[:1]), _text("")),
        to_value=Coalesce("completion", _text("")),
        who=Coalesce("reported_by__email", _text(""), output_field=CharField()),
        at=F("created_at"),
        note=Coalesce("narrative", _text(""), output_field=CharField()),
    )


SOURCES = {
    KIND_PROPOSAL: _proposal_rows,
    KIND_PROJECT: _project_rows,
    KIND_INITIATIVE: _initiative_rows,
    KIND_REVIEW: _review_rows,
    KIND_WORKSTREAM: _workstream_rows,
    KIND_COMMITMENT: _commitment_rows,
}


class AuditFilter(django_filters.FilterSet):
    """Applied to each source before the union (a union cannot be filtered)."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=KIND_CHOICES, method="by_kind")
    q = django_filters.CharFilter(
        label=_("Proposal, project, workstream or commitment"), method="by_entity"
    )
    who = django_filters.CharFilter(label=_("Changed by (e-mail)"), field_name="who",
                                    lookup_expr="icontains")  # fmt: skip
    since = DateFilter(label=_("From (date)"), field_name="at",
                                      lookup_expr="date__gte")  # fmt: skip
    until = DateFilter(label=_("Until (date)"), field_name="at",
                                      lookup_expr="date__lte")  # fmt: skip

    def by_kind(self, queryset, name, value):
        return queryset.filter(source=value)

    def by_entity(self, queryset, name, value):
        return queryset.filter(entity__icontains=value)


def audit_trail(*, user, data=None):
    """(filter form, combined queryset newest first) of what this user may read."""
    kinds = [kind for kind in SOURCES if kind in audit_kinds_for(user)]
    parts = []
    form = None
    for kind in kinds:
        filterset = AuditFilter(data or None, queryset=SOURCES[kind]())
        filterset.form.fields["kind"].choices = [("", _("Any"))] + [
            (value, label) for value, label in KIND_CHOICES if value in kinds
        ]
        form = form or filterset.form
        usable = not filterset.is_bound or filterset.is_valid()
        parts.append(filterset.qs.order_by().values(*COLUMNS) if usable else None)
    valid = [part for part in parts if part is not None]
    if not kinds or len(valid) != len(parts):
        return form, _proposal_rows().none().values(*COLUMNS)
    combined = valid[0].union(*valid[1:], all=True) if len(valid) > 1 else valid[0]
    return form, combined.order_by("-at", "-ident")


def status_label(kind: str, value: str) -> str:
    return str(STATUS_LABELS.get(kind, {}).get(value, value or "—"))
