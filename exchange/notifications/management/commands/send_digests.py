from django.core.management.base import BaseCommand

from exchange.notifications.emails import send_digests


class Command(BaseCommand):
    help = "Verstuurt de dagelijkse of wekelijkse overzichtsmail (plan dit met cron of een timer)."

    def add_arguments(self, parser):
        parser.add_argument("rhythm", choices=["daily", "weekly"])

    def handle(self, *args, rhythm, **options):
        sent = send_digests(rhythm)
        self.stdout.write(self.style.SUCCESS(f"{sent} overzichtsmail(s) verstuurd."))
