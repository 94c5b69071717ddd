"""Reads the public pages need, each in a fixed number of queries."""

from django.db.models import Sum
from django.utils import timezone

from cms.models.calls import CallIndexPage, call_pages_by_call
from cms.models.news import NewsPage
from funding.models import Call, Topic, TopicStatus


def upcoming_deadlines(*, limit: int, now=None) -> list:
    """Open topics of published calls, nearest deadline first, each with `.page` (or None)."""
    now = now or timezone.now()
    topics = list(
        Topic.objects.open(now)
        .filter(call__in=Call.objects.published())
        .select_related("call")
        .order_by("deadline_at")[:limit]
    )
    pages = call_pages_by_call({topic.call_id for topic in topics})
    for topic in topics:
        topic.page = pages.get(topic.call_id)
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
