"""Themes in the Wagtail admin: the snippet (rename, describe, nest, synonyms) and merging."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from . import admin_views, services
from .models import Theme


class ThemeIndexView(IndexView):
    """The theme list with a "Samenvoegen" button above it and on every row."""

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(_("Samenvoegen"), url=reverse("theme_merge"), icon_name="resubmit"),
        ]

    def get_list_more_buttons(self, instance):
        url = f"{reverse('theme_merge')}?bron=theme:{instance.pk}"
        return [
            *super().get_list_more_buttons(instance),
            MenuItem(_("Samenvoegen met…"), url=url, icon_name="resubmit", priority=25),
        ]


class ThemeEditView(EditView):
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
    edit_view_class = ThemeEditView


register_snippet(ThemeViewSet)


@hooks.register("register_admin_urls")
def register_theme_urls():
    return [path("themas/samenvoegen/", admin_views.theme_merge, name="theme_merge")]


@hooks.register("register_log_actions")
def register_theme_log_actions(actions):
    actions.register_action(
        "kennisnetwerk.theme.merge", _("Thema samengevoegd"), _("Thema samengevoegd")
    )
    actions.register_action("kennisnetwerk.theme.rename", _("Thema hernoemd"), _("Thema hernoemd"))
