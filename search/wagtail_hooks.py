"""Moderators edit search synonyms in the Wagtail admin (Beheer → Zoeksynoniemen)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "Zoeksynoniemen"
    add_to_admin_menu = True
    list_display = ["terms", "note", "updated_at"]
    search_fields = ["terms", "note"]


register_snippet(SearchSynonymViewSet)
