from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PracticesConfig(AppConfig):
    name = "practices"
    label = "practices"
    verbose_name = "Goede praktijken"

    def ready(self):
        from exchange.questions.selectors import register_similar

        from . import audit, signals  # noqa: F401
        from .selectors import similar_practices
        from .services import setup_after_migrate

        register_similar("practices", similar_practices)
        # After the last app has migrated, so every app's permissions exist.
        with_models = [a for a in self.apps.get_app_configs() if a.models_module is not None]
        post_migrate.connect(setup_after_migrate, sender=with_models[-1])
        audit.connect()
