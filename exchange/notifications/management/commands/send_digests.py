from django.core.management.base import BaseCommand

from exchange.notifications.digests import DIGEST_RHYTHMS, digests_send


class Command(BaseCommand):
    help = (
        "Send the daily or weekly overview e-mails (schedule with cron or a systemd timer). "
        "Safe to run twice: each notification is mailed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("rhythm", choices=[str(rhythm) for rhythm in DIGEST_RHYTHMS])

    def handle(self, *args, rhythm, **options):
        sent = digests_send(rhythm=rhythm)
        self.stdout.write(f"{sent} overview e-mail(s) sent.")
