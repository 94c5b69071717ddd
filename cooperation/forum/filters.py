"""FilterSets of the forum secretariat's lists."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.forum.mnr import CATEGORY_CAPABILITIES, MNRCategory
from cooperation.forum.models.commitments import Completion
from cooperation.forum.models.stakeholders import StakeholderCategory
from cooperation.forum.models.workstreams import (
    Forum,
    MeetingKind,
    StrategyInitiative,
    WorkstreamStatus,
)
from cooperation.models import Commitment, Meeting, Stakeholder, Workstream
from core.filters import FilterForm, SortFilter, YesNoFilter
from core.widgets import ChosenOnlySelect, CountrySelect, FastSelect, country_choices


class StakeholderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name contains"), method="search")
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=StakeholderCategory.choices, widget=FastSelect
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="organisation__country",
        choices=country_choices,
        widget=CountrySelect,
    )
    weprotect = YesNoFilter(
        label=_("WeProtect member"),
        field_name="weprotect_member_since",
        lookup_expr="isnull",
        exclude=True,
    )
    forum = YesNoFilter(
        label=_("EU Internet Forum participant"),
        field_name="forum_participant_since",
        lookup_expr="isnull",
        exclude=True,
    )
    board_seat = YesNoFilter(label=_("WeProtect board seat"), field_name="weprotect_board_seat")
    tag = django_filters.CharFilter(label=_("Tag"), field_name="tags__name", distinct=True)
    o = SortFilter(
        fields=(
            ("organisation__legal_name", "name"),
            ("category", "category"),
            ("organisation__country", "country"),
            ("weprotect_member_since", "weprotect"),
            ("forum_participant_since", "forum"),
        ),
        field_labels={
            "name": _("Name"),
            "category": _("Category"),
            "country": _("Country"),
            "weprotect": _("WeProtect member since"),
            "forum": _("EU Internet Forum since"),
        },
    )

    class Meta:
        model = Stakeholder
        fields = []
        form = FilterForm

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(organisation__legal_name__icontains=value)
            | Q(organisation__short_name__icontains=value)
        )


class WorkstreamFilter(django_filters.FilterSet):
    forum = django_filters.ChoiceFilter(label=_("Forum or network"), choices=Forum.choices)
    initiative = django_filters.ChoiceFilter(
        label=_("Strategy initiative"), choices=StrategyInitiative.choices
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=WorkstreamStatus.choices)
    public = YesNoFilter(label=_("Public"))

    class Meta:
        model = Workstream
        fields = []
        form = FilterForm


class MeetingFilter(django_filters.FilterSet):
    workstream = django_filters.ModelChoiceFilter(
        label=_("Workstream"), queryset=Workstream.objects.all()
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MeetingKind.choices)
    upcoming = YesNoFilter(label=_("Upcoming only"), method="filter_upcoming")

    class Meta:
        model = Meeting
        fields = []
        form = FilterForm

    def filter_upcoming(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(date__gte=today) if value else queryset.filter(date__lt=today)


class CommitmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Title contains"), field_name="title", lookup_expr="icontains"
    )
    workstream = django_filters.ModelChoiceFilter(
        label=_("Workstream"),
        queryset=Workstream.objects.only("name", "name_fr"),  # what an option shows
        widget=FastSelect,
    )
    initiative = django_filters.ChoiceFilter(
        label=_("Strategy initiative"),
        field_name="workstream__initiative",
        choices=StrategyInitiative.choices,
        widget=FastSelect,
    )
    owner_name = django_filters.CharFilter(
        label=_("Owner's name contains"), method="filter_owner_name"
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"),
        # A thousand stakeholders: the page carries only the chosen one (a stakeholder's
        # page links here with ?owner=…); the name filter above finds the others.
        queryset=Stakeholder.objects.select_related("organisation").only(
            "organisation", "organisation__legal_name", "organisation__short_name"
        ),
        widget=ChosenOnlySelect,
    )
    completion = django_filters.ChoiceFilter(
        label=_("Current completion"),
        field_name="current_completion",
        choices=[("", _("No update yet")), *Completion.choices],
        empty_label=_("Any"),
        method="filter_completion",
        widget=FastSelect,
    )
    overdue = YesNoFilter(label=_("Overdue"), method="filter_overdue")
    verifiable = YesNoFilter(label=_("Verifiable"))
    public = YesNoFilter(label=_("Public"))

    o = SortFilter(
        fields=(
            ("title", "title"),
            ("owner__organisation__legal_name", "owner"),
            ("workstream__name", "workstream"),
            ("due_date", "due"),
        ),
        field_labels={
            "title": _("Commitment"),
            "owner": _("Owner"),
            "workstream": _("Workstream"),
            "due": _("Due"),
        },
    )

    class Meta:
        model = Commitment
        fields = []
        form = FilterForm

    def filter_completion(self, queryset, name, value):
        return queryset.filter(current_completion=value)

    def filter_owner_name(self, queryset, name, value):
        return queryset.filter(
            Q(owner__organisation__legal_name__icontains=value)
            | Q(owner__organisation__short_name__icontains=value)
        )

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        late = Q(due_date__lt=today) & ~Q(current_completion=Completion.COMPLETE)
        return queryset.filter(late) if value else queryset.exclude(late)


class MNRFilter(django_filters.FilterSet):
    country = django_filters.MultipleChoiceFilter(label=_("Countries"), choices=country_choices)
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=MNRCategory.choices, method="filter_category"
    )

    def filter_category(self, queryset, name, value):
        return queryset.filter(capability__in=CATEGORY_CAPABILITIES[value])
