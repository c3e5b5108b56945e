from django.core.management.base import BaseCommand

from exchange.notifications.meetings import meeting_reminders_send


class Command(BaseCommand):
    help = (
        "Remind every registered participant of a meeting that starts tomorrow (Dutch dates), "
        "in the app and by e-mail. Schedule daily (cron or a systemd timer), like send_digests. "
        "Safe to run twice: each participant is reminded once per meeting."
    )

    def handle(self, *args, **options):
        made = meeting_reminders_send()
        self.stdout.write(f"{len(made)} meeting reminder(s) made.")
