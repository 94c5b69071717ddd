from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.models import Page
from wagtail.search import index

from cms.countdown import deadline_countdown
from cms.models.french import FrenchTitle, french_panel, french_search_fields
from cooperation.accounts.roles import Role, user_has_role
from funding.calls.filters import CallFilter
from funding.models import Call, Topic, TopicStatus

CALLS_PER_PAGE = 20


def apply_url(topic: Topic) -> str:
    """The applicant area's new proposal to `topic`, in the visitor's language."""
    return f"{reverse('applicant:start')}?{urlencode({'topic': topic.identifier})}"


class CallIndexPage(RoutablePageMixin, FrenchTitle, Page):
    """The filterable list of published calls, and a page for every published call: an
    editor's CallPage where one was built, otherwise the call's own record at
    <index>/<identifier>/, so a call the manager publishes is on the site at once."""

    intro = models.TextField(_("introduction"), blank=True)

    intro_fr = models.TextField(_("introduction in French"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), french_panel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CallPage"]
    max_count = 1

    class Meta:
        verbose_name = _("calls index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        calls = Call.objects.published().for_listing()
        filterset = CallFilter(request.GET or None, queryset=calls)
        if filterset.is_bound and not filterset.is_valid():
            context["filter_notice"] = _(
                "Some filter values were not recognised, so every published call is shown."
            )
        else:
            calls = filterset.qs
        page_obj = Paginator(calls, CALLS_PER_PAGE).get_page(request.GET.get("page"))
        pages = call_pages_by_call(call.pk for call in page_obj)
        for call in page_obj:
            call.page = pages.get(call.pk)
            call.public_url = pages[call.pk].url if call.pk in pages else self.call_url(call)
        context.update(filter=filterset, page_obj=page_obj)
        return context

    def route(self, request, path_components):
        # Editor-built call pages first; the record-driven route only for the others.
        try:
            return Page.route(self, request, path_components)
        except Http404:
            return super().route(request, path_components)

    def call_url(self, call: Call) -> str:
        return self.url + self.reverse_subpage("call", args=[call.identifier])

    @re_path(r"^(?P<identifier>[A-Za-z0-9][A-Za-z0-9._-]{0,63})/$", name="call")
    def call_from_record(self, request, identifier):
        call = Call.objects.published().filter(identifier__iexact=identifier).first()
        if call is None:
            raise Http404(_("No published call has this identifier."))
        page = call_pages_by_call([call.pk]).get(call.pk)
        if page is not None:
            return HttpResponsePermanentRedirect(page.url)
        context = self.get_context(request)
        context.update(call_presentation(call, request), page=self, calls_index=self)
        return self.render(request, template="cms/call_page.html", context_overrides=context)

    def get_sitemap_urls(self, request=None):
        entries = super().get_sitemap_urls(request)
        calls = Call.objects.published().exclude(pages__live=True).order_by("identifier")
        root = self.get_full_url(request)
        for call in calls:
            entries.append(
                {
                    "location": root + self.reverse_subpage("call", args=[call.identifier]),
                    "lastmod": call.published_at,
                }
            )
        return entries


class CallPage(FrenchTitle, Page):
    """Presents one published `funding.Call`: status, countdown, budget, topics, documents."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="pages", verbose_name=_("call")
    )
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the call's own summary.")
    )
    intro_fr = models.TextField(_("introduction in French"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("call"),
        FieldPanel("intro"),
        french_panel("intro"),
    ]
    search_fields = (
        Page.search_fields + [index.SearchField("intro")] + french_search_fields("intro")
    )
    parent_page_types = ["cms.CallIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("call page")
        constraints = [
            models.UniqueConstraint(fields=["call"], name="one_call_page_per_call"),
        ]

    def serve(self, request, *args, **kwargs):
        if not Call.objects.published().filter(pk=self.call_id).exists():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            call_presentation(self.call, request),
            calls_index=self.get_parent(),
            call_intro=self.intro,
        )
        return context


def call_presentation(call: Call, request) -> dict:
    """What a call's public page shows, the same for an editor's page and the record's own."""
    now = timezone.now()
    call = (
        Call.objects.select_related("programme")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.prefetch_related("criteria")),
            "documents__document",
        )
        .get(pk=call.pk)
    )
    may_apply = user_has_role(request.user, Role.APPLICANT)
    topics = []
    for topic in call.topics.all():
        status = topic.status(now)
        topics.append(
            {
                "topic": topic,
                "status": status,
                "countdown": deadline_countdown(
                    opening_at=topic.opening_at, deadline_at=topic.deadline_at, now=now
                ),
                "apply_url": apply_url(topic) if may_apply and status == TopicStatus.OPEN else None,
            }
        )
    return {
        "call": call,
        "status": call.status(now),
        "topics": topics,
        "total_budget": sum((t.budget for t in call.topics.all()), 0),
        "documents": call.documents.all(),
        "show_sign_in": not request.user.is_authenticated,
    }


def call_pages_by_call(call_ids) -> dict:
    """The live CallPage presenting each call, by call id (one query)."""
    pages = CallPage.objects.live().filter(call_id__in=list(call_ids))
    return {page.call_id: page for page in pages}


def call_public_urls(call_ids) -> dict:
    """Where each published call is on the site, by call id: its editor's page, or the
    record's own page under the calls index (at most three queries)."""
    call_ids = set(call_ids)
    urls = {call_id: page.url for call_id, page in call_pages_by_call(call_ids).items()}
    index = CallIndexPage.objects.live().first()
    if index is not None:
        for call in Call.objects.filter(pk__in=call_ids - urls.keys()).only("pk", "identifier"):
            urls[call.pk] = index.call_url(call)
    return urls
