"""Forms of the evaluation: they collect input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.accounts.roles import Role
from cooperation.models import User
from funding.calls.models.calls import Call
from funding.evaluation.models import RedressOutcome


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
                    "name": criterion.name,
                    "max": criterion.max_score.normalize(),
                    "step": step.normalize(),
                },
                required=False,
                initial="" if score is None else score.normalize(),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("%(name)s — comment") % {"name": criterion.name},
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


def experts():
    return User.objects.filter(groups__name=Role.EXPERT, is_active=True).order_by(
        "last_name", "first_name"
    )


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts()


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
        label=_("Call"), queryset=Call.objects.order_by("-publication_date")
    )
    available = forms.TypedChoiceField(
        label=_("Available to evaluate"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
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
