from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ModerationConfig(AppConfig):
    name = "exchange.moderation"
    label = "moderation"

    def ready(self):
        from .services import admin_permissions_ensure

        # After the last app has migrated, so every app's permissions exist.
        with_models = [a for a in self.apps.get_app_configs() if a.models_module is not None]
        post_migrate.connect(
            admin_permissions_ensure,
            sender=with_models[-1],
            dispatch_uid="moderation-admin-permissions",
        )
