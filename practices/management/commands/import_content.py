from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from practices.importing import ContentImportError, content_import, quiet_page_logging


class Command(BaseCommand):
    help = (
        "Importeert praktijken (en later vragen) uit een JSONL-bestand. Alles of niets: bij een "
        "fout wordt niets opgeslagen. Opnieuw importeren werkt bestaande items bij op hun id."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="pad naar het JSONL-bestand")
        parser.add_argument("--no-progress", action="store_true", help="geen voortgangsbalk tonen")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Bestand {path} bestaat niet. Er is niets geïmporteerd.")
        quiet = quiet_page_logging() if options["verbosity"] < 2 else nullcontext()
        try:
            with quiet:
                summary = content_import(
                    path=path, progress=not options["no_progress"], stdout=self.stdout
                )
        except ContentImportError as exc:
            problems = "\n".join(f"  {error}" for error in exc.errors)
            raise CommandError(
                f"{path} bevat {len(exc.errors)} fout(en):\n{problems}\nEr is niets geïmporteerd."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Praktijken: {summary.created} nieuw, {summary.updated} bijgewerkt, "
                f"{summary.unchanged} ongewijzigd."
            )
        )
