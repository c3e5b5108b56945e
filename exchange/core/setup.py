"""Set-up that must run after every app has migrated (roles, permissions, the catalogue)."""

from django.apps import apps
from django.db.models.signals import post_migrate


def after_last_migration(receiver, *, dispatch_uid: str) -> None:
    """Connect `receiver` to post_migrate of the last app with models, so every app's tables
    and permissions exist when it runs (once per migrate, not once per app)."""
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    post_migrate.connect(receiver, sender=with_models[-1], dispatch_uid=dispatch_uid)
