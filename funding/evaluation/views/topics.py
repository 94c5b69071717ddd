"""The programme managers' evaluation screens for topics (/staff/evaluation/): topics in
evaluation, a topic's dashboard, the ranking and lists, exports."""

import io

from django.contrib import messages
from django.db.models import (
    Count,
    Q,
)
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View
from django_filters.views import FilterView

from core.files import XLSX_CONTENT_TYPE
from core.filters import CountedPaginator, keeps_every_row
from core.sites import site_url
from core.views import RuleRequiredMixin
from funding.evaluation.exports import write_ranking_csv, write_ranking_xlsx, write_statistics_xlsx
from funding.evaluation.filters import TopicProposalFilter
from funding.evaluation.forms import (
    DeadlineForm,
)
from funding.evaluation.freeze_models import FreezeStatus, RankingFreeze
from funding.evaluation.models import (
    RedressRequest,
    TopicEvaluation,
)
from funding.evaluation.permissions import can_manage_evaluation
from funding.evaluation.progress import topic_expert_progress
from funding.evaluation.ranking.frozen import ranking_page, ranking_rows
from funding.evaluation.ranking.loading import ranking_candidate_count
from funding.evaluation.ranking.shown import shown_rows
from funding.evaluation.services import assignments as services
from funding.evaluation.services import freezes, publication, results
from funding.evaluation.services.esr_notices import topic_notice_counts
from funding.evaluation.topic_page import (
    proposal_rows,
    topic_overdue,
    topic_proposals,
    topic_status_counts,
)
from funding.evaluation.waiting import manager_waiting
from funding.models import Topic
from funding.proposals.services import ProposalError
from funding.proposals.statuses import ProposalStatus

PAGE_SIZE = 25
RANKING_PAGE_SIZE = 50


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
        # One query for the topic, its call, its evaluation and its ranking inputs' token.
        if not hasattr(self, "topic"):
            self.topic = get_object_or_404(
                Topic.objects.select_related("call", "evaluation", "ranking_inputs"),
                pk=self.kwargs["pk"],
            )
            found = getattr(self.topic, "evaluation", None)
            self.evaluation = found or TopicEvaluation(topic=self.topic)
        return self.topic


class TopicView(TopicMixin, FilterView):
    template_name = "evaluation/topic.html"
    filterset_class = TopicProposalFilter
    paginate_by = PAGE_SIZE
    paginator_class = CountedPaginator
    context_object_name = "proposals"

    def get_rule_object(self):
        # One query for the topic and its evaluation (the page shows nothing of the call).
        if not hasattr(self, "topic"):
            self.topic = get_object_or_404(
                Topic.objects.select_related("evaluation"), pk=self.kwargs["pk"]
            )
            found = getattr(self.topic, "evaluation", None)
            self.evaluation = found or TopicEvaluation(topic=self.topic)
        return self.topic

    def get_queryset(self):
        return topic_proposals(self.topic)

    def status_counts(self):
        if not hasattr(self, "_status_counts"):
            self._status_counts = topic_status_counts(self.topic)
        return self._status_counts

    def get_paginator(self, queryset, per_page, **kwargs):
        # Unfiltered, the list holds every proposal counted per status: no second count.
        if keeps_every_row(self.filterset):
            kwargs["count"] = self.status_counts().total
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = self.topic
        # What waits for whom: the experts' stored counts, the busiest first, bounded.
        progress = topic_expert_progress(topic)
        deadline = self.evaluation.report_deadline
        overdue = topic_overdue(
            topic, deadline=deadline, now=timezone.now(), to_write=progress.totals["to_write"]
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            topic=topic,
            evaluation=self.evaluation,
            proposals=proposal_rows(context["proposals"]),
            counts=self.status_counts().rows,
            progress=progress.rows,
            progress_summary=progress,
            overdue=overdue.rows,
            overdue_more=overdue.more,
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
        # Frozen: a page of the stored entries. Before: the live preview, a page of it shown
        # (positions and lists depend on every proposal); the exports hold all.
        frozen = self.evaluation.lists_computed_at is not None
        shown = ranking_page(
            topic=self.topic,
            frozen=frozen,
            number=self.request.GET.get("page"),
            per_page=RANKING_PAGE_SIZE,
        )
        # Before the lists: the latest freeze asked for, if any (running, or failed).
        context["last_freeze"] = (
            None if frozen else RankingFreeze.objects.filter(topic=self.topic).first()
        )
        context.update(
            topic=self.topic,
            evaluation=self.evaluation,
            criteria=shown.criteria,
            ranked=shown_rows(shown.page.object_list),
            page_obj=shown.page,
            total=shown.page.paginator.count,
            frozen=shown.frozen,
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
    """The confirmation of the freeze. Its POST asks the task worker to freeze the ranking
    (services.freezes) and sends the manager to the freeze's status page, or to the frozen
    ranking when the freeze is already done (a worker that runs tasks at once)."""

    template_name = "evaluation/confirm_freeze.html"

    def get(self, request, *args, **kwargs):
        self.get_rule_object()
        if (running := freezes.freeze_in_progress(self.topic)) is not None:
            return redirect("evaluation:freeze_status", pk=self.topic.pk, freeze=running.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["problems"] = results.topic_freeze_problems(
            topic=self.topic, evaluation=self.evaluation
        )
        context["candidates"] = ranking_candidate_count(self.topic)
        return context

    def post(self, request, pk):
        try:
            freeze = freezes.ranking_freeze_request(topic=self.topic, user=request.user)
        except ProposalError as error:
            messages.error(request, str(error))
            if (running := freezes.freeze_in_progress(self.topic)) is not None:
                return redirect("evaluation:freeze_status", pk=pk, freeze=running.pk)
            return redirect("evaluation:ranking", pk=pk)
        if freeze.status == FreezeStatus.DONE:
            messages.success(request, freezes.freeze_status_text(freeze))
            return redirect("evaluation:ranking", pk=pk)
        return redirect("evaluation:freeze_status", pk=pk, freeze=freeze.pk)


class FreezeStatusView(TopicMixin, TemplateView):
    """Where the freeze stands: waiting, running (a link refreshes it: no JavaScript, and
    no automatic refresh, which axe-core and WCAG 2.2.1 refuse), done, or failed with the
    reason and a way to try again."""

    template_name = "evaluation/freeze_status.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        freeze = get_object_or_404(
            RankingFreeze.objects.select_related("requested_by"),
            pk=self.kwargs["freeze"],
            topic=self.topic,
        )
        context.update(
            topic=self.topic,
            evaluation=self.evaluation,
            freeze=freeze,
            status_text=freezes.freeze_status_text(freeze),
        )
        return context


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
        count = publication.topic_publish_in_background(
            topic=self.topic, user=request.user, site_url=site_url(request)
        )
        if count is None:  # the task worker records and sends them
            if published:
                return _("The missing notices are being sent by the task worker.")
            return _(
                "Results published. The task worker records and sends each applicant's "
                "notice; this page shows how many the mail server has accepted."
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
        criteria, ranked = ranking_rows(
            topic=self.topic, frozen=self.evaluation.lists_computed_at is not None
        )
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
