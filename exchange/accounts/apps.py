from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "exchange.accounts"
    label = "accounts"
    verbose_name = "Leden"

    def ready(self):
        from . import signals  # noqa: F401
