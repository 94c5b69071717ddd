from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cms.models.french import FrenchTitle, french_panel
from cooperation.forum.models.stakeholders import StakeholderCategory
from cooperation.models import Commitment, Meeting, Stakeholder


class WorkstreamIndexPage(RoutablePageMixin, FrenchTitle, Page):
    """Lists the cooperation workstreams (EU Internet Forum, prevention network, WeProtect),
    and, at stakeholders/, the WeProtect and EU Internet Forum members by category."""

    intro = models.TextField(_("introduction"), blank=True)

    intro_fr = models.TextField(_("introduction in French"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), french_panel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.WorkstreamPage"]
    max_count = 1

    class Meta:
        verbose_name = _("workstreams index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["workstream_pages"] = (
            WorkstreamPage.objects.child_of(self)
            .live()
            .public()
            .filter(workstream__public=True)
            .select_related("workstream")
        )
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("stakeholders/")
    def stakeholders(self, request):
        """Organisations only — never contact persons."""
        labels = dict(StakeholderCategory.choices)
        groups: dict[str, list] = {}
        for stakeholder in (
            Stakeholder.objects.public_members()
            .select_related("organisation")
            .order_by("category", "organisation__legal_name")
        ):
            groups.setdefault(stakeholder.category, []).append(stakeholder)
        context = self.get_context(request)
        context["groups"] = [(labels[key], members) for key, members in groups.items()]
        return TemplateResponse(request, "cms/workstream_stakeholders.html", context)


class WorkstreamPage(FrenchTitle, Page):
    """Presents one cooperation Workstream and its public commitments with their progress."""

    workstream = models.ForeignKey(
        "cooperation.Workstream",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("workstream"),
    )
    intro = models.TextField(_("introduction"), blank=True)
    intro_fr = models.TextField(_("introduction in French"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("workstream"),
        FieldPanel("intro"),
        french_panel("intro"),
    ]
    parent_page_types = ["cms.WorkstreamIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("workstream page")

    def serve(self, request, *args, **kwargs):
        if not self.workstream.public:
            raise Http404(_("This workstream is not public."))
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        workstream = self.workstream
        context["workstream"] = workstream
        context["today"] = timezone.localdate()
        context["commitments"] = (
            Commitment.objects.public()
            .filter(workstream=workstream)
            .select_related("owner__organisation")
            .order_by("due_date", "pk")
            if workstream.public
            else Commitment.objects.none()
        )
        # Published summaries only, and only what is public: never attendance, agenda or minutes.
        context["meeting_summaries"] = (
            Meeting.objects.summary_published()
            .filter(workstream=workstream)
            .only("title", "kind", "date", "public_summary", "summary_published_at")
            .order_by("-date", "pk")
            if workstream.public
            else Meeting.objects.none()
        )
        return context
