from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .roles import is_moderator


@hooks.register("register_admin_urls")
def register_member_urls():
    return [
        path("leden/", admin_views.member_queue, name="member_queue"),
        path("leden/<int:pk>/besluit/", admin_views.member_decide, name="member_decide"),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_member_menu_item():
    return ModeratorMenuItem(
        _("Aanmeldingen"), reverse("member_queue"), icon_name="group", order=200
    )


@hooks.register("register_log_actions")
def register_member_log_actions(actions):
    actions.register_action(
        "kennisnetwerk.member.approve", _("Lid goedgekeurd"), _("Lid goedgekeurd")
    )
    actions.register_action("kennisnetwerk.member.reject", _("Lid afgewezen"), _("Lid afgewezen"))
    actions.register_action("kennisnetwerk.member.suspend", _("Lid geschorst"), _("Lid geschorst"))
    actions.register_action("kennisnetwerk.member.restore", _("Lid hersteld"), _("Lid hersteld"))
    actions.register_action(
        "kennisnetwerk.member.verified_by_domain",
        _("Lid geverifieerd via e-maildomein"),
        _("Lid geverifieerd via e-maildomein"),
    )
