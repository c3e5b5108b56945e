from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from exchange.accounts.wagtail_hooks import ModeratorMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("meldingen/", admin_views.report_queue, name="report_queue"),
        path("meldingen/afwijzen/", admin_views.report_bulk_dismiss, name="report_bulk_dismiss"),
        path("meldingen/<str:kind>/<int:pk>/", admin_views.report_action, name="report_action"),
        path(
            "meldingen/<str:kind>/<int:pk>/bewerken/",
            admin_views.report_redact,
            name="report_redact",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return ModeratorMenuItem(
        _("Meldingen"), reverse("report_queue"), icon_name="warning", order=210
    )


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    for action, label in (
        ("kennisnetwerk.report.dismiss", _("Meldingen afgewezen")),
        ("kennisnetwerk.post.hide", _("Bericht verborgen")),
        ("kennisnetwerk.post.restore", _("Bericht weer zichtbaar gemaakt")),
        ("kennisnetwerk.post.redact", _("Bericht aangepast door moderator")),
        ("kennisnetwerk.post.auto_hide", _("Bericht automatisch verborgen na meldingen")),
        ("kennisnetwerk.member.warn", _("Lid gewaarschuwd")),
    ):
        actions.register_action(action, label, label)
