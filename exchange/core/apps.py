from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "exchange.core"
    label = "core"

    def ready(self):
        from . import admin_widgets
        from .lookups import register_lookups

        register_lookups()
        admin_widgets.install()
