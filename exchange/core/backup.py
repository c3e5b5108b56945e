"""Backups of the whole site: a PostgreSQL dump, the media files and a manifest to verify them.

`backup_site` writes one timestamped directory; `restore_site` puts it into an empty database
and media directory and checks the result against the manifest (docs/backup.md).

The core layer knows no other app, so everything here reads the other apps by label: model
counts through `apps.get_model` (as `dumpdata` does), searches through the public search API
(`/api/v1/search`, as an anonymous visitor) and the index rebuild through `call_command`.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
QUERIES_FILE = Path(settings.BASE_DIR) / "services" / "backup" / "queries.txt"
TOP = 5

# The headline figures an operator compares; every table's row count is checked as well.
COUNTED = {
    "practices": ("practices", "PracticePage"),
    "questions": ("questions", "Question"),
    "answers": ("questions", "Answer"),
}


def require_postgresql() -> dict:
    """The database settings, or a clear refusal: pg_dump/pg_restore need PostgreSQL."""
    if connection.vendor != "postgresql":
        raise CommandError(
            f"Backups need PostgreSQL (DATABASE_URL); this site uses {connection.vendor}. "
            "For SQLite, stop the site and copy the database file and MEDIA_ROOT instead."
        )
    return connection.settings_dict


def require_program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CommandError(f"{name} not found: install it (apt-get install postgresql-client)")
    return path


def pg_environment(db: dict) -> dict:
    """libpq's variables for `db`, so no password appears on a command line."""
    env = dict(os.environ)
    values = {
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": db.get("NAME") or "",
        "PGSSLMODE": (db.get("OPTIONS") or {}).get("sslmode", ""),
    }
    env.update({key: value for key, value in values.items() if value})
    return env


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def git_commit() -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def site_counts() -> dict[str, int]:
    counts = {key: apps.get_model(*label).objects.count() for key, label in COUNTED.items()}
    counts["members"] = get_user_model().objects.count()
    counts["documents"] = get_document_model().objects.count()
    return counts


def table_counts() -> dict[str, int]:
    tables = sorted(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def migration_heads() -> dict[str, str]:
    """The last applied migration of every app (what the restored code must match)."""
    heads = {}
    for app, name in MigrationRecorder.Migration.objects.order_by("id").values_list("app", "name"):
        heads[app] = name
    return heads


def read_queries(path: Path = QUERIES_FILE) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def search_engine_name() -> str:
    return settings.SEARCH_URL.partition(":")[0].partition("+")[0] or "database"


def search_snapshot(queries: list[str]) -> list[dict]:
    """The top results an anonymous visitor gets for each query, from the public search API.

    Run in a transaction that is rolled back, so these searches leave no trace in the query
    log the moderators' dashboard reads.
    """
    host = next((h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")), None)
    client = Client(HTTP_HOST=host or "localhost")
    rows = []
    with transaction.atomic():
        for query in queries:
            response = client.get(
                "/api/v1/search?" + urlencode({"q": query, "page_size": TOP}), secure=True
            )
            if response.status_code != 200:
                raise CommandError(f"Search for {query!r} answered {response.status_code}")
            answer = response.json()
            top = [[hit["kind"], hit["id"], hit["title"]] for hit in answer["results"][:TOP]]
            rows.append({"query": query, "count": answer["count"], "top": top})
        transaction.set_rollback(True)
    return rows


def media_archive(target: Path) -> int:
    """Tar MEDIA_ROOT into `target`; returns the number of files."""
    media = Path(settings.MEDIA_ROOT)
    files = 0
    with tarfile.open(target, "w:gz") as archive:
        if media.is_dir():
            for path in sorted(media.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=str(path.relative_to(media)), recursive=False)
                    files += 1
    return files


def backup_create(*, output: Path, queries: list[str]) -> tuple[Path, dict]:
    """Dump the database and tar the media into a new directory under `output`, with a manifest.

    The counts are read in the very snapshot pg_dump exports, so they match the dump exactly
    even while the site keeps writing.
    """
    db = require_postgresql()
    pg_dump = require_program("pg_dump")
    directory = Path(output) / f"kennisnetwerk-{timezone.now():%Y%m%dT%H%M%SZ}"
    directory.mkdir(parents=True)
    dump = directory / DATABASE_FILE
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        result = subprocess.run(  # noqa: S603
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={dump}"],
            env=pg_environment(db),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        counts, tables, heads = site_counts(), table_counts(), migration_heads()
    media = directory / MEDIA_FILE
    media_files = media_archive(media)
    manifest = {
        "format": 1,
        "created_at": timezone.now().isoformat(),
        "git_commit": git_commit(),
        "database": {"file": DATABASE_FILE, "sha256": sha256(dump), "bytes": dump.stat().st_size},
        "media": {"file": MEDIA_FILE, "sha256": sha256(media), "files": media_files},
        "counts": counts,
        "tables": tables,
        "migrations": heads,
        "search": {
            "engine": search_engine_name(),
            "visitor": "anonymous",
            "results": search_snapshot(queries),
        },
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return directory, manifest


def manifest_read(directory: Path) -> dict:
    """The manifest, after checking that both files are the ones it describes."""
    path = Path(directory) / MANIFEST
    if not path.is_file():
        raise CommandError(f"No {MANIFEST} in {directory}: not a backup made by backup_site")
    manifest = json.loads(path.read_text())
    for part in ("database", "media"):
        file = Path(directory) / manifest[part]["file"]
        if not file.is_file():
            raise CommandError(f"{file} is missing")
        if sha256(file) != manifest[part]["sha256"]:
            raise CommandError(f"{file} does not match its checksum in the manifest: damaged")
    return manifest


def database_tables() -> list[str]:
    return connection.introspection.table_names()


def media_files() -> list[Path]:
    media = Path(settings.MEDIA_ROOT)
    return [path for path in media.rglob("*") if path.is_file()] if media.is_dir() else []


def database_restore(directory: Path, manifest: dict, *, replace: bool) -> None:
    """pg_restore the dump, as the configured role (`--no-owner`); `replace` drops first."""
    db = require_postgresql()
    pg_restore = require_program("pg_restore")
    command = [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error"]
    if replace:
        command += ["--clean", "--if-exists"]
    command += [f"--dbname={db['NAME']}", str(Path(directory) / manifest["database"]["file"])]
    # The command's own connection must not hold locks on the tables pg_restore drops.
    connection.close()
    result = subprocess.run(command, env=pg_environment(db), capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"pg_restore failed: {result.stderr.strip()}")


def media_restore(directory: Path, manifest: dict) -> int:
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(Path(directory) / manifest["media"]["file"], "r:gz") as archive:
        members = archive.getmembers()
        # "data" refuses absolute paths, links out of the tree and device files.
        archive.extractall(media, filter="data")
    return sum(1 for member in members if member.isfile())


def differences(before: dict, after: dict) -> list[str]:
    """Keys whose values differ, as 'key: before → after' lines."""
    keys = sorted(set(before) | set(after))
    return [
        f"{key}: {before.get(key, '-')} → {after.get(key, '-')}"
        for key in keys
        if before.get(key) != after.get(key)
    ]
