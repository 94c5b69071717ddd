"""Reads of the secretariat's lists that a queryset alone does not give cheaply."""

from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count
from django.utils.translation import get_language
from taggit.models import TaggedItem

from cooperation.forum.models.commitments import Commitment
from cooperation.forum.models.stakeholders import Stakeholder
from cooperation.forum.models.workstreams import Workstream
from core.widgets import country_choices

# What a list's row of commitments shows (cooperation/includes/commitment_rows.html and the
# commitments list): reading only these columns spares the long texts and the joined rows'
# other columns, each parsed and set on a model for nothing.
COMMITMENT_ROW_FIELDS = (
    "title",
    "due_date",
    "assessed_completion",
    "reported_completion",
    "current_completion",
    "current_results",
    "current_source",
    "owner__organisation__legal_name",
    "owner__organisation__short_name",
    "workstream__name",
    "workstream__name_fr",
)
ORGANISATION_NAME = ("legal_name", "short_name")
# What a row of the stakeholders list shows (its tags: stakeholders_with_tag_names).
STAKEHOLDER_ROW_FIELDS = (
    "category",
    "weprotect_member_since",
    "weprotect_board_seat",
    "forum_participant_since",
    "organisation__legal_name",
    "organisation__short_name",
    "organisation__country",
)


_COUNTRY_NAMES: dict[str | None, dict[str, str]] = {}


def country_names() -> dict[str, str]:
    """Every country's name in the reader's language by its code, read once per language
    and process: what `Country.name` gives, without a Country object and a translation for
    each row or bar."""
    language = get_language()
    names = _COUNTRY_NAMES.get(language)
    if names is None:
        names = _COUNTRY_NAMES[language] = dict(country_choices())
    return names


def commitment_rows(commitments):
    """`commitments` with what their rows show, and nothing else."""
    return commitments.select_related("owner__organisation", "workstream").only(
        *COMMITMENT_ROW_FIELDS
    )


def _counted_by_two(model, first: str, second: str) -> tuple[Counter, Counter]:
    """The rows of `model` counted by `first` and by `second`, from one count grouped by
    both (an index on the two columns answers it alone)."""
    by_first, by_second = Counter(), Counter()
    for one, other, n in (
        model.objects.order_by()
        .values(first, second)
        .annotate(n=Count("*"))
        .values_list(first, second, "n")
    ):
        by_first[one] += n
        by_second[other] += n
    return by_first, by_second


def commitment_counts() -> tuple[Counter, Counter]:
    """(commitments per current completion level, per workstream name), in one query: the
    count by level and workstream that the index on both columns answers alone, then the
    names of the few workstreams counted joined to its rows (a join before the count would
    read every commitment's workstream; the ORM can only add the name to the grouping)."""
    quote = connection.ops.quote_name
    commitment, workstream = Commitment._meta, Workstream._meta
    level = quote(commitment.get_field("current_completion").column)
    workstream_id = quote(commitment.get_field("workstream").column)
    sql = (
        f"SELECT g.level, w.{quote(workstream.get_field('name').column)}, g.n FROM ("  # noqa: S608
        f"SELECT {level} AS level, {workstream_id} AS ws, COUNT(*) AS n "
        f"FROM {quote(commitment.db_table)} GROUP BY {level}, {workstream_id}) g "
        f"INNER JOIN {quote(workstream.db_table)} w ON w.{quote(workstream.pk.column)} = g.ws"
    )
    by_level, by_workstream = Counter(), Counter()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for one, name, n in cursor.fetchall():
            by_level[one] += n
            by_workstream[name] += n
    return by_level, by_workstream


def _most_first(counts: Counter) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def stakeholder_counts(*, countries: int) -> tuple[list, list]:
    """(stakeholders per category, per country — the `countries` largest), the most first
    (ties by code), from one count by category and country."""
    by_category, by_country = _counted_by_two(Stakeholder, "category", "organisation__country")
    return _most_first(by_category), _most_first(by_country)[:countries]


def stakeholders_with_tag_names(stakeholders) -> list[Stakeholder]:
    """The page's stakeholders, each with `tag_names` (alphabetical), read in one query.

    taggit's prefetch_related("tags") builds a queryset per stakeholder before it fills
    it (about a quarter of a millisecond each); this reads the page's (stakeholder, tag
    name) pairs at once."""
    rows = list(stakeholders)
    names = defaultdict(list)
    if rows:
        pairs = (
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Stakeholder),
                object_id__in=[row.pk for row in rows],
            )
            .order_by("tag__name", "pk")
            .values_list("object_id", "tag__name")
        )
        for object_id, name in pairs:
            names[object_id].append(name)
    for row in rows:
        row.tag_names = names[row.pk]
    return rows
