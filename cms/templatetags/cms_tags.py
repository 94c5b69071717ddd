from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def aria_current(context, prefix: str):
    """` aria-current="page"` on the navigation link of the section being shown."""
    request = context.get("request")
    path = getattr(request, "path", "")
    current = path == "/" if prefix == "/" else path.startswith(prefix)
    if not current:
        return ""
    return mark_safe(' aria-current="page"' if path in (prefix, "/") else ' aria-current="true"')  # noqa: S308
