from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Thema's"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "parent"]
    search_fields = ["name", "slug", "synonyms"]


register_snippet(ThemeViewSet)
