from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from exchange.core.personal_data import register


class ContactConfig(AppConfig):
    name = "exchange.contact"
    label = "contact"
    verbose_name = _("Contact via de site")

    def ready(self):
        from .personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
