"""Questionnaires in the Wagtail admin, for moderators: build, change within the rules."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, IndexView, SnippetViewSet

from exchange.accounts.wagtail_hooks import ModeratorMenuItem
from exchange.core.roles import is_moderator

from .admin_forms import QuestionnaireAdminForm
from .models import Questionnaire


class ModeratorsOnlyPolicy(ModelPermissionPolicy):
    """Questionnaires are the moderators' work, whatever Django permissions say."""

    def user_has_permission(self, user, action):
        return is_moderator(user)

    def user_has_any_permission(self, user, actions):
        return is_moderator(user)

    def user_has_permission_for_instance(self, user, action, instance):
        # Responses are municipalities' answers: a questionnaire that has them stays.
        if action == "delete" and instance.responses.exists():
            return False
        return self.user_has_permission(user, action)


register_permission_policy(Questionnaire, ModeratorsOnlyPolicy(Questionnaire), exact_class=True)


class QuestionnaireIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        return [
            *buttons,
            MenuItem(
                _("Resultaten"),
                url=reverse("inventory_results", args=[instance.slug]),
                icon_name="table",
                priority=20,
            ),
            MenuItem(
                _("Nieuwe ronde…"),
                url=reverse("inventory_new_round", args=[instance.slug]),
                icon_name="copy",
                priority=25,
            ),
        ]


class QuestionnaireDeleteView(DeleteView):
    """Refuse, with the reason, to delete a questionnaire that municipalities answered."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.responses.exists():
            messages.error(
                request,
                _(
                    "Deze vragenlijst heeft antwoorden van gemeenten en kan niet worden "
                    "verwijderd. Sluit hem af, of begin een nieuwe ronde."
                ),
            )
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


class QuestionnaireViewSet(SnippetViewSet):
    model = Questionnaire
    icon = "list-ol"
    menu_label = _("Vragenlijsten")
    menu_name = "vragenlijsten"
    menu_order = 500
    add_to_admin_menu = True
    menu_item_class = ModeratorMenuItem
    url_prefix = "inventarisaties"
    index_view_class = QuestionnaireIndexView
    delete_view_class = QuestionnaireDeleteView
    list_display = ["title", "round_number", "audience", "opens_on", "closes_on"]
    search_fields = ["title"]
    edit_handler = ObjectList(Questionnaire.panels, base_form_class=QuestionnaireAdminForm)


register_snippet(QuestionnaireViewSet)


@hooks.register("register_log_actions")
def register_inventory_log_actions(actions):
    for action, label in (
        ("kennisnetwerk.inventory.submitted", _("Vragenlijst ingediend")),
        ("kennisnetwerk.inventory.resubmitted", _("Gewijzigde antwoorden ingediend")),
    ):
        actions.register_action(action, label, label)
