"""The environment for a real `manage.py run_worker` started by a test, on the test's own
database (SQLite file or PostgreSQL test database) with settings of the test's choosing."""

import os
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def current_database_url() -> str:
    """The URL of the database this test runs on, for another process to use."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = f"{quote(db['USER'])}:{quote(db['PASSWORD'])}@" if db["USER"] else ""
    return f"postgres://{credentials}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_environment(tmp_path: Path, worker_settings: str, **extra: str) -> dict[str, str]:
    """`worker_settings` (a settings module's text) written to tmp_path and chosen; the
    database backend for tasks; the database cache of the same database (one shared cache)."""
    (tmp_path / "worker_settings.py").write_text(worker_settings)
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "worker_settings",
        "DATABASE_URL": current_database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        **extra,
    }
    env.pop("CACHE_URL", None)
    return env
