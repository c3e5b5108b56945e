"""manage.py restore_site DIR: a backup_site directory into an empty database and media root,
checked against its manifest, with the search index rebuilt and searched again."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from exchange.core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup_site directory into an EMPTY PostgreSQL database and MEDIA_ROOT, verify "
        "it against the manifest, rebuild the search index and compare the fixed searches."
    )
    # The checks may read tables that are not there yet: the database is meant to be empty.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="a directory backup_site wrote")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the tables of a database that is not empty and overwrite media files",
        )

    def handle(self, *args, **options):
        directory = options["directory"]
        manifest = backup.manifest_read(directory)
        backup.require_postgresql()
        backup.require_program("pg_restore")
        self.refuse_to_overwrite(force=options["force"])

        tables = backup.database_tables()
        backup.database_restore(directory, manifest, replace=bool(tables))
        files = backup.media_restore(directory, manifest)
        self.stdout.write(f"Restored the database and {files} media files from {directory}.")

        problems = self.compare_counts(manifest)
        if files != manifest["media"]["files"]:
            problems.append(f"media files: {manifest['media']['files']} → {files}")
        commit = backup.git_commit()
        if manifest["git_commit"] and commit and manifest["git_commit"] != commit:
            made_with = manifest["git_commit"][:12]
            self.stdout.write(f"Backup made with code {made_with}, the code is now {commit[:12]}.")
        pending = self.unapplied_migrations()
        if pending:
            differing = f" Also different: {'; '.join(problems[:10])}" if problems else ""
            raise CommandError(
                f"The code has {len(pending)} migrations the backup has not "
                f"({', '.join(pending[:5])}…): run `manage.py migrate`, then "
                f"`manage.py rebuild_search_index`.{differing}"
            )
        call_command("rebuild_search_index", verbosity=0, stdout=self.stdout)
        problems += self.compare_searches(manifest)
        if problems:
            raise CommandError(
                f"Restored, but {len(problems)} checks differ from the manifest: "
                + "; ".join(problems[:10])
            )
        self.stdout.write(self.style.SUCCESS("Restore verified: same counts, same search results."))

    def refuse_to_overwrite(self, *, force: bool) -> None:
        if force:
            return
        if tables := backup.database_tables():
            raise CommandError(
                f"Database {connection.settings_dict['NAME']!r} is not empty ({len(tables)} "
                "tables): restore into a new, empty database (createdb), or pass --force to "
                "replace its tables. Nothing was changed."
            )
        if files := backup.media_files():
            raise CommandError(
                f"MEDIA_ROOT ({settings.MEDIA_ROOT}) already holds {len(files)} files: "
                "point MEDIA_ROOT at an empty directory, or pass --force to overwrite them. "
                "Nothing was changed."
            )

    def compare_counts(self, manifest: dict) -> list[str]:
        counts = backup.site_counts()
        self.stdout.write(f"{'':12}{'backup':>10}{'restored':>10}")
        for key, before in manifest["counts"].items():
            after = counts.get(key)
            mark = "" if before == after else "  DIFFERENT"
            self.stdout.write(f"{key:12}{before:>10}{after!s:>10}{mark}")
        problems = backup.differences(manifest["counts"], counts)
        problems += [
            f"table {line}"
            for line in backup.differences(manifest["tables"], backup.table_counts())
        ]
        problems += [
            f"migration {line}"
            for line in backup.differences(manifest["migrations"], backup.migration_heads())
        ]
        return problems

    def unapplied_migrations(self) -> list[str]:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]

    def compare_searches(self, manifest: dict) -> list[str]:
        stored = manifest["search"]
        engine = backup.search_engine_name()
        self.stdout.write(
            f"Top {backup.TOP} results for an anonymous visitor, backup ({stored['engine']}) "
            f"vs restored ({engine}):"
        )
        if stored["engine"] != engine:
            self.stdout.write("  (different engines: the order may differ)")
        after = backup.search_snapshot([row["query"] for row in stored["results"]])
        problems = []
        for old, new in zip(stored["results"], after, strict=True):
            same = old["count"] == new["count"] and old["top"] == new["top"]
            verdict = "same" if same else "DIFFERENT"
            self.stdout.write(
                f"  {old['query']!r}: {old['count']} vs {new['count']} hits, {verdict}"
            )
            rows = max(len(old["top"]), len(new["top"]))
            pairs = zip(_padded(old["top"], rows), _padded(new["top"], rows), strict=True)
            for left, right in pairs:
                self.stdout.write(f"    {_hit(left):46} | {_hit(right)}")
            if not same:
                problems.append(f"search {old['query']!r}")
        return problems


def _padded(top: list, rows: int) -> list:
    return top + [None] * (rows - len(top))


def _hit(hit) -> str:
    if hit is None:
        return "-"
    kind, pk, title = hit
    return f"{kind} {pk} {title}"[:46]
