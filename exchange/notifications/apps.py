from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "exchange.notifications"
    label = "notifications"
    verbose_name = _("Meldingen")

    def ready(self):
        from . import receivers

        receivers.connect()
