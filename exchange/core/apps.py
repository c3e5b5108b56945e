from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "exchange.core"
    label = "core"

    def ready(self):
        from . import admin_widgets
        from .links import default_site_sync
        from .lookups import register_lookups
        from .maintenance import connect_after_request
        from .maintenance_tasks import workers_alive
        from .observability import tasks as observed_tasks
        from .observability.metrics import register_gauge
        from .setup import after_last_migration

        register_lookups()
        observed_tasks.connect()  # request ids into the worker's log lines
        register_gauge(
            "kennisnetwerk_workers_alive",
            "run_worker processes whose heartbeat is fresh (as /healthz counts them).",
            workers_alive,
        )
        connect_after_request()  # without a worker (immediate tasks): catch up after requests
        admin_widgets.install()
        after_last_migration(default_site_sync, dispatch_uid="core-default-site-on-site-url")
        after_last_migration(
            moderator_settings_permissions_ensure, dispatch_uid="core-moderator-settings"
        )


def moderator_settings_permissions_ensure(sender=None, **kwargs) -> None:
    """post_migrate: moderators edit the case-routes text (Settings → Zorgen over een persoon)."""
    from django.contrib.auth.models import Group, Permission

    from .roles import MODERATORS_GROUP

    group = Group.objects.filter(name=MODERATORS_GROUP).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="core", codename="change_caseroutessetting"
            )
        )
