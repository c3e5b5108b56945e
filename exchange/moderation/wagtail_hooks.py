from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from exchange.accounts.wagtail_hooks import MemberQueueMenuItem, ModeratorMenuItem
from exchange.core.roles import is_moderator
from exchange.themes.models import ModeratorScope
from practices.models import PracticePage
from practices.permissions import user_municipality_id

from . import admin_views, audit, contacts, dashboard, dashboard_views
from .permissions import check_practice_moderate_permission


class ModerationViewSet(ViewSet):
    """The dashboard with its full lists and actions, and the audit trail (/beheer/moderatie/)."""

    name = "kn_moderation"
    url_prefix = "moderatie"
    menu_label = _("Overzicht")
    icon = "tasks"
    menu_order = 100
    menu_item_class = ModeratorMenuItem

    def get_urlpatterns(self):
        return [
            path("", dashboard_views.moderation_dashboard, name="dashboard"),
            path("logboek/", audit.AuditLogView.as_view(), name="audit_log"),
            path(
                "logboek/results/",
                audit.AuditLogView.as_view(results_only=True),
                name="audit_log_results",
            ),
            path("lijst/<slug:section>/", dashboard_views.dashboard_full_list, name="full_list"),
            path(
                "vragen/<int:pk>/doorsturen/", dashboard_views.question_route, name="question_route"
            ),
            path("praktijken/beoordeeld/", dashboard_views.practice_review, name="practice_review"),
        ]


class ReportQueueViewSet(ViewSet):
    """Reported and hidden posts with their actions (/beheer/meldingen/)."""

    name = "kn_reports"
    url_prefix = "meldingen"
    # "Meldingen" are reports only; members' notifications are "Notificaties" (as in Wagtail's
    # own Dutch). A fixed name, because a slug of the label (English "Reports") would clash with
    # Wagtail's own menu.
    menu_label = pgettext_lazy("reports", "Meldingen")
    menu_name = "meldingen"
    icon = "warning"
    menu_order = 300
    menu_item_class = ModeratorMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.report_queue, name="index"),
            path("afwijzen/", admin_views.report_bulk_dismiss, name="bulk_dismiss"),
            path("<str:kind>/<int:pk>/", admin_views.report_action, name="action"),
            path("<str:kind>/<int:pk>/bewerken/", admin_views.report_redact, name="redact"),
        ]


class PracticeReviewViewSet(ViewSet):
    """Practices due for review (/beheer/praktijken/te-beoordelen/)."""

    name = "kn_practice_review"
    url_prefix = "praktijken/te-beoordelen"
    menu_label = _("Te beoordelen praktijken")
    icon = "time"
    menu_order = 400
    menu_item_class = ModeratorMenuItem

    def get_urlpatterns(self):
        return [path("", dashboard_views.PracticeReviewListView.as_view(), name="index")]


class ContactsViewSet(ViewSet):
    """That members were in contact through the site, never what they wrote (/beheer/contact/)."""

    name = "kn_contacts"
    url_prefix = "contact"
    menu_label = _("Contact tussen leden")
    icon = "mail"
    menu_order = 450
    # Shown to full moderators, like the member queue: contact carries no theme.
    menu_item_class = MemberQueueMenuItem

    def get_urlpatterns(self):
        return [path("", contacts.ContactLogView.as_view(), name="index")]


class ModerationViewSetGroup(ViewSetGroup):
    """One "Moderatie" menu. Other apps join it through the hook named in `submenu_hook`
    (the member queue from exchange.accounts), so they need not import this app."""

    menu_label = _("Moderatie")
    menu_icon = "tasks"
    menu_order = 195
    submenu_hook = "register_moderation_menu_item"
    items = (ModerationViewSet, ReportQueueViewSet, PracticeReviewViewSet, ContactsViewSet)


@hooks.register("register_admin_viewset")
def register_moderation_viewsets():
    return ModerationViewSetGroup()


@hooks.register("register_moderation_menu_item")
def register_audit_log_menu_item():
    return ModeratorMenuItem(
        _("Logboek moderatie"),
        reverse("kn_moderation:audit_log"),
        icon_name="history",
        order=500,
    )


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
