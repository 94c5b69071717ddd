from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app uses; its models are the platform's own records (outgoing mail)."""

    name = "core"
    verbose_name = _("Core")
