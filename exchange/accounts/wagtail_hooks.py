from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from exchange.core.roles import is_moderator
from exchange.themes.scopes import is_theme_moderator

from . import admin_views
from .models import CodeOfConduct


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


class MemberQueueMenuItem(MenuItem):
    # Sign-ups are for moderators without a theme scope; the queue refuses the others too.
    def is_shown(self, request):
        return is_moderator(request.user) and not is_theme_moderator(request.user)


class MemberQueueViewSet(ViewSet):
    """Sign-ups and members by status, decided one at a time or in bulk (/beheer/leden/)."""

    name = "kn_members"
    url_prefix = "leden"
    menu_label = _("Aanmeldingen")
    icon = "group"
    menu_order = 200
    # An item of the "Moderatie" menu that exchange.moderation builds from this hook.
    menu_hook = "register_moderation_menu_item"
    menu_item_class = MemberQueueMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.member_queue, name="index"),
            path("<int:pk>/besluit/", admin_views.member_decide, name="decide"),
            path("bulk/", admin_views.member_bulk_decide, name="bulk_decide"),
        ]


@hooks.register("register_admin_viewset")
def register_member_queue():
    return MemberQueueViewSet()


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
