from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from exchange.core.personal_data import register


class InventoriesConfig(AppConfig):
    name = "exchange.inventories"
    label = "inventories"
    verbose_name = _("Inventarisaties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
