from django.apps import AppConfig

from exchange.core.personal_data import register
from exchange.core.setup import after_last_migration


class ThemesConfig(AppConfig):
    name = "exchange.themes"
    label = "themes"

    def ready(self):
        from .personal_data import PERSONAL_DATA
        from .services import moderator_permissions_ensure

        register(PERSONAL_DATA)
        after_last_migration(
            moderator_permissions_ensure, dispatch_uid="themes-moderator-permissions"
        )
