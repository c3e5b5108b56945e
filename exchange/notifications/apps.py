from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "exchange.notifications"
    label = "notifications"
    verbose_name = "Meldingen"

    def ready(self):
        from . import signals  # noqa: F401
