from django.apps import AppConfig

from exchange.core.setup import after_last_migration


class ThemesConfig(AppConfig):
    name = "exchange.themes"
    label = "themes"

    def ready(self):
        from .services import moderator_permissions_ensure

        after_last_migration(
            moderator_permissions_ensure, dispatch_uid="themes-moderator-permissions"
        )
