from django.core.management.base import BaseCommand

from search.engines import EngineUnavailable
from search.index import status


class Command(BaseCommand):
    help = "Database vs index counts per kind, pending index operations and the alias target."

    def add_arguments(self, parser):
        parser.add_argument("--drain", action="store_true", help="retry pending operations first")

    def handle(self, *args, **options):
        if options["drain"]:
            from search.sync import drain

            done, left = drain()
            self.stdout.write(f"Drained {done} pending operations, {left} left.")
        try:
            info = status()
        except EngineUnavailable as exc:
            self.stderr.write(self.style.ERROR(f"Search engine unavailable: {exc}"))
            info = status_without_engine()
        self.stdout.write(f"engine: {info['engine']}")
        self.stdout.write(f"alias: {info['alias']} -> {', '.join(info['alias_targets']) or '-'}")
        for kind, count in info["database"].items():
            in_index = info["index"].get(kind, "-")
            rows = info["database_engine_rows"][kind]
            self.stdout.write(f"{kind}: database {count}, index {in_index}, database rows {rows}")
        self.stdout.write(f"pending operations: {info['pending']}")


def status_without_engine() -> dict:
    from django.test import override_settings

    with override_settings(SEARCH_URL=""):
        return status()
