"""The programme managers' evaluation screens for topics (/staff/evaluation/): topics in
evaluation, a topic's dashboard, the ranking and lists, exports."""

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
)
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View
from django_filters.views import FilterView

from cooperation.models import User
from core.files import XLSX_CONTENT_TYPE
from core.sites import site_url
from core.views import RuleRequiredMixin
from funding.evaluation.exports import write_ranking_csv, write_ranking_xlsx, write_statistics_xlsx
from funding.evaluation.filters import TopicProposalFilter
from funding.evaluation.forms import (
    DeadlineForm,
)
from funding.evaluation.models import (
    Assignment,
    IndividualReport,
    RedressRequest,
    ReportStatus,
    TopicEvaluation,
)
from funding.evaluation.permissions import can_manage_evaluation
from funding.evaluation.ranking.loading import topic_ranking
from funding.evaluation.services import assignments as services
from funding.evaluation.services import results
from funding.evaluation.services.esr_notices import topic_notice_counts
from funding.evaluation.waiting import manager_waiting
from funding.models import Proposal, ProposalSubmission, Topic
from funding.proposals.services import ProposalError
from funding.proposals.statuses import ProposalStatus

PAGE_SIZE = 25
RANKING_PAGE_SIZE = 50


def _status_counts(queryset) -> list[tuple[str, int]]:
    labels = dict(ProposalStatus.choices)
    counts = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
    return [(labels[s], counts[s]) for s in ProposalStatus.values if counts.get(s)]


def _submitted(proposals):
    """The proposals submitted at least once (EXISTS: no join, no DISTINCT)."""
    return proposals.filter(Exists(ProposalSubmission.objects.filter(proposal=OuterRef("pk"))))


