from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils.module_loading import import_string

from demo.people import DEMO_PASSWORD

# Each step is `seed(context: dict) -> None`: it reads what earlier steps put in the
# context, adds its own records, and changes nothing when run a second time.
STEPS = [
    "demo.people.seed",
    "demo.calls.seed",
    "demo.pages.seed",
    "demo.portfolio.seed",
    "demo.forum.seed",
    "demo.workstream_pages.seed",
    "demo.notifications.seed",
    "demo.proposals.seed",
    "demo.evaluation.seed",
    "demo.consortium.seed",
    "demo.portfolio_grants.seed",
    "demo.portfolio_reporting.seed",
    "demo.initiatives.seed",
    "demo.french.seed",
]
IN_PROCESS_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


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
        context: dict = {}
        # Demo people have made-up addresses: whatever the demo's story e-mails stays here
        # (its mail tasks run in this process, not on the production queue's worker).
        with (
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                TASKS=IN_PROCESS_TASKS,
            ),
            transaction.atomic(),
        ):
            for step in STEPS:
                import_string(step)(context)
                if options["verbosity"] > 1:
                    self.stdout.write(f"  {step} done")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {len(context['organisations'])} organisations, "
                f"{len(context['users'])} accounts (password {DEMO_PASSWORD})."
            )
        )
