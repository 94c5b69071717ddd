"""Forms of the proposal sections. Each carries the proposal's `lock_version`, hidden,
so a save made on a stale page is refused instead of overwriting someone else's work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.models import Organisation
from cooperation.organisations.models import OrganisationType
from funding.proposals.models import (
    MAX_BUDGET_LINE,
    AttachmentKind,
    Gender,
    PartnerRole,
    Proposal,
)


class VersionedForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class StartProposalForm(forms.Form):
    coordinator = forms.ModelChoiceField(
        label=_("Coordinating organisation"), queryset=Organisation.objects.none()
    )
    acronym = forms.CharField(label=_("Acronym"), max_length=30)
    title = forms.CharField(label=_("Title"), max_length=255)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = organisations
        only = list(organisations[:2])
        if len(only) == 1:
            self.fields["coordinator"].initial = only[0].pk


class GeneralForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["acronym", "title", "abstract", "keywords", "duration_months"]
        widgets = {"abstract": forms.Textarea(attrs={"rows": 8})}

    field_order = ["lock_version", "acronym", "title", "abstract", "keywords", "duration_months"]


class PartnerForm(VersionedForm):
    """Add a partner: an organisation of the registry, or a new one with its details."""

    role = forms.ChoiceField(
        label=_("Role in the consortium"),
        choices=[(v, lbl) for v, lbl in PartnerRole.choices if v != PartnerRole.COORDINATOR],
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation from the registry"),
        # The registry: a pending organisation another consortium typed in is not offered.
        queryset=Organisation.objects.registry().order_by("legal_name"),
        required=False,
        help_text=_("Leave empty to enter a new organisation below."),
    )
    legal_name = forms.CharField(label=_("New organisation: legal name"), required=False)
    short_name = forms.CharField(label=_("New organisation: short name"), required=False)
    country = forms.CharField(
        label=_("New organisation: country (two-letter code, e.g. BE)"),
        required=False,
        max_length=2,
    )
    organisation_type = forms.ChoiceField(
        label=_("New organisation: type"),
        choices=[("", "—"), *OrganisationType.choices],
        required=False,
    )
    pic = forms.CharField(label=_("New organisation: PIC"), required=False, max_length=9)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("organisation") is None:
            missing = [
                f for f in ("legal_name", "country", "organisation_type") if not cleaned.get(f)
            ]
            if missing:
                raise forms.ValidationError(
                    _(
                        "Choose an organisation from the registry, or give the new "
                        "organisation's legal name, country and type."
                    )
                )
            cleaned["country"] = cleaned["country"].upper()
        return cleaned

    def new_organisation(self) -> dict | None:
        if self.cleaned_data.get("organisation") is not None:
            return None
        return {
            f: self.cleaned_data[f]
            for f in ("legal_name", "short_name", "country", "organisation_type", "pic")
        }


def _cost(label):
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_value=MAX_BUDGET_LINE,
        decimal_places=2,
        max_digits=14,
        error_messages={
            "min_value": _("A cost cannot be negative."),
            "max_value": _("A cost line cannot exceed €100,000,000.00; check the amount."),
        },
    )


class BudgetForm(VersionedForm):
    """One row of four cost lines per partner, named `<field>_<partner id>`."""

    COST_FIELDS = {
        "personnel_costs": _("Personnel"),
        "subcontracting_costs": _("Subcontracting"),
        "purchase_costs": _("Purchase costs"),
        "other_direct_costs": _("Other direct costs"),
    }

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = list(partners)
        for partner in self.partners:
            for field, label in self.COST_FIELDS.items():
                name = f"{field}_{partner.pk}"
                self.fields[name] = _cost(f"{label} — {partner.organisation}")
                self.initial.setdefault(name, getattr(partner, field))
            self.fields[f"complete_{partner.pk}"] = forms.BooleanField(
                label=_("The budget and personnel of %(org)s are complete")
                % {"org": partner.organisation},
                required=False,
                initial=partner.share_completed_at is not None,
            )

    def rows(self):
        return [
            (
                partner,
                [self[f"{field}_{partner.pk}"] for field in self.COST_FIELDS],
                self[f"complete_{partner.pk}"],
            )
            for partner in self.partners
        ]

    def lines(self) -> dict[int, dict]:
        return {
            partner.pk: {
                **{field: self.cleaned_data[f"{field}_{partner.pk}"] for field in self.COST_FIELDS},
                "complete": self.cleaned_data[f"complete_{partner.pk}"],
            }
            for partner in self.partners
        }


class PersonForm(VersionedForm):
    partner = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    role_in_project = forms.CharField(
        label=_("Role in the project"), max_length=120, required=False
    )
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        choices=[("", _("Not given")), *Gender.choices],
        required=False,
        help_text=_("Used only to break ties on gender balance, as the programme rules say."),
    )

    def __init__(self, *args, proposal=None, partner_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        partners = proposal.partners.select_related("organisation")
        if partner_ids is not None:  # a partner's member names only their own people
            partners = partners.filter(pk__in=partner_ids)
        self.fields["partner"].queryset = partners
        self.fields["partner"].label_from_instance = lambda p: str(p.organisation)


class AttachmentForm(VersionedForm):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=AttachmentKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("Part B must be a PDF. Annexes may be PDF, Word (DOCX), Excel (XLSX) or ODT."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the proposal?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
