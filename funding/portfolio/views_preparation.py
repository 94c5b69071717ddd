"""Staff screens of grant preparation: the checklist page and its steps, a beneficiary's
legal entity and bank account, the description of action's download, a failed preparation
and the reserve list's next proposal. Each step is a service call; a refusal is shown on
the page with what was typed kept."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from core.files import UploadRefused, private_file_response
from core.views import RuleRequiredMixin
from funding.evaluation.snapshot import last_submission
from funding.portfolio.checklist import (
    deadline_slipped,
    grant_checklist,
    grant_deadline,
    preparation_of,
    signing_participants,
)
from funding.portfolio.forms_grants import (
    BeneficiaryAccountForm,
    DatesForm,
    DescriptionForm,
    ReasonForm,
    SignatureForm,
)
from funding.portfolio.models.projects import FundedProject, Participant, ProjectStatus
from funding.portfolio.permissions import can_prepare_grant
from funding.portfolio.preparation import (
    GrantError,
    beneficiary_account_record,
    consortium_differences,
    grant_consortium_confirm,
    grant_dates_agree,
    grant_description_attach,
    grant_preparation_fail,
    grant_sign,
)
from funding.portfolio.reserve import (
    failed_preparation,
    reserve_candidate,
    reserve_select,
    topic_budget,
)


def _project(grant_number: str) -> FundedProject:
    participants = Participant.objects.select_related("organisation", "account")
    return get_object_or_404(
        FundedProject.objects.select_related(
            "programme", "topic", "proposal", "grant_preparation"
        ).prefetch_related(Prefetch("participants", queryset=participants)),
        grant_number=grant_number,
    )


def add_service_error(form, error) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))


class ProjectMixin(RuleRequiredMixin):
    rule = can_prepare_grant

    def dispatch(self, request, *args, **kwargs):
        self.grant_number = kwargs["grant_number"]
        return super().dispatch(request, *args, **kwargs)

    @property
    def project(self) -> FundedProject:
        if not hasattr(self, "_project"):
            self._project = _project(self.grant_number)
        return self._project

    def back(self):
        return redirect("portfolio:preparation", grant_number=self.grant_number)


class PreparationView(ProjectMixin, TemplateView):
    """The checklist page; each step's form posts to its own address (below)."""

    template_name = "funding/grant_preparation.html"
    forms = {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project, today = self.project, timezone.localdate()
        preparation = preparation_of(project)
        submission = last_submission(project.proposal) if project.proposal_id else None
        context.update(
            project=project,
            preparation=preparation,
            checklist=grant_checklist(project),
            deadline=grant_deadline(project),
            slipped=project.status == ProjectStatus.GRANT_PREPARATION
            and deadline_slipped(project, today),
            open=project.status == ProjectStatus.GRANT_PREPARATION,
            failed=failed_preparation(project),
            signing=signing_participants(project),
            snapshot=submission.snapshot if submission else None,
            snapshot_rows=list(
                zip(
                    submission.snapshot["consortium"],
                    submission.snapshot["budget"]["partners"],
                    strict=True,
                )
            )
            if submission
            else [],
            submission=submission,
            differences=consortium_differences(project),
            description_form=self.forms.get("description") or DescriptionForm(),
            dates_form=self.forms.get("dates")
            or DatesForm(
                initial={
                    "start_date": project.start_date,
                    "duration_months": project.duration_months,
                }
            ),
            signature_form=self.forms.get("signature")
            or SignatureForm(initial={"signature_date": today}),
            step_error=self.forms.get("error", ""),
        )
        return context


class StepView(PreparationView):
    """A POST of one step: done, back to the checklist; refused, the checklist again with
    the refusal beside the step's form."""

    http_method_names = ["post"]
    form_class = None
    form_key = ""

    def post(self, request, grant_number):
        form = self.form_class(request.POST, request.FILES) if self.form_class else None
        if form is None or form.is_valid():
            try:
                self.step(form.cleaned_data if form else {})
            except (GrantError, ValidationError) as error:
                if form is None:
                    self.forms = {
                        "error": str(error)
                        if isinstance(error, GrantError)
                        else " ".join(error.messages)
                    }
                else:
                    add_service_error(form, error)
            else:
                messages.success(request, self.done)
                return (
                    self.back()
                    if self.project.status == ProjectStatus.GRANT_PREPARATION
                    else redirect("portfolio:detail", grant_number=grant_number)
                )
        if form is not None:
            self.forms = {self.form_key: form}
        return self.render_to_response(self.get_context_data())


class ConsortiumStepView(StepView):
    @property
    def done(self):
        return _("Consortium and budget confirmed.")

    def step(self, data):
        grant_consortium_confirm(project=self.project, user=self.request.user)


class DescriptionStepView(StepView):
    form_class, form_key = DescriptionForm, "description"

    @property
    def done(self):
        return _("Description of action attached.")

    def step(self, data):
        try:
            grant_description_attach(
                project=self.project, user=self.request.user, upload=data["file"]
            )
        except UploadRefused as refusal:
            raise ValidationError({"file": str(refusal)}) from refusal


class DatesStepView(StepView):
    form_class, form_key = DatesForm, "dates"

    @property
    def done(self):
        return _("Start date and duration agreed.")

    def step(self, data):
        grant_dates_agree(project=self.project, user=self.request.user, **data)


class SignStepView(StepView):
    form_class, form_key = SignatureForm, "signature"

    @property
    def done(self):
        return _("Grant agreement signed: the project is ongoing.")

    def step(self, data):
        grant_sign(project=self.project, user=self.request.user, **data)


class AccountView(ProjectMixin, TemplateView):
    """One beneficiary's legal entity and bank account."""

    template_name = "funding/grant_account.html"

    def get_participant(self) -> Participant:
        return get_object_or_404(
            Participant.objects.select_related("organisation", "account"),
            pk=self.kwargs["participant"],
            project=self.project,
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        participant = self.get_participant()
        account = getattr(participant, "account", None) if hasattr(participant, "account") else None
        context.update(
            project=self.project,
            participant=participant,
            account=account,
            form=form or BeneficiaryAccountForm(instance=account),
        )
        return context

    def post(self, request, grant_number, participant):
        form = BeneficiaryAccountForm(request.POST)
        if form.is_valid():
            try:
                beneficiary_account_record(
                    participant=self.get_participant(), user=request.user, **form.cleaned_data
                )
            except (GrantError, ValidationError) as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Legal entity and bank account validated."))
                return self.back()
        return self.render_to_response(self.get_context_data(form=form))


class DescriptionDownloadView(ProjectMixin, View):
    def get(self, request, grant_number):
        preparation = preparation_of(self.project)
        if preparation is None or not preparation.description:
            return private_file_response(None)
        return private_file_response(
            preparation.description,
            filename=preparation.description_name,
            sha256=preparation.description_sha256,
        )


class FailView(ProjectMixin, TemplateView):
    """A failed grant preparation, on its own page for it cannot be undone: the GET says
    what it does and asks the reason; the POST records it and goes to the reserve list."""

    template_name = "funding/grant_fail.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(project=self.project, form=form or ReasonForm())
        return context

    def post(self, request, grant_number):
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                grant_preparation_fail(
                    project=self.project, user=request.user, reason=form.cleaned_data["reason"]
                )
            except GrantError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Grant preparation recorded as failed; its budget is freed.")
                )
                return redirect("portfolio:reserve", grant_number=grant_number)
        return self.render_to_response(self.get_context_data(form=form))


class ReserveView(ProjectMixin, TemplateView):
    """After a failed preparation: the topic's budget and its first reserve proposal, whose
    selection the manager confirms here."""

    template_name = "funding/grant_reserve.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.project
        topic = project.topic
        entry = reserve_candidate(topic) if topic and failed_preparation(project) else None
        budget = topic_budget(topic) if topic else None
        requested = entry.proposal.evaluated_version.requested if entry else None
        context.update(
            project=project,
            failed=failed_preparation(project),
            entry=entry,
            budget=budget,
            requested=requested,
            fits=bool(entry and budget and requested <= budget.available),
            form=form
            or ReasonForm(
                initial={
                    "reason": _(
                        "Funded from the reserve list: the grant preparation of %(acronym)s failed."
                    )
                    % {"acronym": project.acronym}
                }
            ),
        )
        return context

    def post(self, request, grant_number):
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                selected = reserve_select(
                    project=self.project, user=request.user, reason=form.cleaned_data["reason"]
                )
            except GrantError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Selected from the reserve list: project %(grant)s is in grant preparation.")
                    % {"grant": selected.grant_number},
                )
                return redirect("portfolio:preparation", grant_number=selected.grant_number)
        return self.render_to_response(self.get_context_data(form=form))
