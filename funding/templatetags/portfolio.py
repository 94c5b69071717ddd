"""What the portfolio's list writes on every row: a project's health badge and status, each
from a map built once per language (Django's get_status_display rebuilt and translated
every choice on each call), and the address of its page; and the rows themselves
(`project_rows`), written in Python from the same pieces: through the template language
each of a page's 25 rows × 8 cells was a variable resolved, filtered and escaped one at a
time. The HTML is exactly the template's (tests/funding/portfolio/test_list_rows.py renders
both ways and compares)."""

from urllib.parse import quote

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from core.display import show_date, show_euros, show_iso
from core.templatetags.translated import localized_inline
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


def _text(value) -> str:
    return conditional_escape(str(value))


def _dates(project) -> str:
    start, end = project.start_date, project.end_date
    return (
        f'<time datetime="{_text(show_iso(start))}">{_text(show_date(start, short=True))}</time>'
        f' – <time datetime="{_text(show_iso(end))}">{_text(show_date(end, short=True))}</time>'
    )


@register.simple_tag
def project_rows(projects) -> str:
    """The staff list's rows (`FundedProject.objects.for_list`): grant, acronym and link,
    programme, coordinator and country, dates, EU contribution, status, health."""
    html = []
    for project in projects:
        coordinator = project.coordinator_short_name or project.coordinator_name or "—"
        country = project.coordinator_country
        html.append(
            "\n    <tr>\n"
            f"      <td>{_text(project.grant_number)}</td>\n"
            f'      <th scope="row"><a href="{_text(project_url(project.grant_number))}">'
            f"{_text(project.acronym)}</a></th>\n"
            f"      <td>{_text(localized_inline(project.programme, 'name'))}</td>\n"
            f"      <td>{_text(coordinator)}{f' ({_text(country)})' if country else ''}</td>\n"
            f"      <td>{_dates(project)}</td>\n"
            f'      <td class="number">{_text(show_euros(project.eu_contribution))}</td>\n'
            f"      <td>{_text(project_status(project.status))}</td>\n"
            f"      <td>{_text(health_badge(project.health))}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(html))  # noqa: S308 - every text above is escaped
