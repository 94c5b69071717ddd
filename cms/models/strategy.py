from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index


class InitiativeBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label=_("number"), min_value=1)
    title = blocks.CharBlock(label=_("title"), max_length=200)
    summary = blocks.TextBlock(label=_("summary"))
    key_actions = blocks.ListBlock(blocks.CharBlock(label=_("key action")), label=_("key actions"))

    class Meta:
        icon = "pick"
        label = _("Initiative")


class StrategyPage(Page):
    """The EU strategy for a more effective fight against child sexual abuse and its initiatives."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)
    initiatives = StreamField(
        [("initiative", InitiativeBlock())], blank=True, verbose_name=_("initiatives")
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("initiatives"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("initiatives"),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("strategy page")
