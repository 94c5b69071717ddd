"""The French of a page (core/translated.py): a title in French on every page, and for each
text field its `<name>_fr` companion, edited in the page's own "In French" panel."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class FrenchTitle(models.Model):
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)

    class Meta:
        abstract = True


def french_panel(*names: str) -> MultiFieldPanel:
    """The page's French texts, under the English ones: the title, then `names`."""
    fields = ["title_fr", *(f"{name}_fr" for name in names)]
    return MultiFieldPanel([FieldPanel(field) for field in fields], heading=_("In French"))


def french_search_fields(*names: str) -> list:
    """The French texts are searched too, so a French visitor finds the page."""
    return [index.SearchField(field) for field in ["title_fr", *(f"{n}_fr" for n in names)]]
