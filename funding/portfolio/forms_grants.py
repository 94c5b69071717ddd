"""Forms of grant preparation, payments and amendments. They only choose and shape the
fields; the rules are the services' (funding.portfolio.preparation, payments,
amendments), whose refusals the views add to the form so that what was typed is kept."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.models import Organisation
from core.money import MONEY_DIGITS
from core.widgets import FastSelect
from funding.portfolio.models.amendments import JOINING_ROLES, AmendmentKind
from funding.portfolio.models.delivery import PaymentKind
from funding.portfolio.models.grants import BeneficiaryAccount

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _amount(label, **kwargs):
    return forms.DecimalField(
        label=label, max_digits=MONEY_DIGITS, decimal_places=2, min_value=0, **kwargs
    )


class BeneficiaryAccountForm(forms.ModelForm):
    class Meta:
        model = BeneficiaryAccount
        fields = ["registration_number", "account_holder", "iban", "bic"]
        help_texts = {
            "iban": _("Checked against ISO 13616: the country's length and the check digits."),
            "bic": _("Optional: 8 or 11 characters."),
        }


class DescriptionForm(forms.Form):
    file = forms.FileField(
        label=_("Description of action (Part B)"),
        help_text=_("PDF, Word or OpenDocument text, at most 10 MB."),
    )


class DatesForm(forms.Form):
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    duration_months = forms.IntegerField(label=_("Duration (months)"), min_value=1, max_value=120)


class SignatureForm(forms.Form):
    signature_date = forms.DateField(label=_("Signature date of the grant agreement"), widget=DATE)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )


class PaymentRecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PaymentKind.choices)
    amount = _amount(_("Amount (EUR)"))
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class AmendmentRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AmendmentKind.choices)
    reason = forms.CharField(
        label=_("Reason given by the coordinator"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    new_end_date = forms.DateField(
        label=_("New end date"), required=False, widget=DATE, help_text=_("Change of end date.")
    )
    from_participant = forms.ModelChoiceField(
        label=_("From (or leaving)"),
        queryset=None,
        required=False,
        help_text=_("Budget transfer: who gives; partner leaving: who leaves."),
    )
    to_participant = forms.ModelChoiceField(
        label=_("To"), queryset=None, required=False, help_text=_("Budget transfer: who receives.")
    )
    amount = _amount(_("Amount (EUR)"), required=False, help_text=_("Budget transfer."))
    organisation = forms.ModelChoiceField(
        label=_("Organisation joining"),
        queryset=Organisation.objects.order_by("legal_name"),
        required=False,
        widget=FastSelect,
        help_text=_("Partner added."),
    )
    role = forms.ChoiceField(
        label=_("Role of the organisation joining"),
        choices=[("", "—"), *[(r.value, r.label) for r in JOINING_ROLES]],
        required=False,
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        participants = project.participants.filter(left_on__isnull=True).select_related(
            "organisation"
        )
        self.fields["from_participant"].queryset = participants
        self.fields["to_participant"].queryset = participants


class AmendmentDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Required to refuse."),
    )
