"""`manage.py run_worker`: django-tasks-db's db_worker plus a heartbeat and maintenance.

Use it wherever `db_worker` ran (same options). Its heartbeat keeps its RUNNING tasks safe
from the stale-task recovery, and its maintenance thread (one worker at a time) recovers what
dead workers left: tasks stuck RUNNING, unconfirmed e-mail claims, index updates waiting for
the search engine. Only exchange.core is imported: the command can live in any app.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from exchange.core import maintenance_tasks
from exchange.core.maintenance import start_worker_threads

logger = logging.getLogger(__name__)
DATABASE_AWAY = (OperationalError, InterfaceError)
RECONNECT_SECONDS = 2


class Command(DbWorkerCommand):
    help = "Run a database background worker with a heartbeat and periodic maintenance"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # The autoreloader would run the threads in the watching parent, not the worker.
        parser.set_defaults(reload=False)

    def handle(self, *args, **options):
        start_worker_threads(options["worker_id"])
        try:
            while True:
                try:
                    return super().handle(*args, **options)
                except DATABASE_AWAY:
                    # db_worker ends on any database error but a lock. A database restarting
                    # must not end the worker for good: wait, reconnect, carry on. (A task it
                    # was running is recovered by maintenance, as for a dead worker.)
                    logger.warning(
                        "Database away; the worker tries again in %s s", RECONNECT_SECONDS
                    )
                    connections.close_all()
                    time.sleep(RECONNECT_SECONDS)
        finally:
            maintenance_tasks.worker_gone(options["worker_id"])  # a clean stop counts at once
