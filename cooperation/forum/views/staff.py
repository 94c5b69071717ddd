"""The forum secretariat's pages under /forum/: dashboard, registry, workstreams, meetings,
commitments and the Model National Response matrix."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View
from django_countries import countries
from django_filters.views import FilterView

from cooperation.forum.dashboard import dashboard_figures
from cooperation.forum.filters import (
    CommitmentFilter,
    MeetingFilter,
    MNRFilter,
    StakeholderFilter,
    WorkstreamFilter,
)
from cooperation.forum.forms import (
    CommitmentExportForm,
    MilestoneDoneForm,
    MilestoneForm,
    MNRAssessmentForm,
    ProgressUpdateForm,
)
from cooperation.forum.mnr import grouped_capabilities
from cooperation.forum.models.commitments import UpdateKind
from cooperation.forum.models.workstreams import AttendanceStatus
from cooperation.forum.permissions import can_export_contacts, can_use_forum
from cooperation.forum.selectors import (
    STAKEHOLDER_ROW_FIELDS,
    commitment_rows,
    stakeholders_with_tag_names,
)
from cooperation.forum.services import (
    ForumRefused,
    commitment_add_milestone,
    commitment_record_progress,
    milestone_mark_done,
    mnr_record_assessment,
)
from cooperation.models import (
    Commitment,
    CommitmentMilestone,
    ContactPerson,
    Meeting,
    MNRAssessment,
    ProgressUpdate,
    Stakeholder,
    Workstream,
)
from core.files import private_file_response
from core.views import RuleRequiredMixin

PAGE_SIZE = 25


class ForumMixin(RuleRequiredMixin):
    rule = can_use_forum


def _count_of(model, field: str):
    """The number of `model` rows pointing at each row, as a subquery: unlike Count() over a
    join, it needs no GROUP BY, so the database orders and cuts the page before counting."""
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


class ForumListView(ForumMixin, FilterView):
    paginate_by = PAGE_SIZE
    template_name_suffix = "_list"


def refusal_to_form(form, error) -> None:
    """Put a service's refusal on the form so the page says why and keeps the input."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))


class DashboardView(ForumMixin, TemplateView):
    template_name = "cooperation/forum_dashboard.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**dashboard_figures(timezone.localdate()), **kwargs)


