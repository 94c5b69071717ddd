"""What the portfolio's list writes on every row: a project's health badge and status, each
from a map built once per language (Django's get_status_display rebuilt and translated
every choice on each call), and the address of its page."""

from urllib.parse import quote

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from funding.portfolio.health import Health
from funding.portfolio.models.projects import ProjectStatus

register = template.Library()

# The badge's modifier per health; "not assessed" has none.
BADGE_CLASSES = {
    Health.GREEN: "badge--green",
    Health.AMBER: "badge--amber",
    Health.RED: "badge--red",
}
_BADGES: dict[str, dict[str, str]] = {}
_STATUSES: dict[str, dict[str, str]] = {}
_PROJECT_URLS: dict[tuple[str, str], str] = {}
GRANT = "__grant__"


def _badges() -> dict[str, str]:
    language = get_language()
    if language not in _BADGES:
        words = {
            Health.GREEN: gettext("Green"),
            Health.AMBER: gettext("Amber"),
            Health.RED: gettext("Red"),
        }
        badges = {
            code: format_html('<span class="badge {}">{}</span>', css, words[code])
            for code, css in BADGE_CLASSES.items()
        }
        badges[""] = format_html('<span class="badge">{}</span>', gettext("Not assessed"))
        _BADGES[language] = badges
    return _BADGES[language]


@register.filter
def health_badge(health) -> str:
    """`{{ project.health|health_badge }}`: green, amber, red, or not assessed."""
    badges = _badges()
    return badges.get(health, badges[""])


@register.filter
def project_status(status) -> str:
    """`{{ project.status|project_status }}`: the status's label in the reader's language."""
    language = get_language()
    if language not in _STATUSES:
        _STATUSES[language] = {value: str(label) for value, label in ProjectStatus.choices}
    return _STATUSES[language].get(status, status)


@register.filter
def project_url(grant_number) -> str:
    """`{{ project.grant_number|project_url }}`: the project's staff page, as
    `{% url 'portfolio:detail' grant_number %}` gives it, the address reversed once per
    language instead of once per row."""
    key = (get_language(), get_script_prefix())
    if key not in _PROJECT_URLS:
        _PROJECT_URLS[key] = reverse("portfolio:detail", args=[GRANT])
    return _PROJECT_URLS[key].replace(GRANT, quote(str(grant_number), safe=""))
