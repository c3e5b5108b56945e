"""Themes in the Wagtail admin: the snippet (rename, describe, nest, synonyms) and merging."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
)

from . import admin_views, services
from .models import OrganisationKind, Theme
from .permissions import ThemePermissionPolicy, may_curate_themes

register_permission_policy(Theme, ThemePermissionPolicy(Theme), exact_class=True)
# Theme moderators curate content within their themes, not the network's vocabularies.
register_permission_policy(
    OrganisationKind, ThemePermissionPolicy(OrganisationKind), exact_class=True
)


class ThemeIndexView(IndexView):
    """The theme list with a "Samenvoegen" button above it and on every row (for curators)."""

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if not may_curate_themes(self.request.user):
            return buttons
        return [
            *buttons,
            HeaderButton(_("Samenvoegen"), url=reverse("theme_merge"), icon_name="resubmit"),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not may_curate_themes(self.request.user):
            return buttons
        url = f"{reverse('theme_merge')}?bron=theme:{instance.pk}"
        return [
            *buttons,
            MenuItem(_("Samenvoegen met…"), url=url, icon_name="resubmit", priority=25),
        ]


class CuratorsOnlyMixin:
    """Refuse theme moderators before Wagtail does, with the reason instead of its general
    "no permission" message."""

    def dispatch(self, request, *args, **kwargs):
        try:
            services.check_theme_curate_permission(request.user)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


class ThemeCreateView(CuratorsOnlyMixin, CreateView):
    pass


class ThemeDeleteView(CuratorsOnlyMixin, DeleteView):
    pass


class ThemeEditView(CuratorsOnlyMixin, EditView):
    def save_instance(self):
        # The form already changed the instance; the database still has the old name and slug.
        before = Theme.objects.filter(pk=self.object.pk).values("name", "slug").first()
        instance = super().save_instance()
        if before:
            services.theme_rename_record(
                theme=instance,
                old_name=before["name"],
                old_slug=before["slug"],
                actor=self.request.user,
            )
        return instance


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Thema's"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "parent"]
    search_fields = ["name", "slug", "synonyms"]
    index_view_class = ThemeIndexView
    add_view_class = ThemeCreateView
    edit_view_class = ThemeEditView
    delete_view_class = ThemeDeleteView


register_snippet(ThemeViewSet)


class OrganisationKindDeleteView(DeleteView):
    """A kind in use is never deleted (PROTECT): say why and suggest retiring it instead."""

    def dispatch(self, request, *args, **kwargs):
        kind = OrganisationKind.objects.filter(pk=kwargs.get("pk")).first()
        if kind is not None and services.organisation_kind_in_use(kind):
            messages.error(
                request,
                _(
                    "'%(kind)s' is in gebruik bij praktijken of in een netwerkregister. Zet de "
                    "soort uit ('in gebruik' uitvinken) in plaats van hem te verwijderen."
                )
                % {"kind": kind.name},
            )
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


class OrganisationKindViewSet(SnippetViewSet):
    model = OrganisationKind
    icon = "group"
    menu_label = _("Soorten organisaties")
    menu_order = 215
    add_to_admin_menu = True
    list_display = ["name", "slug", "group", "active"]
    list_filter = ["active", "group"]
    search_fields = ["name", "slug", "group"]
    delete_view_class = OrganisationKindDeleteView


register_snippet(OrganisationKindViewSet)


@hooks.register("register_admin_urls")
def register_theme_urls():
    return [path("themas/samenvoegen/", admin_views.theme_merge, name="theme_merge")]


@hooks.register("register_log_actions")
def register_theme_log_actions(actions):
    actions.register_action(
        "kennisnetwerk.theme.merge", _("Thema samengevoegd"), _("Thema samengevoegd")
    )
    actions.register_action("kennisnetwerk.theme.rename", _("Thema hernoemd"), _("Thema hernoemd"))
