from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms import selectors
from cms.models.french import FrenchTitle, french_panel, french_search_fields


class HomePage(FrenchTitle, Page):
    """The site's front page: open calls with the nearest deadlines, news, headline figures."""

    intro = models.TextField(_("introduction"), blank=True)

    intro_fr = models.TextField(_("introduction in French"), blank=True)
    body = RichTextField(_("body"), blank=True)
    body_fr = RichTextField(_("body in French"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        french_panel("intro", "body"),
    ]
    search_fields = (
        Page.search_fields
        + [index.SearchField("intro"), index.SearchField("body")]
        + french_search_fields("intro", "body")
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.ProjectIndexPage",
        "cms.WorkstreamIndexPage",
        "cms.CallIndexPage",
        "cms.StrategyPage",
        "cms.NewsIndexPage",
        "cms.StandardPage",
        "cms.SearchPage",
        "cms.FeedbackFormPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_deadlines"] = selectors.upcoming_deadlines(limit=5)
        context["figures"] = selectors.headline_figures()
        context["latest_news"] = selectors.latest_news(limit=3)
        context["call_index"] = selectors.call_index()
        return context
