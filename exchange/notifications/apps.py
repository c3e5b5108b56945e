from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from exchange.core.personal_data import register


class NotificationsConfig(AppConfig):
    name = "exchange.notifications"
    label = "notifications"
    verbose_name = _("Notificaties")

    def ready(self):
        from exchange.core.maintenance import maintenance_due

        from . import receivers
        from .personal_data import PERSONAL_DATA
        from .recovery import recover_abandoned_mail

        receivers.connect()
        register(PERSONAL_DATA)
        maintenance_due.connect(recover_abandoned_mail, dispatch_uid="notifications-recovery")
