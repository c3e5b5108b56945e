from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "kn_search"
    verbose_name = "Zoeken"

    def ready(self):
        from practices.selectors import register_related_finder

        from .service import related_practice_ids
        from .signals import connect

        connect()
        register_related_finder(related_practice_ids)