def _count(queryset):
    """The number of rows of a correlated queryset, as a subquery."""
    counted = queryset.order_by().annotate(n=Func("pk", function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


class HomeView(RuleRequiredMixin, TemplateView):
    """Closed topics with submitted proposals, with counts per state."""

    rule = can_manage_evaluation
    template_name = "evaluation/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        per_status = {
            status: Count("proposals", filter=Q(proposals__status=status))
            for status in ProposalStatus.values
        }
        topics = (
            Topic.objects.closed()
            .filter(proposals__submissions__isnull=False)
            .distinct()
            .select_related("call", "evaluation")
            .annotate(**{f"n_{k}": v for k, v in per_status.items()})
            .order_by("-deadline_at", "identifier")
        )
        labels = dict(ProposalStatus.choices)
        rows = []
        for topic in topics[:100]:
            counts = [(labels[s], getattr(topic, f"n_{s}")) for s in ProposalStatus.values]
            rows.append((topic, [c for c in counts if c[1]]))
        context["rows"] = rows
        context["waiting"] = manager_waiting()
        return context


class TopicMixin(RuleRequiredMixin):
    rule = can_manage_evaluation

    def get_rule_object(self):
        if not hasattr(self, "topic"):
            self.topic = get_object_or_404(
                Topic.objects.select_related("call"), pk=self.kwargs["pk"]
            )
            found = TopicEvaluation.objects.filter(topic=self.topic).first()
            self.evaluation = found or TopicEvaluation(topic=self.topic)
        return self.topic


class TopicView(TopicMixin, FilterView):
    template_name = "evaluation/topic.html"
    filterset_class = TopicProposalFilter
    paginate_by = PAGE_SIZE
    context_object_name = "proposals"

    def get_queryset(self):
        # Counts as subqueries, not joins and GROUP BY: the database computes them for the
        # page's rows only, not for the topic's thousands of proposals.
        mine = OuterRef("pk")
        return (
            _submitted(Proposal.objects.filter(topic=self.topic))
            .select_related("coordinator", "consensus_report")
            .annotate(
                n_experts=_count(Assignment.objects.cleared().filter(proposal=mine)),
                n_submitted=_count(
                    IndividualReport.objects.filter(
                        assignment__proposal=mine, status=ReportStatus.SUBMITTED
                    )
                ),
            )
            .order_by("number")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic, now = self.topic, timezone.now()
        on_topic = Q(assignments__proposal__topic=topic)
        active = on_topic & Q(assignments__released_at__isnull=True)
        unfinished = Q(assignments__report__isnull=True) | Q(
            assignments__report__status=ReportStatus.DRAFT
        )
        # What waits for whom, one row per expert in one grouped query: declarations still
        # to sign, and reports still to write once cleared (the evaluation starts by itself
        # when the proposal's experts are cleared, so a cleared expert may score).
        progress = (
            User.objects.filter(assignments__proposal__topic=topic)
            .distinct()
            .annotate(
                to_sign=Count(
                    "assignments",
                    filter=active & Q(assignments__declaration__isnull=True),
                    distinct=True,
                ),
                to_write=Count(
                    "assignments",
                    filter=active & Q(assignments__declaration__has_conflict=False) & unfinished,
                    distinct=True,
                ),
                assigned=Count("assignments", filter=on_topic, distinct=True),
                declared=Count(
                    "assignments",
                    filter=on_topic & Q(assignments__declaration__isnull=False),
                    distinct=True,
                ),
                conflicts=Count(
                    "assignments",
                    filter=on_topic & Q(assignments__released_at__isnull=False),
                    distinct=True,
                ),
                drafts=Count(
                    "assignments",
                    filter=on_topic & Q(assignments__report__status=ReportStatus.DRAFT),
                    distinct=True,
                ),
                submitted=Count(
                    "assignments",
                    filter=on_topic & Q(assignments__report__status=ReportStatus.SUBMITTED),
                    distinct=True,
                ),
            )
            .order_by("last_name", "first_name")
        )
        overdue = []
        deadline = self.evaluation.report_deadline
        if deadline and deadline < now:
            overdue = (
                Assignment.objects.cleared()
                .filter(proposal__topic=topic, proposal__status=ProposalStatus.UNDER_EVALUATION)
                .exclude(report__status=ReportStatus.SUBMITTED)
                .select_related("expert", "proposal")
                .order_by("proposal__number")
            )
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            topic=topic,
            evaluation=self.evaluation,
            counts=_status_counts(_submitted(Proposal.objects.filter(topic=topic))),
            progress=progress,
            overdue=overdue,
            open_redress=RedressRequest.objects.filter(
                proposal__topic=topic, decided_at__isnull=True
            )
            .select_related("proposal", "requested_by")
            .order_by("requested_at", "pk"),
            deadline_form=DeadlineForm(initial={"report_deadline": deadline}),
            query=query.urlencode(),
        )
        return context


class DeadlineView(TopicMixin, View):
    def post(self, request, pk):
        form = DeadlineForm(request.POST)
        if form.is_valid():
            services.topic_set_report_deadline(
                topic=self.topic, user=request.user, deadline=form.cleaned_data["report_deadline"]
            )
            messages.success(request, _("Deadline for individual reports saved."))
        else:
            messages.error(request, _("Give the deadline as a date and a time."))
        return redirect("evaluation:topic", pk=pk)


class RankingView(TopicMixin, TemplateView):
    template_name = "evaluation/ranking.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        criteria, ranked = topic_ranking(self.topic)
        # The whole ranking is computed (positions and lists depend on every proposal), a
        # page of it is shown: a topic can have thousands of proposals. The exports hold all.
        page_obj = Paginator(ranked, RANKING_PAGE_SIZE).get_page(self.request.GET.get("page"))
        for row in page_obj:
            row.score_list = [row.candidate.scores.get(c.id) for c in criteria]
        context.update(
            topic=self.topic,
            evaluation=self.evaluation,
            criteria=criteria,
            ranked=page_obj,
            page_obj=page_obj,
            total=len(ranked),
            notices=topic_notice_counts(
                topic=self.topic, published_at=self.evaluation.results_published_at
            )
            if self.evaluation.results_published_at
            else None,
        )
        return context


class TopicStepView(TopicMixin, TemplateView):
    """A step of the topic that cannot be undone, on its own page: the GET says what will
    happen and changes nothing; the page's "Yes, …" button posts the step."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(topic=self.topic, evaluation=self.evaluation)
        return context

    def post(self, request, pk):
        try:
            messages.success(request, self.act(request))
        except ProposalError as error:
            messages.error(request, str(error))
        return redirect("evaluation:ranking", pk=pk)


class FreezeView(TopicStepView):
    template_name = "evaluation/confirm_freeze.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["problems"] = results.topic_freeze_problems(
            topic=self.topic, evaluation=self.evaluation
        )
        context["candidates"] = len(topic_ranking(self.topic)[1])
        return context

    def act(self, request) -> str:
        results.topic_compute_lists(topic=self.topic, user=request.user)
        return _("The ranking is frozen and the lists are made.")


class PublishView(TopicStepView):
    """Publish the results, or, once published, send the notices still missing."""

    template_name = "evaluation/confirm_publish.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["problems"] = results.topic_publication_problems(
            topic=self.topic, evaluation=self.evaluation
        )
        context["notices"] = topic_notice_counts(
            topic=self.topic, published_at=self.evaluation.results_published_at
        )
        return context

    def act(self, request) -> str:
        published = self.evaluation.results_published_at is not None
        count = results.topic_publish_results(
            topic=self.topic, user=request.user, site_url=site_url(request)
        )
        if published and not count:
            return _("No notice was missing.")
        if published:
            return ngettext(
                "%(n)s missing notice is on its way.",
                "%(n)s missing notices are on their way.",
                count,
            ) % {"n": count}
        return _("Results published: %(n)s applicants receive their report.") % {"n": count}


class RankingExportView(TopicMixin, View):
    fmt = "csv"

    def get(self, request, pk):
        criteria, ranked = topic_ranking(self.topic)
        if self.fmt == "xlsx":
            stream = io.BytesIO()
            write_ranking_xlsx(stream, self.topic, criteria, ranked)
            response = HttpResponse(stream.getvalue(), content_type=XLSX_CONTENT_TYPE)
        else:
            stream = io.StringIO()
            write_ranking_csv(stream, criteria, ranked)
            response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="ranking-{self.topic.identifier}.{self.fmt}"'
        )
        return response


class StatisticsExportView(RuleRequiredMixin, View):
    rule = can_manage_evaluation

    def get(self, request):
        stream = io.BytesIO()
        write_statistics_xlsx(stream)
        response = HttpResponse(stream.getvalue(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="calls-statistics.xlsx"'
        return response
