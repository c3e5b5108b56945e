from django.core.management.base import BaseCommand

from exchange.inventories.quickscan import quickscan_ensure


class Command(BaseCommand):
    help = "Create the ready-made quickscan (about 20 questions); does nothing if it exists."

    def handle(self, *args, **options):
        questionnaire, created = quickscan_ensure()
        if created:
            count = questionnaire.questions.count()
            message = f"Quickscan aangemaakt: {questionnaire.title} ({count} vragen)."
        else:
            message = f"Quickscan bestaat al: {questionnaire.title}; niets gewijzigd."
        self.stdout.write(self.style.SUCCESS(message))
