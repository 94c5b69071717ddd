from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms.countdown import deadline_countdown
from cooperation.accounts.roles import Role, user_has_role
from funding.calls.filters import CallFilter
from funding.models import Call, Topic, TopicStatus

# Reserved for the applicant area: a new proposal to one topic.
APPLY_URL = "/applicant/proposals/new/"
CALLS_PER_PAGE = 20


def apply_url(topic: Topic) -> str:
    return f"{APPLY_URL}?{urlencode({'topic': topic.identifier})}"


class CallIndexPage(Page):
    """The filterable list of published calls."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
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
        context.update(filter=filterset, page_obj=page_obj)
        return context


class CallPage(Page):
    """Presents one published `funding.Call`: status, countdown, budget, topics, documents."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="pages", verbose_name=_("call")
    )
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the call's own summary.")
    )

    content_panels = Page.content_panels + [FieldPanel("call"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
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
        now = timezone.now()
        call = (
            Call.objects.select_related("programme")
            .prefetch_related(
                Prefetch("topics", queryset=Topic.objects.prefetch_related("criteria")),
                "documents__document",
            )
            .get(pk=self.call_id)
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
                    "apply_url": apply_url(topic)
                    if may_apply and status == TopicStatus.OPEN
                    else None,
                }
            )
        context.update(
            call=call,
            status=call.status(now),
            topics=topics,
            total_budget=sum((t.budget for t in call.topics.all()), 0),
            documents=call.documents.all(),
            show_sign_in=not request.user.is_authenticated,
        )
        return context


def call_pages_by_call(call_ids) -> dict:
    """The live CallPage presenting each call, by call id (one query)."""
    pages = CallPage.objects.live().filter(call_id__in=list(call_ids))
    return {page.call_id: page for page in pages}
