"""Forms of a project's plan (deliverables, reporting periods). They choose and shape the
fields; the model's clean() checks them on an instance of the project, and the services
(funding.portfolio.records) refuse what would rewrite a submission."""

from django import forms

from funding.portfolio.forms_grants import DATE
from funding.portfolio.models.delivery import Deliverable, ReportingPeriod


class DeliverableForm(forms.ModelForm):
    class Meta:
        model = Deliverable
        fields = [
            "code",
            "title",
            "work_package",
            "deliverable_type",
            "dissemination_level",
            "due_date",
        ]
        widgets = {"due_date": DATE}


class ReportingPeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["number", "start_date", "end_date", "report_due_date"]
        widgets = {"start_date": DATE, "end_date": DATE, "report_due_date": DATE}
