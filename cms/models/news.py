from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.models.french import FrenchTitle, french_panel, french_search_fields


class NewsIndexPage(FrenchTitle, Page):
    intro = models.TextField(_("introduction"), blank=True)
    intro_fr = models.TextField(_("introduction in French"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), french_panel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.live().child_of(self).order_by("-date", "-pk")
        context["page_obj"] = Paginator(news, 20).get_page(request.GET.get("page"))
        return context


class NewsPage(FrenchTitle, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("summary"), blank=True)
    intro_fr = models.TextField(_("summary in French"), blank=True)
    body = RichTextField(_("body"), blank=True)
    body_fr = RichTextField(_("body in French"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
        french_panel("intro", "body"),
    ]
    search_fields = (
        Page.search_fields
        + [index.SearchField("intro"), index.SearchField("body")]
        + french_search_fields("intro", "body")
    )
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
