from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Municipality


class MunicipalityViewSet(SnippetViewSet):
    """Moderators keep names, aliases and especially the sign-up e-mail domains right."""

    model = Municipality
    icon = "site"
    menu_label = "Gemeenten"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "code", "province", "active"]
    list_filter = ["province", "active"]
    search_fields = ["name", "code", "aliases"]


register_snippet(MunicipalityViewSet)
