from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from exchange.accounts.wagtail_hooks import ModeratorMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_network_urls():
    return [
        path("netwerk/", admin_views.network_dashboard, name="network_dashboard"),
        path("netwerk/csv/<slug:table>/", admin_views.network_csv, name="network_csv"),
    ]


@hooks.register("register_admin_menu_item")
def register_network_menu_item():
    return ModeratorMenuItem(
        _("Netwerk"), reverse("network_dashboard"), icon_name="site", order=220
    )
