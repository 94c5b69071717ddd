"""The platform's roles, kept as Django groups, and the model permissions each one holds.

The groups are created by a migration; `sync_role_groups` runs after every `migrate` so that
the permissions of models added later are granted as soon as the models exist.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "Applicant", _("Applicant")
    EXPERT = "Expert", _("Expert")
    PROGRAMME_MANAGER = "Programme manager", _("Programme manager")
    FORUM_SECRETARIAT = "Forum secretariat", _("Forum secretariat")
    EDITOR = "Editor", _("Editor")
    ADMINISTRATOR = "Administrator", _("Administrator")


# Roles that work in the staff area (and so in the Wagtail admin).
STAFF_ROLES = frozenset(
    {Role.PROGRAMME_MANAGER, Role.FORUM_SECRETARIAT, Role.EDITOR, Role.ADMINISTRATOR}
)

_ADMIN_ACCESS = ["wagtailadmin.access_admin"]
_PAGES = [
    "wagtailcore.access_admin",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]


def _crud(app_label: str, *model_names: str) -> list[str]:
    return [
        f"{app_label}.{action}_{model}"
        for model in model_names
        for action in ("add", "change", "delete", "view")
    ]


# Model permissions per role, as "app_label.codename". A codename whose model does not
# exist yet is skipped, so this map can name the models that later work adds.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.APPLICANT: [],
    Role.EXPERT: [],
    Role.PROGRAMME_MANAGER: _ADMIN_ACCESS
    + _crud("funding", "programme", "call", "topic", "awardcriterion", "calldocument")
    + _crud("funding", "eligiblecountry")
    + _crud("funding", "fundedproject", "participant", "deliverable", "milestone")
    + _crud("funding", "reportingperiod", "payment")
    + ["funding.view_exportjob", "funding.view_projectstatuschange"]
    + _crud("cooperation", "expertprofile")
    + _crud("funding", "expertavailability")
    + ["cooperation.view_organisation", "cooperation.change_organisation"],
    Role.FORUM_SECRETARIAT: _ADMIN_ACCESS
    + _crud("cooperation", "organisation", "stakeholder", "contactperson", "workstream")
    + _crud("cooperation", "workstreammember", "meeting", "attendance", "commitment")
    + _crud("cooperation", "commitmentmilestone", "progressupdate", "mnrassessment"),
    Role.EDITOR: _ADMIN_ACCESS + _PAGES,
    Role.ADMINISTRATOR: _ADMIN_ACCESS
    + _crud("cooperation", "user", "membership", "organisation")
    + ["auth.view_group", "auth.change_group", "cooperation.export_contactperson"],
}


_EDITOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "delete_page",
]
_EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _last_migrated_app():
    from django.apps import apps

    return [config for config in apps.get_app_configs() if config.models_module][-1]


def sync_role_groups(sender=None, using="default", **kwargs):
    """Make every role group hold exactly the permissions ROLE_PERMISSIONS gives it.

    Connected to post_migrate: it acts once, after the last app, when every permission exists.
    """
    from django.contrib.auth.models import Group, Permission

    if sender is not None and sender.label != _last_migrated_app().label:
        return
    for role, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        query = models.Q(pk__in=[])
        for code in codes:
            app_label, codename = code.split(".", 1)
            query |= models.Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.using(using).filter(query))
    _grant_editor_tree(using)


def _grant_editor_tree(using):
    """Editors edit every page and the media library: Wagtail keeps those grants per tree."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    editor = Group.objects.using(using).get(name=Role.EDITOR)
    root_page = Page.objects.using(using).filter(depth=1).first()
    if root_page is not None:
        for codename in _EDITOR_PAGE_PERMISSIONS:
            permission = Permission.objects.using(using).get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.using(using).get_or_create(
                group=editor, page=root_page, permission=permission
            )
    root_collection = Collection.objects.using(using).filter(depth=1).first()
    if root_collection is not None:
        for app_label, codename in _EDITOR_COLLECTION_PERMISSIONS:
            permission = Permission.objects.using(using).get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.using(using).get_or_create(
                group=editor, collection=root_collection, permission=permission
            )


def user_has_role(user, role: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return role in user_role_names(user)


def is_programme_manager(user) -> bool:
    """Programme managers run calls, evaluations and the portfolio; administrators may too."""
    return user_has_role(user, Role.PROGRAMME_MANAGER) or user_has_role(user, Role.ADMINISTRATOR)


def user_role_names(user) -> frozenset[str]:
    """The role names of a user, read once per request object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached = cached | {Role.ADMINISTRATOR}
        user._role_names = cached
    return cached


def needs_second_factor(user) -> bool:
    """Staff roles and superusers confirm an authenticator code after their password."""
    if not user.is_authenticated:
        return False
    return bool(user_role_names(user) & STAFF_ROLES) or user.is_superuser