class StakeholderListView(ForumListView):
    model = Stakeholder
    filterset_class = StakeholderFilter
    template_name = "cooperation/forum_stakeholder_list.html"

    def get_queryset(self):
        return (
            Stakeholder.objects.for_table()
            .only(*STAKEHOLDER_ROW_FIELDS)
            .annotate(
                n_contacts=_count_of(ContactPerson, "stakeholder"),
                country_code=F("organisation__country"),
            )
            .order_by("organisation__legal_name", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = stakeholders_with_tag_names(context["object_list"])
        return context


class StakeholderDetailView(ForumMixin, DetailView):
    model = Stakeholder
    template_name = "cooperation/forum_stakeholder_detail.html"

    def get_queryset(self):
        return Stakeholder.objects.for_table().prefetch_related(
            "tags", "contacts__user", "workstream_memberships__workstream"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            commitments=self.object.commitments.for_table(),
            today=timezone.localdate(),
            **kwargs,
        )


class WorkstreamListView(ForumListView):
    model = Workstream
    filterset_class = WorkstreamFilter
    template_name = "cooperation/forum_workstream_list.html"

    def get_queryset(self):
        return (
            Workstream.objects.select_related("lead__organisation")
            .annotate(
                n_members=Count("members", distinct=True),
                n_commitments=Count("commitments", distinct=True),
            )
            .order_by("forum", "name")
        )


class MeetingListView(ForumListView):
    model = Meeting
    filterset_class = MeetingFilter
    template_name = "cooperation/forum_meeting_list.html"

    def get_queryset(self):
        return (
            Meeting.objects.select_related("workstream")
            .annotate(
                n_present=Count("attendance", filter=Q(attendance__status=AttendanceStatus.PRESENT))
            )
            .order_by("-date", "pk")
        )


class MeetingDetailView(ForumMixin, DetailView):
    model = Meeting
    template_name = "cooperation/forum_meeting_detail.html"

    def get_queryset(self):
        return Meeting.objects.select_related("workstream").prefetch_related(
            "attendance__stakeholder__organisation", "attendance__person"
        )

    def get_context_data(self, **kwargs):
        counts = Counter(row.status for row in self.object.attendance.all())
        return super().get_context_data(
            commitments=self.object.commitments.for_table(),
            today=timezone.localdate(),
            attendance_counts=[
                (label, counts[value]) for value, label in AttendanceStatus.choices if counts[value]
            ],
            **kwargs,
        )


def _private_file(field_file, filename_prefix):
    name = field_file.name.rsplit("/", 1)[-1] if field_file else ""
    return private_file_response(field_file, filename=f"{filename_prefix}-{name}")


class MeetingMinutesView(ForumMixin, View):
    def get(self, request, pk):
        meeting = get_object_or_404(Meeting, pk=pk)
        return _private_file(meeting.minutes, "minutes")


class CommitmentListView(ForumListView):
    model = Commitment
    filterset_class = CommitmentFilter
    template_name = "cooperation/forum_commitment_list.html"

    def get_queryset(self):
        return (
            commitment_rows(Commitment.objects.all())
            .annotate(n_milestones=_count_of(CommitmentMilestone, "commitment"))
            .order_by("due_date", "pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            today=timezone.localdate(),
            export_form=CommitmentExportForm(),
            may_export_contacts=can_export_contacts(self.request.user).allowed,
            **kwargs,
        )


class CommitmentDetailView(ForumMixin, DetailView):
    """A commitment with its milestones and full progress history; the secretariat records
    its assessment and adds milestones here."""

    model = Commitment
    template_name = "cooperation/forum_commitment_detail.html"

    def get_queryset(self):
        return Commitment.objects.for_table().select_related("meeting")

    def get_context_data(self, **kwargs):
        context = {
            "today": timezone.localdate(),
            "milestones": self.object.milestones.all(),
            "updates": self.object.updates.select_related("reported_by"),
            "assessment_form": ProgressUpdateForm(prefix="assess"),
            "milestone_form": MilestoneForm(prefix="milestone"),
            "done_form": MilestoneDoneForm(initial={"done_date": timezone.localdate()}),
        }
        context.update(kwargs)
        return super().get_context_data(**context)

    def post(self, request, pk):
        self.object = self.get_object()
        action = request.POST.get("action")
        context = {}
        try:
            if action == "assess":
                form = ProgressUpdateForm(request.POST, request.FILES, prefix="assess")
                context["assessment_form"] = form
                if form.is_valid():
                    commitment_record_progress(
                        commitment=self.object,
                        user=request.user,
                        kind=UpdateKind.ASSESSMENT,
                        **form.cleaned_data,
                    )
                    messages.success(request, _("The assessment was recorded."))
                    return redirect("forum:commitment_detail", pk=pk)
            elif action == "milestone":
                form = MilestoneForm(request.POST, prefix="milestone")
                context["milestone_form"] = form
                if form.is_valid():
                    commitment_add_milestone(commitment=self.object, **form.cleaned_data)
                    messages.success(request, _("The milestone was added."))
                    return redirect("forum:commitment_detail", pk=pk)
            elif action == "done":
                milestone = get_object_or_404(
                    self.object.milestones, pk=request.POST.get("milestone")
                )
                form = MilestoneDoneForm(request.POST)
                context["done_form"] = form
                if form.is_valid():
                    milestone_mark_done(milestone=milestone, **form.cleaned_data)
                    messages.success(request, _("The milestone is marked as done."))
                    return redirect("forum:commitment_detail", pk=pk)
            else:
                raise Http404
        except (ValidationError, ForumRefused) as error:
            refusal_to_form(form, error)
        return self.render_to_response(self.get_context_data(**context), status=400)


class EvidenceFileView(ForumMixin, View):
    def get(self, request, pk):
        update = get_object_or_404(ProgressUpdate, pk=pk)
        return _private_file(update.evidence_file, "evidence")


class MNRMatrixView(ForumMixin, TemplateView):
    """Countries × the 21 capabilities; each cell is the latest assessment."""

    template_name = "cooperation/forum_mnr_matrix.html"

    def get_context_data(self, **kwargs):
        filterset = MNRFilter(self.request.GET or None, queryset=MNRAssessment.objects.all())
        assessments = filterset.qs if filterset.is_bound and filterset.is_valid() else None
        current = {}
        for assessment in (assessments or MNRAssessment.objects.all()).current():
            current[(assessment.country.code, assessment.capability)] = assessment
        groups = grouped_capabilities()
        capabilities = [cap for _category, caps in groups for cap in caps]

        rows = [
            (code, countries.name(code), [current.get((code, cap.value)) for cap in capabilities])
            for code in sorted({code for code, _n in current}, key=countries.name)
        ]
        return super().get_context_data(
            filter=filterset, groups=groups, capabilities=capabilities, rows=rows, **kwargs
        )


class MNRRecordView(ForumMixin, FormView):
    form_class = MNRAssessmentForm
    template_name = "cooperation/forum_mnr_record.html"

    def get_initial(self):
        return {"assessed_on": timezone.localdate(), **self.request.GET.dict()}

    def get_context_data(self, **kwargs):
        country, capability = self.request.GET.get("country"), self.request.GET.get("capability")
        history = MNRAssessment.objects.none()
        if country and capability and capability.isdigit():
            history = MNRAssessment.objects.filter(
                country=country, capability=int(capability)
            ).select_related("recorded_by")
        return super().get_context_data(history=history, **kwargs)

    def form_valid(self, form):
        try:
            mnr_record_assessment(user=self.request.user, **form.cleaned_data)
        except (ValidationError, ForumRefused) as error:
            refusal_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The assessment was recorded."))
        return redirect("forum:mnr_matrix")
