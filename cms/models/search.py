import re

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.models.french import FrenchTitle, french_panel
from cms.selectors import records_matching

MAX_WORDS = 8


class SearchPage(FrenchTitle, Page):
    """Full-text search across the public pages (Wagtail's database backend), and the
    published records the pages present: calls, funded projects, public commitments."""

    intro = models.TextField(_("introduction"), blank=True)

    intro_fr = models.TextField(_("introduction in French"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), french_panel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("search page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:200]
        context["query"] = query
        # Words only: quotes and operators would reach the full-text engine's own query
        # syntax (SQLite FTS5 fails on a lone quote).
        words = re.findall(r"\w+", query)[:MAX_WORDS]
        terms = " ".join(words)
        if query:
            context["records"] = records_matching(words)
            pages = Page.objects.live().public().exclude(pk=self.pk).specific()
            results = pages.search(terms) if terms else Page.objects.none()
            context["page_obj"] = Paginator(results, 20).get_page(request.GET.get("page"))
        return context
