"""RSS and Atom feeds of the published calls."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from cms.countdown import brussels_wording
from cms.models.calls import call_public_urls
from cms.selectors import call_index
from funding.models import Call

FEED_SIZE = 50


class CallsRssFeed(Feed):
    title = _("Funding calls against child sexual abuse")
    description = _("ISF-Police and Horizon Europe calls, newest first.")

    def get_object(self, request, *args, **kwargs):
        return request

    def link(self, request):
        index = call_index()
        return index.get_url(request) if index else "/"

    def items(self, request):
        calls = list(
            Call.objects.published()
            .select_related("programme")
            .with_dates()
            .order_by("-published_at", "identifier")[:FEED_SIZE]
        )
        urls = call_public_urls(call.pk for call in calls)
        for call in calls:
            call.link = urls.get(call.pk, "/")
        return calls

    def item_title(self, call):
        return f"{call.identifier} — {call.title}"

    def item_description(self, call):
        parts = [call.summary] if call.summary else []
        if call.closes_at:
            parts.append(_("Deadline: %(when)s.") % {"when": brussels_wording(call.closes_at)})
        return " ".join(str(part) for part in parts)

    def item_link(self, call):
        return call.link

    def item_guid(self, call):
        return f"call-{call.pk}@csa-cooperation.calls"

    item_guid_is_permalink = False

    def item_pubdate(self, call):
        return call.published_at

    def item_categories(self, call):
        return [call.programme.code]


class CallsAtomFeed(CallsRssFeed):
    feed_type = Atom1Feed
    subtitle = CallsRssFeed.description
