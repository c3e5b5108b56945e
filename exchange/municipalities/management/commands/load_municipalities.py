from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.municipalities.services import (
    DEFAULT_CSV,
    MunicipalityFileError,
    municipalities_load,
)


class Command(BaseCommand):
    help = "Laadt de gemeentelijst (CBS) uit een CSV-bestand; bijwerken op code, nooit verwijderen."

    def add_arguments(self, parser):
        parser.add_argument("csv", nargs="?", default=str(DEFAULT_CSV), help="pad naar de CSV")

    def handle(self, *args, **options):
        path = Path(options["csv"])
        try:
            summary = municipalities_load(path=path)
        except MunicipalityFileError as exc:
            raise CommandError(f"{path}: {exc}. Er is niets opgeslagen.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Gemeenten: {len(summary.created)} nieuw, {len(summary.updated)} bijgewerkt, "
                f"{summary.unchanged} ongewijzigd, {len(summary.deactivated)} inactief gemaakt; "
                f"{summary.domains_added} e-maildomeinen toegevoegd."
            )
        )
        if summary.deactivated:
            self.stdout.write("Inactief gemaakt: " + ", ".join(summary.deactivated))
