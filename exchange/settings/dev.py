"""Development: `make run` and a bare `python manage.py` use these settings."""

from .base import *  # noqa: F403

DEBUG = True if DEBUG is None else DEBUG  # noqa: F405
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405, S105
# The site works without a worker in development: tasks run in the request.
TASKS = {  # noqa: F811
    "default": {
        "BACKEND": TASKS_BACKEND  # noqa: F405
        or "django_tasks.backends.immediate.ImmediateBackend"
    }
}
