from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site")

    def ready(self):
        from cms.sites import keep_site_record_in_line

        post_migrate.connect(keep_site_record_in_line, sender=self)
