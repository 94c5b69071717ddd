from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (`manage.py seed_demo`): no models, only the seeding steps."""

    name = "demo"
    verbose_name = "Demo data"
