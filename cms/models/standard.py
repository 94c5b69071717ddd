from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.models.french import FrenchTitle, french_panel, french_search_fields


class StandardPage(FrenchTitle, Page):
    """A page of text: about, accessibility statement, legal notice."""

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

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage", "cms.FeedbackFormPage"]

    class Meta:
        verbose_name = _("standard page")
