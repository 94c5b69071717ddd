"""Excel downloads and the stakeholder import of the forum secretariat."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.generic import FormView, View

from cooperation.forum.exports import export_commitments, export_mnr_matrix
from cooperation.forum.filters import CommitmentFilter, MNRFilter
from cooperation.forum.forms import StakeholderImportForm
from cooperation.forum.imports import IMPORT_COLUMNS, stakeholder_import_template
from cooperation.forum.permissions import can_export_contacts
from cooperation.forum.services import stakeholder_import
from cooperation.forum.views.staff import ForumMixin
from cooperation.models import Commitment, MNRAssessment
from core.files import XLSX_CONTENT_TYPE
from core.filters import filtered


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CommitmentExportView(ForumMixin, View):
    """The commitments the list's filters select; contacts only if asked for and allowed."""

    def get(self, request):
        include_contacts = request.GET.get("contacts") in {"on", "1", "true"}
        if include_contacts:
            verdict = can_export_contacts(request.user)
            if not verdict:
                raise PermissionDenied(verdict.reason)
        filterset = CommitmentFilter(
            request.GET, queryset=Commitment.objects.all(), request=request
        )
        queryset = filtered(filterset)  # what the list shows, so never more
        today = timezone.localdate()
        content = export_commitments(
            Commitment.objects.filter(pk__in=queryset.values("pk")),
            today=today,
            include_contacts=include_contacts,
        )
        return xlsx_response(content, f"commitments-{today.isoformat()}.xlsx")


class MNRExportView(ForumMixin, View):
    def get(self, request):
        filterset = MNRFilter(request.GET, queryset=MNRAssessment.objects.all())
        queryset = filtered(filterset)
        content = export_mnr_matrix(queryset)
        return xlsx_response(
            content, f"model-national-response-{timezone.localdate().isoformat()}.xlsx"
        )


class ImportTemplateView(ForumMixin, View):
    def get(self, request):
        return xlsx_response(stakeholder_import_template(), "stakeholder-import-template.xlsx")


class StakeholderImportView(ForumMixin, FormView):
    form_class = StakeholderImportForm
    template_name = "cooperation/forum_stakeholder_import.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=IMPORT_COLUMNS, **kwargs)

    def form_valid(self, form):
        report = stakeholder_import(file=form.cleaned_data["file"], user=self.request.user)
        if not report.ok:
            form.add_error(
                "file",
                ngettext(
                    "Nothing was imported: %(n)d problem is listed below.",
                    "Nothing was imported: %(n)d problems are listed below.",
                    len(report.errors),
                )
                % {"n": len(report.errors)},
            )
            return self.render_to_response(
                self.get_context_data(form=form, report=report), status=400
            )
        return self.render_to_response(self.get_context_data(form=form, report=report))
