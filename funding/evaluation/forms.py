"""Forms of the evaluation: they collect input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cooperation.models import Organisation, User
from core.numbers import number_plain
from core.translated import localized
from core.widgets import FastSelect
from funding.calls.models.calls import Call
from funding.evaluation.models import RedressOutcome
from funding.evaluation.services.experts import assignable_experts, experts


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this proposal?"),
        choices=[("no", _("No, I have no conflict of interest")), ("yes", _("Yes, I have one"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("If yes, what is it?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ScoresForm(forms.Form):
    """A score and a comment per criterion; the service checks the scale."""

    def __init__(self, *args, criteria, step, initial_scores=None, with_minority=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        initial_scores = initial_scores or {}
        for criterion in self.criteria:
            score, comment = initial_scores.get(criterion.pk, (None, ""))
            self.fields[f"score_{criterion.pk}"] = forms.CharField(
                label=_("%(name)s — score (0 to %(max)s, steps of %(step)s)")
                % {
                    "name": localized(criterion, "name"),
                    "max": number_plain(criterion.max_score),
                    "step": number_plain(step),
                },
                required=False,
                initial="" if score is None else number_plain(score),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("%(name)s — comment") % {"name": localized(criterion, "name")},
                required=False,
                initial=comment,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        if with_minority:
            self.fields["minority_views"] = forms.CharField(
                label=_("Minority views"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Where the experts did not agree: who held which view, and why."),
            )

    def entries(self) -> dict:
        data = self.cleaned_data
        return {
            c.pk: (data.get(f"score_{c.pk}", ""), data.get(f"comment_{c.pk}", ""))
            for c in self.criteria
        }


class CheckForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("admit", _("Admissible and eligible: admit to evaluation")),
            ("inadmissible", _("Inadmissible")),
            ("ineligible", _("Ineligible")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    """The drop-down of the proposal page offers only the experts who may be assigned
    (`proposal` given); the POST accepts any expert, so that the service says in words why
    one is refused."""

    expert = forms.ModelChoiceField(label=_("Expert"), queryset=User.objects.none())

    def __init__(self, *args, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = (
            experts() if proposal is None else assignable_experts(proposal)
        )


class PairsField(forms.Field):
    """The previewed (proposal id, expert id) pairs, carried as "proposal-expert" values."""

    widget = forms.MultipleHiddenInput

    def prepare_value(self, value):
        return [v if isinstance(v, str) else f"{v[0]}-{v[1]}" for v in value or []]

    def to_python(self, value):
        pairs = []
        for item in value or []:
            proposal, _dash, expert = str(item).partition("-")
            if not (proposal.isdigit() and expert.isdigit()):
                raise forms.ValidationError(_("The preview could not be read."))
            pairs.append((int(proposal), int(expert)))
        return pairs


class BulkAssignForm(forms.Form):
    pairs = PairsField(required=False)


class ExpertProfileForm(forms.Form):
    """A programme manager's edit of an expert's profile and availability per call."""

    keywords = forms.CharField(
        label=_("Expertise keywords"),
        required=False,
        max_length=255,
        help_text=_("Separated by commas, for example: victim identification, forensics."),
    )
    country = forms.ChoiceField(label=_("Country"), required=False, widget=FastSelect)
    employer = forms.ModelChoiceField(
        label=_("Employer"),
        required=False,
        queryset=Organisation.objects.registry().order_by("legal_name", "pk"),
        widget=FastSelect,
        help_text=_(
            "An organisation of the registry; the conflict rules compare it with every consortium."
        ),
    )
    available_calls = forms.ModelMultipleChoiceField(
        label=_("Available to evaluate for"),
        required=False,
        queryset=Call.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "---------"), *countries]
        self.fields["available_calls"].queryset = calls

    def clean_keywords(self):
        words = [w.strip() for w in self.cleaned_data["keywords"].split(",")]
        if any(len(w) > 60 for w in words):
            raise forms.ValidationError(_("Keep each keyword under 60 characters."))
        return ", ".join(w for w in words if w)


class RapporteurForm(forms.Form):
    rapporteur = forms.ModelChoiceField(label=_("Rapporteur"), queryset=User.objects.none())

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rapporteur"].queryset = choices if choices is not None else User.objects.none()


class PriorityForm(forms.Form):
    priority = forms.IntegerField(
        label=_("Panel priority (1 ranks first among ex aequo)"), min_value=1
    )
    reason = forms.CharField(
        label=_("Reason recorded by the panel"), widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    select = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Select for funding")), ("no", _("Do not fund"))],
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to leave a proposal unfunded or to fund one from the reserve list."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeadlineForm(forms.Form):
    report_deadline = forms.DateTimeField(
        label=_("Deadline for individual reports (Brussels time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class AvailabilityForm(forms.Form):
    call = forms.ModelChoiceField(
        label=_("Call"),
        # What an option shows (`Call.__str__`), not the calls' long texts.
        queryset=Call.objects.only("pk", "identifier", "title").order_by("-publication_date"),
        widget=FastSelect,
    )
    available = forms.TypedChoiceField(
        label=_("Available to evaluate"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=FastSelect,
    )


class RedressRequestForm(forms.Form):
    grounds = forms.CharField(
        label=_("Which step of the evaluation procedure went wrong, and how?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_(
            "For example: an expert had a conflict of interest, part of the submitted "
            "proposal was not evaluated, a criterion was applied that the call does not "
            "set, or the Evaluation Summary Report contradicts the scores. A review does "
            "not reconsider the experts' judgement of the proposal's merits."
        ),
    )


class RedressDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome of the review"),
        choices=RedressOutcome.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (the applicant reads it)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
