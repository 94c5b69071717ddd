"""Self-service for stakeholders' contact persons: their organisation's commitments only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from cooperation.forum.filters import CommitmentFilter
from cooperation.forum.forms import ProgressUpdateForm
from cooperation.forum.models.commitments import UpdateKind
from cooperation.forum.permissions import can_use_self_service
from cooperation.forum.services import ForumRefused, commitment_record_progress
from cooperation.forum.views.staff import PAGE_SIZE, _private_file, refusal_to_form
from cooperation.models import Commitment, ProgressUpdate
from core.views import RuleRequiredMixin


class SelfServiceMixin(RuleRequiredMixin):
    rule = can_use_self_service

    def get_queryset(self):
        # Scoped: another organisation's commitment is simply not found (404).
        return Commitment.objects.for_contact_user(self.request.user)


class MyCommitmentListView(SelfServiceMixin, FilterView):
    filterset_class = CommitmentFilter
    paginate_by = PAGE_SIZE
    template_name = "cooperation/forum_my_commitment_list.html"

    def get_queryset(self):
        return super().get_queryset().for_table().order_by("due_date", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class MyCommitmentDetailView(SelfServiceMixin, DetailView):
    template_name = "cooperation/forum_my_commitment_detail.html"

    def get_queryset(self):
        return super().get_queryset().for_table().select_related("meeting")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ProgressUpdateForm())
        return super().get_context_data(
            today=timezone.localdate(),
            milestones=self.object.milestones.all(),
            updates=self.object.updates.select_related("reported_by"),
            **kwargs,
        )

    def post(self, request, pk):
        self.object = self.get_object()
        form = ProgressUpdateForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                commitment_record_progress(
                    commitment=self.object,
                    user=request.user,
                    kind=UpdateKind.SELF_REPORT,
                    **form.cleaned_data,
                )
            except (ValidationError, ForumRefused) as error:
                refusal_to_form(form, error)
            else:
                messages.success(
                    request, _("Thank you: your progress report was sent to the secretariat.")
                )
                return redirect("forum:my_commitment_detail", pk=pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MyEvidenceFileView(SelfServiceMixin, DetailView):
    def get(self, request, pk):
        update = get_object_or_404(
            ProgressUpdate, pk=pk, commitment__in=self.get_queryset().values("pk")
        )
        return _private_file(update.evidence_file, "evidence")
