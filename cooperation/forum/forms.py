"""Forms of the forum secretariat's tool. They only collect input; services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import LazyTypedChoiceField

from cooperation.forum.mnr import MNRCapability
from cooperation.forum.models.mnr_assessments import CapabilityStatus
from cooperation.models import ProgressUpdate
from core.widgets import FAST_FORM_RENDERER, country_choices


class DateInput(forms.DateInput):
    input_type = "date"


class ProgressUpdateForm(forms.ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = [
            "date",
            "completion",
            "early_results",
            "narrative",
            "evidence_link",
            "evidence_file",
        ]
        widgets = {"date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=255)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())


class MilestoneDoneForm(forms.Form):
    done_date = forms.DateField(label=_("Done on"), widget=DateInput())


class MNRAssessmentForm(forms.Form):
    country = LazyTypedChoiceField(label=_("Country"), choices=country_choices)
    capability = forms.TypedChoiceField(
        label=_("Capability"), choices=MNRCapability.choices, coerce=int
    )
    status = forms.ChoiceField(label=_("Status"), choices=CapabilityStatus.choices)
    assessed_on = forms.DateField(label=_("Date"), widget=DateInput())
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea, required=False)


class StakeholderImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Use the template; at most 5 MB. Nothing is written if any row has a problem."),
    )


class CommitmentExportForm(forms.Form):
    default_renderer = FAST_FORM_RENDERER  # shown on every page of the commitments list

    contacts = forms.BooleanField(
        label=_("Include contact persons' names and e-mail addresses (personal data)"),
        required=False,
    )
