from django.apps import AppConfig

from exchange.core.personal_data import register
from exchange.core.setup import after_last_migration


class PracticesConfig(AppConfig):
    name = "practices"
    label = "practices"
    verbose_name = "Goede praktijken"

    def ready(self):
        # In ready(), like every import of models here: the app registry must be complete.
        from exchange.downloads import register_document_uses
        from exchange.questions.selectors import register_similar

        from . import audit, facet_cache, signals
        from .documents import document_uses
        from .personal_data import PERSONAL_DATA
        from .selectors import similar_practices
        from .services import setup_after_migrate

        register_similar("practices", similar_practices)
        after_last_migration(setup_after_migrate, dispatch_uid="practices-catalogue-and-roles")
        audit.connect()
        signals.connect()
        facet_cache.connect()
        register(PERSONAL_DATA)
        register_document_uses(document_uses)
