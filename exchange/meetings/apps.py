from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from exchange.core.personal_data import register
from exchange.core.setup import after_last_migration


class MeetingsConfig(AppConfig):
    name = "exchange.meetings"
    label = "meetings"
    verbose_name = _("Bijeenkomsten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from exchange.downloads import register_document_uses

        from .documents import document_uses
        from .personal_data import PERSONAL_DATA
        from .services import setup_after_migrate

        after_last_migration(setup_after_migrate, dispatch_uid="meetings-agenda")
        register(PERSONAL_DATA)
        register_document_uses(document_uses)
