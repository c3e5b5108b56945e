from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from exchange.core.roles import is_moderator

from . import admin_views
from .models import CodeOfConduct


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
    actions.register_action(
        "kennisnetwerk.member.anonymise",
        _("Account verwijderd (geanonimiseerd)"),
        _("Account verwijderd (geanonimiseerd)"),
    )


class CodeOfConductViewSet(SnippetViewSet):
    """Moderators and admins write new versions (their groups hold the model permissions)."""

    model = CodeOfConduct
    icon = "doc-full"
    menu_label = _("Gedragscode")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["version", "published_at", "updated_at"]
    ordering = ["-version"]
    panels = [FieldPanel("version"), FieldPanel("published_at"), FieldPanel("text")]


register_snippet(CodeOfConductViewSet)
