"""Forms for the portfolio records. Validation lives in the models' clean(); the forms
only choose the fields, so every refusal carries the model's field message."""

from django import forms

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
