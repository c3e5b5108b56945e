"""Test settings: fast hashing, in-memory mail, tasks run immediately."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MAINTENANCE_AFTER_REQUESTS = None  # tests that want it set it; others never see a pass
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = DATA_DIR / "test-media"  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
LOGGING = {  # noqa: F405
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": "WARNING"},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: WAL lets the live server, worker threads and the test
    # read and write side by side as they do in production (memory DBs lock whole tables).
    # One file per test process, so parallel runs never share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(DATA_DIR / f"test-{__import__('os').getpid()}.sqlite3")  # noqa: F405
    }
