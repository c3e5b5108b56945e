from django.apps import AppConfig

from exchange.core.personal_data import register
from exchange.core.setup import after_last_migration


class ModerationConfig(AppConfig):
    name = "exchange.moderation"
    label = "moderation"

    def ready(self):
        from .personal_data import PERSONAL_DATA
        from .services import admin_permissions_ensure

        after_last_migration(admin_permissions_ensure, dispatch_uid="moderation-admin-permissions")
        register(PERSONAL_DATA)
