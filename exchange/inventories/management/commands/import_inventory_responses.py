from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.inventories.importing import ImportRefused, responses_import
from exchange.inventories.models import Questionnaire


class Command(BaseCommand):
    help = (
        "Import an earlier round from CSV (column 'gemeente' with CBS codes, a column per "
        "question code); every line is checked first and nothing is written on any error."
    )

    def add_arguments(self, parser):
        parser.add_argument("questionnaire", help="slug of the questionnaire (the round)")
        parser.add_argument("file", type=Path)

    def handle(self, *args, questionnaire, file, **options):
        round_ = Questionnaire.objects.filter(slug=questionnaire).first()
        if round_ is None:
            raise CommandError(f"Onbekende vragenlijst: {questionnaire}")
        try:
            count = responses_import(questionnaire=round_, text=file.read_text(encoding="utf-8"))
        except ImportRefused as refused:
            raise CommandError(
                "Niets geïmporteerd:\n" + "\n".join(f"- {error}" for error in refused.errors)
            ) from refused
        self.stdout.write(self.style.SUCCESS(f"{count} antwoorden van gemeenten geïmporteerd."))
