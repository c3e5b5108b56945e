"""`manage.py run_maintenance [--loop]`: one maintenance pass, or one every interval.

For set-ups that run plain `db_worker` processes (cron, a systemd timer, or `--loop` beside
them). `run_worker` does the same by itself. Only exchange.core is imported.
"""

import time

from django.core.management.base import BaseCommand

from exchange.core import maintenance


class Command(BaseCommand):
    help = "Recover dead workers' tasks and e-mails, and catch the search index up"

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="repeat every --interval")
        parser.add_argument("--interval", type=float, default=None, help="seconds between runs")

    def handle(self, *args, loop=False, interval=None, **options):
        every = interval or maintenance.interval()
        while True:
            result = maintenance.run_if_free(owner="run_maintenance")
            if result is None:
                self.stdout.write("Another process is running maintenance.")
            else:
                self.stdout.write(f"Maintenance: {result or 'nothing to do'}")
            if not loop:
                return
            time.sleep(every)
