"""The secretariat's meeting and workstream pages under /forum/: plan and edit meetings,
take attendance in one checklist, upload minutes, publish the public summary; create and
edit workstreams, their members and their lifecycle. Views ask services; nothing else."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from cooperation.forum.forms_records import (
    CHECKLIST_CHOICES,
    AttendanceForm,
    MeetingForm,
    MinutesForm,
    SummaryForm,
)
from cooperation.forum.meetings import (
    ForumRefused,
    attendance_checklist,
    meeting_create,
    meeting_publish_summary,
    meeting_record_attendance,
    meeting_update,
    meeting_upload_minutes,
    meeting_withdraw_summary,
)
from cooperation.forum.views.staff import ForumMixin, refusal_to_form
from cooperation.models import Meeting


class RecordFormView(ForumMixin, TemplateView):
    """A form page: GET shows the form, POST hands the cleaned data to `save` (a service)
    and, on any refusal, shows the form again (status 400) with what was typed."""

    template_name = "cooperation/forum_record_form.html"
    form_class = None
    heading = ""
    success_message = ""
    submit_label = gettext_lazy("Save")
    multipart = False

    def get_object(self):
        return None

    def form_kwargs(self):
        return {}

    def make_form(self, **kwargs):
        return self.form_class(**self.form_kwargs(), **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.make_form(data=request.POST, files=request.FILES)
        if form.is_valid():
            try:
                saved = self.save(form)
            except (ValidationError, ForumRefused) as error:
                refusal_to_form(form, error)
            else:
                messages.success(request, self.success_message)
                return redirect(self.success_url(saved))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            heading=self.heading,
            submit_label=self.submit_label,
            multipart=self.multipart,
            back_url=self.back_url(),
            **kwargs,
        )

    def back_url(self) -> str:
        return ""


class MeetingMixin:
    def get_object(self):
        return get_object_or_404(Meeting.objects.select_related("workstream"), pk=self.kwargs["pk"])

    def success_url(self, saved):
        return reverse("forum:meeting_detail", args=[self.object.pk])

    def back_url(self):
        return reverse("forum:meeting_detail", args=[self.object.pk])


# -- Meetings --------------------------------------------------------------------------------


class MeetingCreateView(RecordFormView):
    form_class = MeetingForm
    heading = gettext_lazy("Plan a meeting")
    success_message = gettext_lazy("The meeting is planned.")

    def form_kwargs(self):
        workstream = self.request.GET.get("workstream", "")
        return {"initial": {"workstream": workstream}} if workstream.isdigit() else {}

    def save(self, form):
        return meeting_create(user=self.request.user, **form.cleaned_data)

    def success_url(self, meeting):
        return reverse("forum:meeting_detail", args=[meeting.pk])

    def back_url(self):
        return reverse("forum:meeting_list")


class MeetingEditView(MeetingMixin, RecordFormView):
    form_class = MeetingForm
    heading = gettext_lazy("Edit the meeting")
    success_message = gettext_lazy("The meeting was saved.")

    def form_kwargs(self):
        # The form works on its own copy: a refused edit leaves the page's record as it was.
        return {"instance": Meeting.objects.get(pk=self.object.pk)}

    def save(self, form):
        return meeting_update(meeting=self.object, user=self.request.user, **form.cleaned_data)


class MeetingAttendanceView(MeetingMixin, RecordFormView):
    """The workstream's members as one checklist: present, excused or absent, one save."""

    form_class = AttendanceForm
    template_name = "cooperation/forum_meeting_attendance.html"
    heading = gettext_lazy("Attendance")
    success_message = gettext_lazy("The attendance was saved.")
    submit_label = gettext_lazy("Save the attendance")

    def form_kwargs(self):
        return {"rows": attendance_checklist(self.object)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(choices=CHECKLIST_CHOICES, **kwargs)

    def save(self, form):
        return meeting_record_attendance(
            meeting=self.object, user=self.request.user, statuses=form.statuses()
        )


class MeetingMinutesUploadView(MeetingMixin, RecordFormView):
    form_class = MinutesForm
    heading = gettext_lazy("Upload the minutes")
    success_message = gettext_lazy("The minutes were uploaded.")
    submit_label = gettext_lazy("Upload the minutes")
    multipart = True

    def save(self, form):
        return meeting_upload_minutes(
            meeting=self.object, user=self.request.user, file=form.cleaned_data["file"]
        )


class MeetingSummaryView(MeetingMixin, RecordFormView):
    """Publish (or correct) the public summary; a second button takes it off the site."""

    form_class = SummaryForm
    template_name = "cooperation/forum_meeting_summary.html"
    heading = gettext_lazy("Public summary")
    submit_label = gettext_lazy("Publish the summary")

    def form_kwargs(self):
        return {"initial": {"public_summary": self.object.public_summary}}

    @property
    def success_message(self):
        if self.request.POST.get("action") == "withdraw":
            return _("The summary is no longer on the public site.")
        return _("The summary is published.")

    def save(self, form):
        if self.request.POST.get("action") == "withdraw":
            return meeting_withdraw_summary(meeting=self.object, user=self.request.user)
        return meeting_publish_summary(
            meeting=self.object,
            user=self.request.user,
            summary=form.cleaned_data["public_summary"],
        )
