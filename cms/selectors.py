"""Reads the public pages need, each in a fixed number of queries."""

from django.db.models import Q, Sum
from django.utils import timezone

from cms.models.calls import CallIndexPage, call_public_urls
from cms.models.news import NewsPage
from cms.models.projects import ProjectIndexPage
from cms.models.workstreams import WorkstreamPage
from cooperation.models import Commitment
from funding.models import Call, FundedProject, Topic, TopicStatus


def upcoming_deadlines(*, limit: int, now=None) -> list:
    """Open topics of published calls, nearest deadline first, each with its call's `.url`."""
    now = now or timezone.now()
    topics = list(
        Topic.objects.open(now)
        .filter(call__in=Call.objects.published())
        .select_related("call")
        .order_by("deadline_at")[:limit]
    )
    urls = call_public_urls({topic.call_id for topic in topics})
    for topic in topics:
        topic.url = urls.get(topic.call_id)
    return topics


def headline_figures(now=None) -> dict:
    now = now or timezone.now()
    published = Call.objects.published()
    open_topics = Topic.objects.open(now).filter(call__in=published)
    return {
        "open_calls": published.with_status(now).filter(status=TopicStatus.OPEN).count(),
        "forthcoming_calls": published.with_status(now)
        .filter(status=TopicStatus.FORTHCOMING)
        .count(),
        "open_budget": open_topics.aggregate(total=Sum("budget"))["total"] or 0,
    }


def latest_news(*, limit: int) -> list:
    return list(NewsPage.objects.live().order_by("-date", "-pk")[:limit])


def call_index():
    return CallIndexPage.objects.live().first()


RECORDS_PER_KIND = 10


def _matching(queryset, words: list[str], fields: list[str]):
    """Rows in which every word appears in one of `fields` (case-insensitive)."""
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(any_field)
    return queryset


def records_matching(words: list[str]) -> dict:
    """The published records a visitor's search words find, each with its public `.url`:
    calls, funded projects and public commitments (pages are searched by Wagtail)."""
    if not words:
        return {"calls": [], "projects": [], "commitments": []}
    call_fields = ["identifier", "title", "summary", "title_fr", "summary_fr"]
    calls = list(
        _matching(Call.objects.published(), words, call_fields).order_by(
            "-published_at", "identifier"
        )[:RECORDS_PER_KIND]
    )
    call_urls = call_public_urls(call.pk for call in calls)
    for call in calls:
        call.url = call_urls.get(call.pk)
    project_index = ProjectIndexPage.objects.live().first()
    projects = (
        list(
            _matching(
                FundedProject.objects.public(), words, ["acronym", "title", "grant_number"]
            ).order_by("acronym")[:RECORDS_PER_KIND]
        )
        if project_index
        else []
    )
    for project in projects:
        project.url = f"{project_index.url}{project.grant_number}/"
    commitments = list(
        _matching(Commitment.objects.public(), words, ["title", "problem", "actions", "title_fr"])
        .select_related("owner__organisation", "workstream")
        .order_by("due_date", "pk")[:RECORDS_PER_KIND]
    )
    pages = {
        page.workstream_id: page
        for page in WorkstreamPage.objects.live()
        .public()
        .filter(workstream_id__in={c.workstream_id for c in commitments})
    }
    found = []
    for commitment in commitments:
        page = pages.get(commitment.workstream_id)
        if page is not None:
            commitment.url = f"{page.url}#commitment-{commitment.pk}"
            found.append(commitment)
    return {"calls": calls, "projects": projects, "commitments": found}
