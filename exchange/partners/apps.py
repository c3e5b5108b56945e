from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from exchange.core.personal_data import register


class PartnersConfig(AppConfig):
    name = "exchange.partners"
    label = "partners"
    verbose_name = _("Lokaal netwerk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from practices.partner_links import register as register_partner_links

        from .links import partner_register_urls
        from .personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
        register_partner_links(partner_register_urls)
