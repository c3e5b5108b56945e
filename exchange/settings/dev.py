"""Development: `make run` and a bare `python manage.py` use these settings."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405, S105
# The site works without a worker in development: tasks run in the request.
TASKS = {  # noqa: F811
    "default": {
        "BACKEND": __import__("os").environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
