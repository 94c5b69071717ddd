from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import cms.demo
import cooperation.demo


class Command(BaseCommand):
    help = (
        "Load the demo: organisations, one account per role, calls, proposals, projects, "
        "stakeholders and the public pages. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even when DEBUG is off (demo accounts have a published password).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "The demo accounts have a published password: refusing to seed with DEBUG off. "
                "Pass --allow-production if this really is a demonstration server."
            )
        with transaction.atomic():
            context = cooperation.demo.seed()
            cms.demo.seed(context)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {len(context['organisations'])} organisations, "
                f"{len(context['users'])} accounts (password {cooperation.demo.DEMO_PASSWORD})."
            )
        )
