from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from django.utils import timezone

from core.filters import filtered
from funding.models import Call, Programme
from funding.portfolio.filters import describe_filters, filtered_portfolio
from funding.portfolio.workbook import write_portfolio_workbook


class Command(BaseCommand):
    help = (
        "Write the Excel portfolio summary to OUTPUT.xlsx, with the same filters as the staff "
        "list (programme code, call identifier, status, participant country, coordinator "
        "type, start year, health)."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="Path of the .xlsx file to write.")
        parser.add_argument("--programme", help="Programme code, e.g. ISFP, HORIZON, H2020.")
        parser.add_argument("--call", help="Call identifier, e.g. ISFP-2017-AG-CYBER.")
        parser.add_argument("--status", help="grant_preparation, ongoing, suspended, ...")
        parser.add_argument("--country", help="Two-letter code of a participant's country.")
        parser.add_argument("--coordinator-type", help="PUB, REC, HES, PRC or OTH.")
        parser.add_argument("--start-year", type=int)
        parser.add_argument("--health", help="green, amber, red or not_assessed.")
        parser.add_argument("--search", help="Words in the acronym or title, or a grant number.")

    def handle(self, *args, output, **options):
        query = QueryDict(mutable=True)
        if options["programme"]:
            programme = Programme.objects.filter(code=options["programme"]).first()
            if programme is None:
                raise CommandError(f"No programme has the code {options['programme']}.")
            query["programme"] = str(programme.pk)
        if options["call"]:
            call = Call.objects.filter(identifier=options["call"]).first()
            if call is None:
                raise CommandError(f"No call has the identifier {options['call']}.")
            query["call"] = str(call.pk)
        for option, parameter in [
            ("status", "status"),
            ("country", "country"),
            ("coordinator_type", "coordinator_type"),
            ("start_year", "start_year"),
            ("health", "health"),
            ("search", "q"),
        ]:
            if options[option] not in (None, ""):
                query[parameter] = str(options[option])
        today = timezone.localdate()
        filterset = filtered_portfolio(query, today=today)
        if query and not filterset.is_valid():
            raise CommandError(f"Invalid filters: {filterset.errors.as_text()}")
        rows = write_portfolio_workbook(
            filtered(filterset), output, today=today, filters_text=describe_filters(filterset)
        )
        self.stdout.write(self.style.SUCCESS(f"Wrote {rows} projects to {output}."))
