"""manage.py backup_site: the database dump, the media and a manifest in one directory."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from exchange.core.backup import QUERIES_FILE, backup_create, read_queries


class Command(BaseCommand):
    help = (
        "Back up the site (PostgreSQL only): pg_dump of the database, a tar of MEDIA_ROOT and a "
        "manifest with counts, migrations, checksums and the top search results of fixed queries."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.DATA_DIR) / "backups",
            help="directory to create the timestamped backup in (default: DATA_DIR/backups)",
        )
        parser.add_argument(
            "--queries",
            type=Path,
            default=QUERIES_FILE,
            help="searches whose top results the manifest keeps, one a line",
        )

    def handle(self, *args, **options):
        directory, manifest = backup_create(
            output=options["output"], queries=read_queries(options["queries"])
        )
        counts = ", ".join(f"{key} {value}" for key, value in manifest["counts"].items())
        self.stdout.write(
            f"database: {manifest['database']['bytes']} bytes, media: "
            f"{manifest['media']['files']} files"
        )
        self.stdout.write(f"counts: {counts}")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {directory}"))
