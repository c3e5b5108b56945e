from django.apps import AppConfig

from exchange.core.personal_data import register


class AccountsConfig(AppConfig):
    name = "exchange.accounts"
    label = "accounts"
    verbose_name = "Leden"

    def ready(self):
        from . import signals  # noqa: F401
        from .personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
