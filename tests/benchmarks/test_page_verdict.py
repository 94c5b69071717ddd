"""How the benchmark judges a page (benchmarks.report): a signed-in page against the same
user's empty page and its growth, a visitor's page on its growth; the ratio to the trivial
view is reported, never judged (the empty layout page alone is about 20× it); the growth is
measured on the scale of the empty page timed alongside, at each size."""

import pytest

from benchmarks.report import all_met, page_growth, page_scale_check, queries_check, render
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


def test_the_growth_is_taken_on_the_scale_of_the_empty_page_at_each_size():
    """The machine slowed by a quarter between the two sizes: the empty page timed alongside
    says so, and the page, which grew with the machine alone, is not judged to have grown
    with the data (judged on the raw medians, 40 / 30 = 1.33, it failed)."""
    slowed = {**_page(median=40, empty=12.5, at_probe=30), "layout_median_ms_at_probe": 9.375}
    assert page_growth(slowed) == pytest.approx(1.0)
    assert page_scale_check(slowed, TARGETS) is True
    grew = {**_page(median=40, empty=12.5, at_probe=30), "layout_median_ms_at_probe": 12.5}
    assert page_growth(grew) == pytest.approx(40 / 30)
    assert page_scale_check(grew, TARGETS) is False
    assert page_growth(_page(median=40, empty=12.5, at_probe=30)) == pytest.approx(40 / 30)


def test_the_report_shows_the_empty_page_at_both_sizes():
    page = {
        **_page(median=40, empty=12.5, at_probe=30),
        "layout_median_ms_at_probe": 9.4,
        "label": "Expert dashboard",
        "url": "/expert/",
        "sql_ms": 11.0,
        "p95_ms": 47.0,
        "p95_ratio": 94.0,
        "trivial_median_ms": 0.5,
    }
    results = {
        "targets": TARGETS,
        "database": "postgres",
        "scale": "full",
        "python": "3.11",
        "machine": "x86_64, 2 cores",
        "generate_seconds": 1.0,
        "total_seconds": 2.0,
        "rows": dict.fromkeys(
            (
                "proposals",
                "partners",
                "funded_projects",
                "deliverables",
                "stakeholders",
                "commitments",
                "progress_updates",
                "experts",
                "assignments",
                "individual_reports",
                "individual_scores",
                "consensus_reports",
            ),
            1,
        ),
        "probe_rows": {"proposals": 1},
        "pages": {"expert": page},
    }
    row = next(line for line in render(results).splitlines() if "`/expert/`" in line)
    assert "3.2× of 9.4 → 12.5" in row and "1.00× pass" in row
