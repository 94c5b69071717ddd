from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.models import Organisation
from cooperation.organisations.models import MembershipRole
from cooperation.organisations.services import (
    ORGANISATION_PROFILE_FIELDS,
    organisation_pending_match,
)


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = list(ORGANISATION_PROFILE_FIELDS)
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class RegisterOrganisationForm(OrganisationForm):
    """Registering: an organisation a consortium typed in (pending) is claimed, not a
    duplicate: the form checks the details against that row, as an edit of it would."""

    def clean(self):
        cleaned = super().clean()
        match = organisation_pending_match(cleaned)
        if match is not None:
            self.instance = match
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Colleague's e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role in the organisation"),
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,
        help_text=_("The legal representative signs on the organisation's behalf."),
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if (
            self.organisation is not None
            and self.organisation.memberships.filter(user__email__iexact=email).exists()
        ):
            raise forms.ValidationError(_("This person is already a member."))
        return email


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role in the organisation"), choices=MembershipRole.choices)
