"""Forms for the portfolio records. Validation lives in the models' clean(); the forms
only choose the fields, so every refusal carries the model's field message."""

import copy

from django import forms
from django.utils.translation import gettext_lazy as _

from funding.portfolio.models.delivery import Payment
from funding.portfolio.models.projects import FundedProject, Participant


class FundedProjectForm(forms.ModelForm):
    class Meta:
        model = FundedProject
        fields = [
            "grant_number",
            "acronym",
            "title",
            "objective",
            "programme",
            "call",
            "topic",
            "call_identifier",
            "topic_identifier",
            "start_date",
            "end_date",
            "total_cost",
            "eu_contribution",
            "signature_date",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "signature_date": forms.DateInput(attrs={"type": "date"}),
        }


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["project", "organisation", "role", "eu_contribution", "total_cost", "position"]


class PaymentForm(forms.ModelForm):
    class Meta:
        model = Payment
        fields = ["project", "kind", "amount", "paid_on"]
        widgets = {"paid_on": forms.DateInput(attrs={"type": "date"})}


class ProjectInitiativeForm(forms.ModelForm):
    """The strategy initiative a project serves; left on "Choose…", it follows its call's."""

    reason = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: why, kept in the project's history."),
    )

    class Meta:
        model = FundedProject
        fields = ["initiative"]

    def __init__(self, *args, project: FundedProject, **kwargs):
        # A copy: binding the form must not change the project the page shows.
        super().__init__(*args, instance=copy.copy(project), **kwargs)
        call = project.call if project.call_id else None
        field = self.fields["initiative"]
        if call is not None and call.initiative is not None:
            field.help_text = _(
                "Left on “Choose…”, the project serves its call's initiative: %(initiative)s."
            ) % {"initiative": call.get_initiative_display()}
        else:
            field.help_text = _(
                "Left on “Choose…”, the project is counted under no initiative "
                "(its call serves none)."
            )
