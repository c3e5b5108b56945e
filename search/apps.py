from django.apps import AppConfig

from exchange.core.personal_data import register


class SearchConfig(AppConfig):
    name = "search"
    label = "kn_search"
    verbose_name = "Zoeken"

    def ready(self):
        # In ready(), like every import of models here: the app registry must be complete.
        from practices.selectors import register_related_finder

        from .personal_data import PERSONAL_DATA
        from .service import related_practice_ids
        from .signals import connect

        connect()
        register(PERSONAL_DATA)
        register_related_finder(related_practice_ids)
