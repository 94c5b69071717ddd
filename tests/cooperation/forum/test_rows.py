"""The commitment tables' rows written in Python are what the templates wrote."""

import datetime as dt

import pytest
from django.template import engines
from django.utils import translation

from cooperation.forum.dashboard import dashboard_figures
from cooperation.forum.models.commitments import Completion, EarlyResults, UpdateKind
from cooperation.forum.selectors import commitment_rows
from cooperation.forum.views.staff import _count_of
from cooperation.models import Commitment, CommitmentMilestone
from tests.cooperation.factories_forum import (
    CommitmentFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
    StakeholderFactory,
    WorkstreamFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()

# The loops the templates held before (forum_commitment_list.html, then
# cooperation/includes/commitment_rows.html).
LIST_BEFORE = """{% load translated i18n forum dates %}
  {% for item in object_list %}{% is_overdue item.due_date item.current_completion today as late %}
    <tr><th scope="row"><a href="{{ item.pk|record_url:"forum:commitment_detail" }}">{{ item.title }}</a></th><td>{{ item.owner.organisation }}</td><td>{{ item.workstream|localized:"name" }}</td><td><time datetime="{{ item.due_date|iso }}">{{ item.due_date|day:"short" }}</time>{% if late %} <span class="badge badge--overdue">{% trans "Overdue" %}</span>{% endif %}</td><td>{% completion_badge item %}</td><td>{% if item.assessed_completion %}{{ item.assessed_completion|completion_label }}{% else %}—{% endif %}</td><td>{% if item.reported_completion %}{{ item.reported_completion|completion_label }}{% else %}—{% endif %}</td><td class="number">{{ item.n_milestones }}</td></tr>
  {% empty %}<tr><td colspan="8">{% trans "No commitment matches these filters." %}</td></tr>{% endfor %}
  </tbody>"""
LIST_NOW = """{% load i18n forum_rows %}
  {% commitment_list_rows object_list today %}
  </tbody>"""
# The dashboard's overdue milestones and latest updates (forum_dashboard.html).
DASHBOARD_BEFORE = """{% load i18n forum dates %}<tbody>{% for m in overdue_milestones %}<tr><th scope="row">{{ m.title }}</th><td><a href="{{ m.commitment_id|record_url:"forum:commitment_detail" }}">{{ m.commitment.title }}</a></td><td>{{ m.commitment.owner.organisation }}</td><td><time datetime="{{ m.due_date|iso }}">{{ m.due_date|day:"short" }}</time></td></tr>{% empty %}<tr><td colspan="4">{% trans "No overdue milestones." %}</td></tr>{% endfor %}</tbody>
<tbody>{% for u in recent_updates %}<tr><td><time datetime="{{ u.date|iso }}">{{ u.date|day:"short" }}</time></td><th scope="row"><a href="{{ u.commitment_id|record_url:"forum:commitment_detail" }}">{{ u.commitment.title }}</a> ({{ u.commitment.owner.organisation }})</th><td>{{ u.kind|kind_label }}</td><td>{{ u.completion|completion_label }}</td><td>{{ u.reported_by|default:"—" }}</td></tr>{% empty %}<tr><td colspan="5">{% trans "No updates yet." %}</td></tr>{% endfor %}</tbody>"""
DASHBOARD_NOW = """{% load forum_rows %}<tbody>{% overdue_milestone_rows overdue_milestones %}</tbody>
<tbody>{% recent_update_rows recent_updates %}</tbody>"""
INCLUDE_BEFORE = """{% load translated i18n forum dates %}<table>
  <caption>{{ caption }}</caption>
  <thead><tr>
    <th scope="col">{% trans "Commitment" %}</th>
    {% if not hide_owner %}<th scope="col">{% trans "Owner" %}</th>{% endif %}
    <th scope="col">{% trans "Workstream" %}</th>
    <th scope="col">{% trans "Due" %}</th>
    <th scope="col">{% trans "Completion" %}</th>
    <th scope="col">{% trans "Early results" %}</th>
  </tr></thead>
  <tbody>
  {% for item in commitments %}{% is_overdue item.due_date item.current_completion today as late %}
    <tr>
      <th scope="row"><a href="{% if self_service %}{{ item.pk|record_url:"forum:my_commitment_detail" }}{% else %}{{ item.pk|record_url:"forum:commitment_detail" }}{% endif %}">{{ item.title }}</a></th>
      {% if not hide_owner %}<td>{{ item.owner.organisation }}</td>{% endif %}
      <td>{{ item.workstream|localized:"name" }}</td>
      <td><time datetime="{{ item.due_date|iso }}">{{ item.due_date|day:"short" }}</time>{% if late %} <span class="badge badge--overdue">{% trans "Overdue" %}</span>{% endif %}</td>
      <td>{% completion_badge item %}</td>
      <td>{{ item.current_results|results_label }}</td>
    </tr>
  {% empty %}
    <tr><td colspan="6">{% trans "No commitments." %}</td></tr>
  {% endfor %}
  </tbody>
</table>
"""


def _render(text, **context):
    return engines["django"].from_string(text).render(context)


@pytest.fixture
def commitments(secretariat):
    made = [
        CommitmentFactory(
            title='Hotline <b>"24/7"</b> & co',
            due_date=TODAY - dt.timedelta(days=3),
            owner=StakeholderFactory(organisation__short_name="", organisation__legal_name="A&B"),
            workstream=WorkstreamFactory(name="Prevention", name_fr="Prévention"),
        ),
        CommitmentFactory(
            due_date=TODAY - dt.timedelta(days=1),
            owner=StakeholderFactory(organisation__short_name="S<1>"),
            workstream=WorkstreamFactory(name="Reporting <x>", name_fr=""),
        ),
        CommitmentFactory(due_date=TODAY + dt.timedelta(days=30)),
        CommitmentFactory(due_date=TODAY - dt.timedelta(days=9)),
    ]
    MilestoneFactory(commitment=made[0])
    MilestoneFactory(commitment=made[0])
    # The stored progress as the service leaves it, each kind of row once.
    Commitment.objects.filter(pk=made[1].pk).update(
        current_completion=Completion.LIMITED,
        current_source=UpdateKind.SELF_REPORT,
        reported_completion=Completion.LIMITED,
        current_results=EarlyResults.MARGINAL,
    )
    Commitment.objects.filter(pk=made[3].pk).update(
        current_completion=Completion.COMPLETE,
        current_source=UpdateKind.ASSESSMENT,
        assessed_completion=Completion.COMPLETE,
        reported_completion=Completion.SUBSTANTIAL,
        current_results=EarlyResults.MAJOR,
    )
    return made


def _rows():
    return list(
        commitment_rows(Commitment.objects.all())
        .annotate(n_milestones=_count_of(CommitmentMilestone, "commitment"))
        .order_by("due_date", "pk")
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_commitments_lists_rows_are_what_the_template_wrote(commitments, language):
    rows = _rows()
    with translation.override(language):
        for shown in (rows, []):
            before = _render(LIST_BEFORE, object_list=shown, today=TODAY)
            assert _render(LIST_NOW, object_list=shown, today=TODAY) == before
    html = _render(LIST_NOW, object_list=rows, today=TODAY)
    assert "Hotline &lt;b&gt;&quot;24/7&quot;&lt;/b&gt; &amp; co" in html
    assert html.count("badge--overdue") == 2 and '<td class="number">2</td>' in html


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("self_service", [False, True])
@pytest.mark.parametrize("hide_owner", [False, True])
def test_the_included_rows_are_what_the_template_wrote(
    commitments, language, self_service, hide_owner
):
    rows = _rows()
    with translation.override(language):
        for shown in (rows, []):
            context = {
                "commitments": shown,
                "today": TODAY,
                "caption": "Overdue <ones>",
                "self_service": self_service,
                "hide_owner": hide_owner,
            }
            now = engines["django"].get_template("cooperation/includes/commitment_rows.html")
            assert now.render(context) == _render(INCLUDE_BEFORE, **context)


def test_the_include_without_its_options_is_what_the_template_wrote(commitments):
    rows = _rows()
    now = engines["django"].get_template("cooperation/includes/commitment_rows.html")
    context = {"commitments": rows, "today": TODAY, "caption": "C"}
    assert now.render(context) == _render(INCLUDE_BEFORE, **context)
    assert "badge--overdue" in now.render(context) and "self-reported" in now.render(context)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_dashboards_rows_are_what_the_template_wrote(commitments, make_user, language):
    late = commitments[0]
    MilestoneFactory(commitment=late, title="Draft <law>", due_date=TODAY - dt.timedelta(days=2))
    ProgressUpdateFactory(commitment=late, reported_by=make_user(first_name="Zoë & Al"))
    ProgressUpdateFactory(commitment=commitments[1], reported_by=None, kind=UpdateKind.ASSESSMENT)
    figures = dashboard_figures(TODAY)
    with translation.override(language):
        before = _render(DASHBOARD_BEFORE, **figures)
        assert _render(DASHBOARD_NOW, **figures) == before
        assert "Draft &lt;law&gt;" in before and "Zoë &amp; Al" in before
        empty = {"overdue_milestones": [], "recent_updates": []}
        assert _render(DASHBOARD_NOW, **empty) == _render(DASHBOARD_BEFORE, **empty)
