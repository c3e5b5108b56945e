from django.apps import AppConfig
from django.conf import settings

from exchange.core.personal_data import register


class SearchConfig(AppConfig):
    name = "search"
    label = "kn_search"
    verbose_name = "Zoeken"

    def ready(self):
        # In ready(), like every import of models here: the app registry must be complete.
        from exchange.core.maintenance import maintenance_due
        from practices.selectors import register_related_finder

        from .embedding import embeddings_due
        from .feedback import statistics_due
        from .personal_data import PERSONAL_DATA
        from .service import related_practice_ids
        from .signals import connect
        from .sync import catch_up

        connect()
        # Edits made while the engine was down reach it without a command once it answers.
        maintenance_due.connect(catch_up, dispatch_uid="search-catch-up")
        maintenance_due.connect(statistics_due, dispatch_uid="search-term-statistics")
        maintenance_due.connect(embeddings_due, dispatch_uid="search-embeddings")
        register(PERSONAL_DATA)
        register_related_finder(related_practice_ids, enabled=lambda: bool(settings.SEARCH_URL))
