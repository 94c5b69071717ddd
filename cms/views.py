from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms.models.calls import call_public_urls
from funding.calls.calendar import deadlines_calendar
from funding.models import Call, Topic


@require_GET
def deadlines_ics(request):
    """Every topic deadline of the published calls, for a calendar app to subscribe to."""
    topics = list(
        Topic.objects.filter(call__in=Call.objects.published())
        .select_related("call")
        .order_by("deadline_at", "identifier")
    )
    urls = call_public_urls({topic.call_id for topic in topics})

    def link_for(topic):
        url = urls.get(topic.call_id)
        return settings.SITE_URL + url if url else None

    body = deadlines_calendar(
        topics, name=_("Funding call deadlines (Brussels time)"), link_for=link_for
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /accounts/",
        "Disallow: /applicant/",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
