"""How the benchmark judges a page (benchmarks.report): a signed-in page against the same
user's empty page and its growth, a visitor's page on its growth; the ratio to the trivial
view is reported, never judged (the empty layout page alone is about 20× it)."""

import pytest

from benchmarks.report import all_met, page_scale_check, queries_check
from benchmarks.run import TARGETS


def _page(*, median, empty, at_probe, signed_in=True, queries=7, queries_at_probe=7):
    return {
        "signed_in": signed_in,
        "median_ms": median,
        "median_ms_at_probe": at_probe,
        "layout_median_ms": empty,
        "layout_ratio": median / empty,
        "median_ratio": median / 0.5,  # the trivial view: half a millisecond
        "queries": queries,
        "queries_at_probe": queries_at_probe,
    }


@pytest.mark.parametrize(
    ("page", "met"),
    [
        (_page(median=48, empty=12.5, at_probe=47), True),  # 3.8×, 96× the trivial view
        (_page(median=52, empty=12.5, at_probe=50), False),  # 4.2× its empty page
        (_page(median=40, empty=12.5, at_probe=30), False),  # 3.2×, but grew 1.33×
        (_page(median=90, empty=5, at_probe=89, signed_in=False), True),  # a visitor's page
        (_page(median=90, empty=5, at_probe=60, signed_in=False), False),  # grew 1.5×
    ],
)
def test_a_page_is_judged_on_its_empty_page_and_its_growth(page, met):
    assert page_scale_check(page, TARGETS) is met
    assert all_met({"targets": TARGETS, "pages": {"page": page}}) is met


@pytest.mark.parametrize(
    ("queries", "at_probe", "met"), [(7, 7, True), (8, 7, False), (21, 21, False)]
)
def test_queries_the_same_at_both_sizes_and_at_most_twenty(queries, at_probe, met):
    page = _page(median=40, empty=12.5, at_probe=40, queries=queries, queries_at_probe=at_probe)
    assert queries_check(page, TARGETS) is met
    assert all_met({"targets": TARGETS, "pages": {"page": page}}) is met
