"""The secretariat's workstream pages under /forum/: the workstream with its members,
meetings, commitments and status history; create and edit it, add and remove members, and
move it through its lifecycle (proposed → active → closed) with the workflow's buttons."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, View

from cooperation.forum.forms_records import MemberForm, WorkstreamForm, WorkstreamStatusForm
from cooperation.forum.meetings import (
    ForumRefused,
    TransitionRefused,
    workstream_add_member,
    workstream_change_status,
    workstream_create,
    workstream_remove_member,
    workstream_update,
)
from cooperation.forum.views.meetings import RecordFormView
from cooperation.forum.views.staff import ForumMixin
from cooperation.forum.workstream_workflow import WORKSTREAM_WORKFLOW
from cooperation.models import Workstream, WorkstreamMember, WorkstreamStatusChange


def _members():
    return WorkstreamMember.objects.select_related("stakeholder__organisation").order_by(
        "role", "stakeholder__organisation__legal_name"
    )


class WorkstreamDetailView(ForumMixin, DetailView):
    model = Workstream
    template_name = "cooperation/forum_workstream_detail.html"

    def get_queryset(self):
        return Workstream.objects.select_related("lead__organisation").prefetch_related(
            Prefetch("members", queryset=_members()),
            "meetings",
            Prefetch(
                "status_changes",
                queryset=WorkstreamStatusChange.objects.select_related("changed_by"),
            ),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            commitments=self.object.commitments.for_table(),
            today=timezone.localdate(),
            transitions=WORKSTREAM_WORKFLOW.from_status(self.object.status),
            member_form=MemberForm(),
            **kwargs,
        )


class WorkstreamMixin:
    def get_object(self):
        return get_object_or_404(Workstream, pk=self.kwargs["pk"])

    def success_url(self, saved):
        return reverse("forum:workstream_detail", args=[self.object.pk])

    def back_url(self):
        return reverse("forum:workstream_detail", args=[self.object.pk])


class WorkstreamCreateView(RecordFormView):
    form_class = WorkstreamForm
    heading = gettext_lazy("Propose a workstream")
    success_message = gettext_lazy("The workstream is proposed. Start it once it is agreed.")

    def save(self, form):
        return workstream_create(user=self.request.user, **form.cleaned_data)

    def success_url(self, workstream):
        return reverse("forum:workstream_detail", args=[workstream.pk])

    def back_url(self):
        return reverse("forum:workstream_list")


class WorkstreamEditView(WorkstreamMixin, RecordFormView):
    form_class = WorkstreamForm
    heading = gettext_lazy("Edit the workstream")
    success_message = gettext_lazy("The workstream was saved.")

    def form_kwargs(self):
        return {"instance": Workstream.objects.get(pk=self.object.pk)}

    def save(self, form):
        return workstream_update(
            workstream=self.object, user=self.request.user, **form.cleaned_data
        )


class WorkstreamStatusView(ForumMixin, WorkstreamMixin, View):
    """POST only: the lifecycle buttons of the workstream page."""

    def post(self, request, pk):
        self.object = workstream = self.get_object()
        form = WorkstreamStatusForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose an action."))
            return redirect(self.success_url(workstream))
        try:
            workstream_change_status(
                workstream=workstream,
                user=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except TransitionRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("The workstream is now “%(status)s”.")
                % {"status": workstream.get_status_display()},
            )
        return redirect(self.success_url(workstream))


class WorkstreamMemberAddView(ForumMixin, WorkstreamMixin, View):
    def post(self, request, pk):
        self.object = workstream = self.get_object()
        form = MemberForm(request.POST)
        if form.is_valid():
            try:
                workstream_add_member(workstream=workstream, user=request.user, **form.cleaned_data)
            except (ValidationError, ForumRefused) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, _("The member was added."))
        else:
            messages.error(request, _("Choose a stakeholder and a role."))
        return redirect(self.success_url(workstream))


class WorkstreamMemberRemoveView(ForumMixin, WorkstreamMixin, View):
    def post(self, request, pk, member):
        self.object = workstream = self.get_object()
        member = get_object_or_404(
            WorkstreamMember.objects.select_related("workstream"), pk=member, workstream=workstream
        )
        try:
            workstream_remove_member(member=member, user=request.user)
        except ForumRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The member was removed."))
        return redirect(self.success_url(workstream))
