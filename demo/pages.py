"""Demo page tree. Idempotent."""

import datetime as dt

from wagtail.models import Page, Site

from cms.models import (
    CallIndexPage,
    CallPage,
    FeedbackFormField,
    FeedbackFormPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ProjectIndexPage,
    SearchPage,
    StandardPage,
    StrategyPage,
    WorkstreamIndexPage,
)
from cms.sites import site_record_sync
from demo import page_content as text
from funding.models import Call


def seed_home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="Funding and cooperation against child sexual abuse",
            slug="csa-home",
            intro=(
                "ISF-Police and Horizon Europe funding calls, the projects they fund, and the "
                "EU Internet Forum's cooperation with industry, civil society and WeProtect — "
                "in one place."
            ),
            body=text.HOME_BODY,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="127.0.0.1", port=8000, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "CSA Cooperation"
        site.save()
        # Wagtail's placeholder "Welcome" page is no longer needed once home is the root.
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    site_record_sync()
    return home


def seed_section(home: HomePage, page_class, **fields):
    """Add a child page of `home` once; return it."""
    page = page_class.objects.child_of(home).first()
    if page is None:
        page = page_class(**fields)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def seed_child(parent: Page, page_class, *, slug: str, **fields):
    """Add a child page with this slug once; return it."""
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def _initiatives():
    return [
        (
            "initiative",
            {"number": number, "title": title, "summary": summary, "key_actions": actions},
        )
        for number, (title, summary, actions) in enumerate(text.INITIATIVES, start=1)
    ]


def seed(context: dict) -> None:
    home = context["home"] = seed_home_page()
    context["project_index"] = seed_section(
        home,
        ProjectIndexPage,
        title="Funded projects",
        slug="projects",
        intro="Projects funded by ISF-Police, Horizon 2020 and Horizon Europe.",
    )
    context["workstream_index"] = seed_section(
        home,
        WorkstreamIndexPage,
        title="Workstreams",
        slug="workstreams",
        intro="EU Internet Forum, EU prevention network and WeProtect Global Alliance work.",
    )
    seed_calls_pages(home, context)
    seed_child(
        home,
        StrategyPage,
        slug="strategy",
        title="EU strategy for a more effective fight against child sexual abuse",
        intro=text.STRATEGY_INTRO,
        initiatives=_initiatives(),
    )
    news_index = seed_section(
        home,
        NewsIndexPage,
        title="News",
        slug="news",
        intro="Calls, meetings and results.",
    )
    for title, slug, (year, month, day), intro, body in text.NEWS:
        seed_child(
            news_index,
            NewsPage,
            slug=slug,
            title=title,
            date=dt.date(year, month, day),
            intro=intro,
            body=body,
        )
    seed_child(
        home,
        StandardPage,
        slug="about",
        title="About this platform",
        intro="Who runs it and what it is for.",
        body=text.ABOUT_BODY,
    )
    statement = seed_child(
        home,
        StandardPage,
        slug="accessibility",
        title="Accessibility statement",
        intro="How accessible this site is, and how to tell us when it is not.",
        body=text.ACCESSIBILITY_BODY,
    )
    seed_feedback_form(statement)
    seed_section(
        home,
        SearchPage,
        title="Search",
        slug="search",
        intro="Search calls, news and pages.",
    )


def seed_calls_pages(home: HomePage, context: dict) -> None:
    index = context["call_index"] = seed_section(
        home,
        CallIndexPage,
        title="Funding calls",
        slug="calls",
        intro="ISF-Police and Horizon Europe calls against child sexual abuse: open, "
        "forthcoming and closed.",
    )
    for call in Call.objects.published().order_by("publication_date", "identifier"):
        if CallPage.objects.filter(call=call).exists():
            continue
        page = CallPage(title=call.title, slug=call.identifier.lower(), call=call)
        index.add_child(instance=page)
        page.save_revision().publish()


def seed_feedback_form(statement: StandardPage) -> None:
    """The Web Accessibility Directive's feedback mechanism, under the statement."""
    if FeedbackFormPage.objects.child_of(statement).exists():
        return
    form_page = FeedbackFormPage(
        slug="feedback",
        title="Accessibility feedback and contact",
        intro=text.FEEDBACK_INTRO,
        thank_you_text=text.FEEDBACK_THANKS,
        to_address="secretariat@demo.example.eu",
        subject="Accessibility feedback",
    )
    for order, (label, field_type, required, help_text) in enumerate(text.FEEDBACK_FIELDS):
        form_page.form_fields.add(
            FeedbackFormField(
                sort_order=order,
                label=label,
                field_type=field_type,
                required=required,
                help_text=help_text,
            )
        )
    statement.add_child(instance=form_page)
    form_page.save_revision().publish()
