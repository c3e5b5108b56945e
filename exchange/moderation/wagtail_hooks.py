from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from exchange.accounts import admin_views as member_admin_views
from exchange.accounts.wagtail_hooks import ModeratorMenuItem
from exchange.core.roles import is_moderator
from exchange.themes.models import ModeratorScope
from exchange.themes.scopes import is_theme_moderator

from . import admin_views, dashboard, dashboard_views
from .permissions import check_practice_moderate_permission


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
        path("moderatie/", dashboard_views.moderation_dashboard, name="moderation_dashboard"),
        path("moderatie/logboek/", dashboard_views.audit_log, name="moderation_audit_log"),
        path(
            "moderatie/lijst/<slug:section>/",
            dashboard_views.dashboard_full_list,
            name="moderation_full_list",
        ),
        path(
            "moderatie/vragen/<int:pk>/doorsturen/",
            dashboard_views.question_route,
            name="moderation_question_route",
        ),
        path(
            "praktijken/te-beoordelen/",
            dashboard_views.review_list,
            name="practice_review_list",
        ),
        path(
            "moderatie/praktijken/beoordeeld/",
            dashboard_views.practice_review,
            name="moderation_practice_review",
        ),
        # The member queue's bulk decision (the queue itself is registered by accounts).
        path("leden/bulk/", member_admin_views.member_bulk_decide, name="member_bulk_decide"),
    ]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return ModeratorMenuItem(
        _("Moderatie"), reverse("moderation_dashboard"), icon_name="tasks", order=195
    )


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ModeratorMenuItem(
        _("Te beoordelen praktijken"), reverse("practice_review_list"), icon_name="time", order=210
    )


@hooks.register("construct_main_menu")
def hide_member_queue_from_theme_moderators(request, menu_items):
    # Sign-ups are for moderators without a theme scope; the queue refuses the others too.
    if is_theme_moderator(request.user):
        queue = reverse("member_queue")
        menu_items[:] = [item for item in menu_items if getattr(item, "url", None) != queue]


class ModerationSummaryPanel(Component):
    """The length of every moderation queue on the admin home page, for moderators."""

    name = "moderation_summary"
    template_name = "moderation/admin/home_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["counts"] = dashboard.dashboard_counts(parent_context["request"].user)
        return context


@hooks.register("construct_homepage_panels")
def add_moderation_summary(request, panels):
    if is_moderator(request.user):
        panels.append(ModerationSummaryPanel())


@hooks.register("before_edit_page")
def keep_theme_moderators_to_their_practices(request, page):
    from practices.models import PracticePage
    from practices.permissions import user_municipality_id

    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if not isinstance(specific, PracticePage) or not is_moderator(request.user):
        return
    try:
        check_practice_moderate_permission(request.user, specific)
    except PermissionDenied:
        # Outside their themes a theme moderator edits only as an author would: own municipality.
        own = user_municipality_id(request.user)
        if own is None or own != specific.municipality_id:
            raise


class ModeratorScopeViewSet(SnippetViewSet):
    """Admins give a moderator a theme scope (Instellingen → Themamoderatoren)."""

    model = ModeratorScope
    icon = "tag"
    menu_label = _("Themamoderatoren")
    add_to_settings_menu = True
    list_display = ["user"]
    # The model moved to the themes app; its admin kept the addresses admins know.
    url_prefix = "snippets/moderation/moderatorscope"
    url_namespace = "wagtailsnippets_moderation_moderatorscope"
    chooser_url_prefix = "snippets/choose/moderation/moderatorscope"
    chooser_url_namespace = "wagtailsnippetchoosers_moderation_moderatorscope"


register_snippet(ModeratorScopeViewSet)


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    # "Meldingen" is also the members' notifications: the context keeps the two apart. A fixed
    # name, because a slug of the label (English "Reports") would clash with Wagtail's own menu.
    return ModeratorMenuItem(
        pgettext_lazy("reports", "Meldingen"),
        reverse("report_queue"),
        name="meldingen",
        icon_name="warning",
        order=210,
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
        ("kennisnetwerk.question.route", _("Vraag doorgestuurd naar deskundigen")),
        ("kennisnetwerk.question.visibility", _("Zichtbaarheid van vraag gewijzigd")),
    ):
        actions.register_action(action, label, label)
