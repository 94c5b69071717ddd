"""Forms of the beneficiaries' submissions and of the managers' review. They only read the
input; every rule is the services'."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.money import MONEY_DIGITS
from funding.portfolio.forms_grants import AmendmentRequestForm
from funding.reporting.models import COST_FIELDS, PeriodicReport
from funding.reporting.workflow import ReviewAction


class DeliverableSubmitForm(forms.Form):
    file = forms.FileField(
        label=_("Deliverable file"),
        help_text=_("PDF, Word, Excel or OpenDocument text, at most 10 MB."),
    )
    note = forms.CharField(
        label=_("Note to the programme manager"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _cost_field(name: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=capfirst(PeriodicReport._meta.get_field(name).verbose_name),
        min_value=0,
        max_digits=MONEY_DIGITS,
        decimal_places=2,
        initial="0.00",
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


class ReportSubmitForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Beneficiary"), queryset=None, empty_label=None)
    file = forms.FileField(
        label=_("Technical part"),
        help_text=_("PDF, Word, Excel or OpenDocument text, at most 10 MB."),
    )
    personnel = _cost_field("personnel")
    subcontracting = _cost_field("subcontracting")
    purchase = _cost_field("purchase")
    other = _cost_field("other")
    indirect = _cost_field("indirect")
    note = forms.CharField(
        label=_("Note to the programme manager"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants

    def costs(self) -> dict:
        return {name: self.cleaned_data[name] for name in COST_FIELDS}


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ReviewAction.ACCEPT, _("Accept")),
            (ReviewAction.REQUEST_CHANGES, _("Request changes")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to request changes: the beneficiary reads it."),
    )


class BeneficiaryAmendmentForm(AmendmentRequestForm):
    """The coordinator's own amendment request: the manager's form, the reason theirs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Reason for the amendment")
        self.fields["reason"].help_text = _(
            "What changed and why the grant agreement should follow; the programme manager "
            "reads it to decide."
        )
