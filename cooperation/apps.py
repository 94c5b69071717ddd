from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self):
        from cooperation.accounts.roles import sync_role_groups
        from cooperation.forum import dashboard_counts

        # Permissions of models added by later migrations are granted to the role groups
        # once every app has migrated; the groups themselves come from a migration.
        post_migrate.connect(sync_role_groups, dispatch_uid="cooperation.sync_role_groups")
        # The dashboard's kept counts get a new token on every write of a row they count.
        dashboard_counts.connect()
