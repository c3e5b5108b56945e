from django.core.management.base import BaseCommand

from exchange.notifications.inventory_alerts import inventory_alerts_send


class Command(BaseCommand):
    help = (
        "Quickscan follow-up: tell municipalities about new practices on the needs they "
        "reported, and remind those that have not submitted a round closing within a week. "
        "Schedule daily (cron or a systemd timer), like send_digests. Safe to run twice: "
        "each member hears of a practice or a round once."
    )

    def handle(self, *args, **options):
        made = inventory_alerts_send()
        self.stdout.write(
            f"{made['practices']} practice notification(s), {made['reminders']} reminder(s) made."
        )
