from django.core.management.base import BaseCommand

from exchange.notifications.network_checks import network_check_reminders_send


class Command(BaseCommand):
    help = (
        "Remind the members of municipalities whose network register has entries unchecked "
        "for more than a year. Schedule weekly (cron or a systemd timer), like send_digests. "
        "Safe to run twice: a member hears at most once a month."
    )

    def handle(self, *args, **options):
        made = network_check_reminders_send()
        self.stdout.write(f"{len(made)} herinnering(en) over het netwerkregister gemaakt.")
