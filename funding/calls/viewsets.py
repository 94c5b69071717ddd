"""Wagtail admin screens for programmes, calls and topics (with their criteria inline)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from funding.calls.criteria_templates import CRITERIA_TEMPLATES
from funding.calls.forms import TopicAdminForm
from funding.calls.services import programme_seed_eligible_countries, topic_apply_criteria_template
from funding.models import Call, EligibleCountry, Programme, Topic


class ProgrammeCreateView(CreateView):
    def save_instance(self):
        """A new programme starts with its default eligible countries (the Member States
        taking part, and its Associated Countries), in the same transaction."""
        programme = super().save_instance()
        programme_seed_eligible_countries(programme=programme)
        return programme


class ProgrammeViewSet(ModelViewSet):
    model = Programme
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Programmes")
    add_view_class = ProgrammeCreateView
    form_fields = [
        "code",
        "name",
        "managing_service",
        "description",
        "name_fr",
        "description_fr",
        "redress_days",
    ]
    list_display = ["name", "code", "managing_service"]
    search_fields = ["code", "name", "managing_service"]
    list_filter = ["managing_service"]


class EligibleCountryViewSet(ModelViewSet):
    """Reference data of the geographical-diversity tie-break: per programme, the Member
    States and Associated Countries, each with the dates it is valid (see
    funding.calls.models.countries)."""

    model = EligibleCountry
    icon = "site"
    menu_label = gettext_lazy("Eligible countries")
    form_fields = ["programme", "country", "kind", "valid_from", "valid_to", "note"]
    list_display = [
        Column("country", label=gettext_lazy("country"), accessor="country.name"),
        Column("code", label=gettext_lazy("code"), accessor="country.code"),
        "kind",
        "programme",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["programme", "kind"]
    list_per_page = 60
    copy_view_enabled = False

    def get_queryset(self, request):
        return EligibleCountry.objects.select_related("programme")


class CallViewSet(ModelViewSet):
    model = Call
    icon = "doc-full"
    menu_label = gettext_lazy("Calls")
    list_display = ["identifier", "title", "programme", "publication_date", "published_at"]
    list_filter = ["programme", "initiative", "publication_date"]
    search_fields = ["identifier", "title", "summary"]
    panels = [
        FieldPanel("programme"),
        FieldPanel("identifier"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("title_fr"), FieldPanel("summary_fr"), FieldPanel("description_fr")],
            heading=gettext_lazy("In French"),
        ),
        FieldPanel("initiative"),
        FieldRowPanel([FieldPanel("publication_date"), FieldPanel("published_at")]),
        InlinePanel("documents", label=gettext_lazy("Documents")),
    ]

    def get_queryset(self, request):
        return Call.objects.select_related("programme")


class TopicIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission_for_instance("change", instance):
            buttons.append(
                MenuItem(
                    _("Criteria from a template"),
                    url=reverse("funding_topic:apply_criteria", args=[instance.pk]),
                    icon_name="list-ol",
                    priority=15,
                )
            )
        return buttons


class TopicEditView(EditView):
    @property
    def header_more_buttons(self):
        from wagtail.admin.widgets.button import Button

        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Criteria from a template"),
                url=reverse("funding_topic:apply_criteria", args=[self.object.pk]),
                icon_name="list-ol",
                priority=5,
            )
        )
        return buttons


class ApplyCriteriaTemplateView(WagtailAdminTemplateMixin, TemplateView):
    """One click replaces a topic's criteria with a template's (see criteria_templates)."""

    template_name = "funding/admin/apply_criteria_template.html"
    page_title = gettext_lazy("Criteria from a template")
    header_icon = "list-ol"
    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        self.topic = get_object_or_404(Topic.objects.select_related("call"), pk=kwargs["pk"])
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, "change", self.topic
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.topic.identifier

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["topic"] = self.topic
        context["templates"] = CRITERIA_TEMPLATES.values()
        context["criteria"] = self.topic.criteria.all()
        context["edit_url"] = reverse("funding_topic:edit", args=[self.topic.pk])
        return context

    def post(self, request, *args, **kwargs):
        template = CRITERIA_TEMPLATES.get(request.POST.get("template", ""))
        if template is None:
            messages.error(request, _("Choose one of the templates listed."))
            return redirect(request.path)
        topic_apply_criteria_template(topic=self.topic, template=template)
        messages.success(
            request,
            _("The criteria of %(topic)s now follow “%(template)s”.")
            % {"topic": self.topic.identifier, "template": template.label},
        )
        return redirect("funding_topic:edit", self.topic.pk)


class TopicViewSet(ModelViewSet):
    model = Topic
    icon = "list-ul"
    menu_label = gettext_lazy("Topics")
    index_view_class = TopicIndexView
    edit_view_class = TopicEditView
    list_display = [
        "identifier",
        "title",
        "action_type",
        Column("call", label=gettext_lazy("call"), accessor="call.identifier"),
        "deadline_at",
        "budget",
    ]
    list_filter = ["call__programme", "action_type", "deadline_model"]
    search_fields = ["identifier", "title", "call__identifier"]
    edit_handler = ObjectList(
        [
            FieldPanel("call"),
            FieldPanel("identifier"),
            FieldPanel("title"),
            FieldPanel("description"),
            MultiFieldPanel(
                [FieldPanel("title_fr"), FieldPanel("description_fr")],
                heading=gettext_lazy("In French"),
            ),
            FieldPanel("action_type"),
            MultiFieldPanel(
                [
                    FieldPanel("opening_at"),
                    FieldPanel("deadline_model"),
                    FieldPanel("deadline_at"),
                    FieldPanel("second_deadline_at"),
                ],
                heading=gettext_lazy("Dates (Brussels time)"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("budget"),
                    FieldRowPanel([FieldPanel("min_grant"), FieldPanel("max_grant")]),
                    FieldPanel("expected_grants"),
                    FieldRowPanel(
                        [FieldPanel("funding_rate"), FieldPanel("non_profit_funding_rate")]
                    ),
                    FieldPanel("indirect_cost_rate"),
                ],
                heading=gettext_lazy("Budget and funding"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("min_applicants"), FieldPanel("min_countries")]),
                    FieldPanel("lead_organisation_types"),
                    FieldPanel("max_duration_months"),
                ],
                heading=gettext_lazy("Eligibility"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("overall_threshold"), FieldPanel("score_step")]),
                    FieldPanel("experts_per_proposal"),
                    InlinePanel("criteria", label=gettext_lazy("Award criteria")),
                ],
                heading=gettext_lazy("Evaluation"),
            ),
        ],
        base_form_class=TopicAdminForm,
    )

    def get_queryset(self, request):
        return Topic.objects.select_related("call")

    @property
    def apply_criteria_view(self):
        return ApplyCriteriaTemplateView.as_view(
            permission_policy=self.permission_policy,
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("apply-criteria/<int:pk>/", self.apply_criteria_view, name="apply_criteria"),
        ]


class CallsViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Funding calls")
    menu_icon = "doc-full"
    menu_order = 200
    items = (
        ProgrammeViewSet("funding_programme"),
        EligibleCountryViewSet("funding_eligiblecountry"),
        CallViewSet("funding_call"),
        TopicViewSet("funding_topic"),
    )
