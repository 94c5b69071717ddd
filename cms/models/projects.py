import io

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from cms.models.french import FrenchTitle, french_panel
from funding.portfolio.filters import PublicProjectFilter
from funding.portfolio.giving360 import grant_package, write_grants_csv
from funding.portfolio.models.delivery import Deliverable, DisseminationLevel
from funding.portfolio.models.projects import FundedProject, Participant

PAGE_SIZE = 20


def _public_projects():
    """Ongoing and closed projects only, with what a public row shows, in a fixed number
    of queries. Nothing about people: organisations and money only."""
    return (
        FundedProject.objects.public()
        .select_related("programme")
        .with_coordinator()
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("organisation").only(
                    "project", "role", "eu_contribution", "position", "organisation"
                ),
            )
        )
    )


def _with_countries(projects):
    for project in projects:
        project.countries = sorted(
            {participant.organisation.country.code for participant in project.participants.all()}
        )
    return projects


class ProjectIndexPage(RoutablePageMixin, FrenchTitle, Page):
    """Presents the funded projects of the portfolio (funding.FundedProject): a filterable
    list, one page per project at <page>/<grant number>/, and the 360Giving open data."""

    intro = models.TextField(_("introduction"), blank=True)

    intro_fr = models.TextField(_("introduction in French"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), french_panel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("funded projects index")

    @path("")
    def project_list(self, request):
        filterset = PublicProjectFilter(request.GET or None, queryset=_public_projects())
        notice = ""
        if filterset.is_bound and not filterset.is_valid():
            notice = _("Some filter values were not recognised, so every public project is shown.")
            projects = filterset.queryset
        else:
            projects = filterset.qs
        page_obj = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "filter": filterset,
                "filter_notice": notice,
                "page_obj": page_obj,
                "projects": _with_countries(list(page_obj.object_list)),
            },
        )

    @re_path(r"^(?P<grant_number>\d{6,12})/$")
    def project_detail(self, request, grant_number):
        project = _public_projects().filter(grant_number=grant_number).first()
        if project is None:
            raise Http404(_("No public project has this grant number."))
        deliverables = Deliverable.objects.filter(
            project=project, dissemination_level=DisseminationLevel.PUBLIC
        ).exclude(submitted_date=None)
        return self.render(
            request,
            template="cms/project_detail.html",
            context_overrides={
                "project": _with_countries([project])[0],
                "deliverables": deliverables,
            },
        )

    @path("open-data/360giving-json/", name="giving360_json")
    def giving360_json(self, request):
        package = grant_package(download_url=request.build_absolute_uri())
        response = JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = 'inline; filename="360giving.json"'
        return response

    @path("open-data/360giving-csv/", name="giving360_csv")
    def giving360_csv(self, request):
        output = io.StringIO()
        write_grants_csv(output)
        response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="360giving.csv"'
        return response
