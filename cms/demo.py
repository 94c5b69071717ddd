"""Demo page tree. Idempotent."""

from wagtail.models import Page, Site

from cms.models import HomePage, ProjectIndexPage, WorkstreamIndexPage


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
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=8000, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "CSA Cooperation"
        site.save()
        # Wagtail's placeholder "Welcome" page is no longer needed once home is the root.
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


def seed_section(home: HomePage, page_class, **fields):
    """Add a child page of `home` once; return it."""
    page = page_class.objects.child_of(home).first()
    if page is None:
        page = page_class(**fields)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


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
