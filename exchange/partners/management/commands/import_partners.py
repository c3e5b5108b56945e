from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from exchange.municipalities.models import Municipality
from exchange.partners.importing import ImportRefused, organisations_import


class Command(BaseCommand):
    help = (
        "Importeer partnerorganisaties in het lokaal netwerk van een gemeente uit CSV "
        "(kolommen naam, soort, wijken, themas, samenwerking, contactrol, deelbaar, "
        "laatst_gecontroleerd). Alles wordt eerst gecontroleerd; bij een fout wordt niets "
        "opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--municipality", required=True, help="CBS-code, bijv. GM0363")

    def handle(self, *args, file, municipality, **options):
        found = Municipality.objects.filter(code=municipality.strip().upper()).first()
        if found is None:
            raise CommandError(f"Onbekende gemeente: {municipality}")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Kan {file} niet lezen als UTF-8: {error}") from error
        with translation.override("nl"):
            try:
                count = organisations_import(user=None, municipality=found, text=text)
            except ImportRefused as refused:
                raise CommandError(
                    "Niets geïmporteerd:\n" + "\n".join(f"- {e}" for e in refused.errors)
                ) from refused
        self.stdout.write(
            self.style.SUCCESS(f"{count} organisaties geïmporteerd in het register van {found}.")
        )
