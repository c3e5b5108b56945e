from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "kn_search"
    verbose_name = "Zoeken"

    def ready(self):
        from .signals import connect

        connect()
