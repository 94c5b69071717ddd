"""Sortable column headers for the staff lists: `{% sortable_header "acronym" _("Acronym") %}`
links to the same list ordered by that column (django-filter's OrderingFilter reads `o`),
keeping every filter, toggling the direction, and telling screen readers with aria-sort."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()

ORDER_PARAMETER = "o"


@register.simple_tag(takes_context=True)
def sortable_header(context, field: str, label, css_class: str = ""):
    request = context["request"]
    current = request.GET.get(ORDER_PARAMETER, "")
    ascending = current == field
    descending = current == f"-{field}"
    query = request.GET.copy()
    query.pop("page", None)
    query[ORDER_PARAMETER] = f"-{field}" if ascending else field
    sort = "ascending" if ascending else "descending" if descending else "none"
    arrow = "▲" if ascending else "▼" if descending else ""
    hint = (
        gettext("sorted ascending; sort descending")
        if ascending
        else gettext("sorted descending; sort ascending")
        if descending
        else gettext("sort by this column")
    )
    return format_html(
        '<th scope="col"{} aria-sort="{}"><a href="?{}">{}<span class="visually-hidden"> ({})'
        '</span><span aria-hidden="true"> {}</span></a></th>',
        format_html(' class="{}"', css_class) if css_class else "",
        sort,
        query.urlencode(),
        label,
        hint,
        arrow,
    )
