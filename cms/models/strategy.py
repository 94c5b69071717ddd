from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.models.calls import call_public_urls
from cms.models.french import FrenchTitle, french_panel, french_search_fields
from cms.models.projects import ProjectIndexPage
from cms.models.workstreams import WorkstreamPage
from cms.strategy import completion_rows, initiative_figures, initiative_records
from cooperation.forum.models.workstreams import StrategyInitiative
from core.translated import localized, localized_list


class InitiativeBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label=_("number"), min_value=1)
    title = blocks.CharBlock(label=_("title"), max_length=200)
    summary = blocks.TextBlock(label=_("summary"))
    title_fr = blocks.CharBlock(label=_("title in French"), max_length=200, required=False)
    summary_fr = blocks.TextBlock(label=_("summary in French"), required=False)
    key_actions = blocks.ListBlock(blocks.CharBlock(label=_("key action")), label=_("key actions"))
    key_actions_fr = blocks.ListBlock(
        blocks.CharBlock(label=_("key action"), required=False),
        label=_("key actions in French"),
        required=False,
    )

    class Meta:
        icon = "pick"
        label = _("Initiative")


class StrategyPage(RoutablePageMixin, FrenchTitle, Page):
    """The EU strategy for a more effective fight against child sexual abuse and its
    initiatives, each with its progress from the records at <page>/<number>/."""

    intro = models.TextField(_("introduction"), blank=True)

    intro_fr = models.TextField(_("introduction in French"), blank=True)
    body = RichTextField(_("body"), blank=True)
    body_fr = RichTextField(_("body in French"), blank=True)
    initiatives = StreamField(
        [("initiative", InitiativeBlock())], blank=True, verbose_name=_("initiatives")
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("initiatives"),
        french_panel("intro", "body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("initiatives"),
        *french_search_fields("intro", "body"),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("strategy page")

    def _initiatives(self) -> list[dict]:
        """Each initiative: the editor's text (number, title, summary, key actions) where
        the page has one, else the strategy's own title; with its figures."""
        texts = {block.value["number"]: block.value for block in self.initiatives}
        figures = initiative_figures()
        labels = dict(StrategyInitiative.choices)
        return [
            {
                "number": number,
                "title": (
                    localized(texts[number], "title")
                    if number in texts
                    else str(labels[number]).removeprefix(f"{number}. ")
                ),
                "text": texts.get(number),
                "key_actions": localized_list(texts[number], "key_actions")
                if number in texts
                else [],
                "figures": figures[number],
                "completion": completion_rows(figures[number]["completion"]),
                "url": self.url + self.reverse_subpage("initiative", args=[number]),
            }
            for number in StrategyInitiative.values
        ]

    @path("")
    def overview(self, request):
        return self.render(request, context_overrides={"initiative_list": self._initiatives()})

    @re_path(r"^(?P<number>[1-8])/$", name="initiative")
    def initiative(self, request, number):
        number = int(number)
        initiative = next(item for item in self._initiatives() if item["number"] == number)
        records = initiative_records(number)
        urls = call_public_urls(call.pk for call in records["calls"])
        for call in records["calls"]:
            call.public_url = urls.get(call.pk)
        pages = {
            page.workstream_id: page.url
            for page in WorkstreamPage.objects.live().public().filter(workstream__initiative=number)
        }
        for workstream in records["workstreams"]:
            workstream.public_url = pages.get(workstream.pk)
        project_index = ProjectIndexPage.objects.live().first()
        return self.render(
            request,
            template="cms/strategy_initiative.html",
            context_overrides={
                "initiative": initiative,
                "project_index_url": project_index.url if project_index else None,
                **records,
            },
        )
