"""Forms of the secretariat's records edited in /forum/: meetings, attendance, minutes and
summaries, workstreams and their members, stakeholders, commitments. They collect input
(and run the models' own checks, as the Wagtail admin's forms did); services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.forum.forms import DateInput
from cooperation.forum.models.workstreams import AttendanceStatus, WorkstreamRole
from cooperation.models import Commitment, Meeting, Organisation, Stakeholder, Workstream
from core.widgets import FastSelect


class TimeInput(forms.TimeInput):
    input_type = "time"


def _stakeholders():
    # Only what an option shows: a thousand stakeholders load in a few milliseconds.
    return Stakeholder.objects.select_related("organisation").only(
        "organisation", "organisation__legal_name", "organisation__short_name"
    )


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["workstream", "title", "kind", "date", "start_time", "place", "online", "agenda"]
        widgets = {"date": DateInput(), "start_time": TimeInput(format="%H:%M")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = Workstream.objects.order_by("name")
        self.fields["date"].help_text = _("The day in Brussels.")


CHECKLIST_CHOICES = [*AttendanceStatus.choices, ("", _("Not recorded"))]


class AttendanceForm(forms.Form):
    """One radio group per stakeholder of the checklist, all saved at once."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[self.field_name(row.stakeholder.pk)] = forms.ChoiceField(
                label=row.stakeholder.organisation.display_name,
                choices=CHECKLIST_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=row.status,
            )

    @staticmethod
    def field_name(stakeholder_id: int) -> str:
        return f"stakeholder_{stakeholder_id}"

    def statuses(self) -> dict[int, str]:
        return {
            row.stakeholder.pk: self.cleaned_data.get(self.field_name(row.stakeholder.pk), "")
            for row in self.rows
        }

    def checklist(self):
        """(row, bound field) pairs for the template's table."""
        return [(row, self[self.field_name(row.stakeholder.pk)]) for row in self.rows]


class MinutesForm(forms.Form):
    file = forms.FileField(
        label=_("Minutes"),
        help_text=_(
            "PDF, Word, Excel or OpenDocument text, up to 10 MB. Only the secretariat can "
            "download them; a new file replaces the earlier one."
        ),
    )


class SummaryForm(forms.Form):
    public_summary = forms.CharField(
        label=_("Public summary"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_(
            "Shown on the public page of the workstream once published. Write nothing that "
            "is not public: no names of people, no attendance."
        ),
    )


class WorkstreamForm(forms.ModelForm):
    class Meta:
        model = Workstream
        fields = [
            "name",
            "forum",
            "initiative",
            "lead",
            "description",
            "name_fr",
            "description_fr",
            "public",
        ]
        widgets = {"lead": FastSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = _stakeholders()


class WorkstreamStatusForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Needed to close or reopen a workstream; kept in its history."),
    )


class MemberForm(forms.Form):
    stakeholder = forms.ModelChoiceField(
        label=_("Stakeholder"), queryset=Stakeholder.objects.none(), widget=FastSelect
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=WorkstreamRole.choices, initial=WorkstreamRole.MEMBER
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = _stakeholders()


class StakeholderForm(forms.ModelForm):
    """The organisation is chosen once, when the stakeholder is registered."""

    class Meta:
        model = Stakeholder
        fields = [
            "organisation",
            "category",
            "weprotect_member_since",
            "weprotect_category",
            "weprotect_board_seat",
            "forum_participant_since",
            "tags",
        ]
        widgets = {
            "organisation": FastSelect,
            "weprotect_member_since": DateInput(),
            "forum_participant_since": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                stakeholder__isnull=True
            ).order_by("legal_name")
            self.fields["organisation"].help_text = _(
                "A registered organisation that is not yet a stakeholder. An organisation "
                "that is not registered yet comes in through the import."
            )


class MilestoneEditForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=255)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    done_date = forms.DateField(label=_("Done on"), widget=DateInput(), required=False)


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"))
    link_account = forms.BooleanField(
        label=_("Link the account registered with this e-mail address"),
        required=False,
        help_text=_("With an account, the person can report progress on the commitments."),
    )


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = [
            "owner",
            "workstream",
            "meeting",
            "title",
            "title_fr",
            "problem",
            "actions",
            "due_date",
            "verifiable",
            "public",
        ]
        widgets = {"owner": FastSelect, "meeting": FastSelect, "due_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _stakeholders()
        self.fields["workstream"].queryset = Workstream.objects.order_by("name")
        self.fields["meeting"].queryset = Meeting.objects.select_related("workstream").order_by(
            "-date", "pk"
        )
