"""The catalogue view (served by PracticeIndexPage) and the practices' Atom feeds."""

from dataclasses import replace

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange.core.facets import YEAR, FacetList
from exchange.municipalities.facets import MUNICIPALITY, PROVINCE
from exchange.themes.facets import THEME
from exchange.themes.models import Theme
from exchange.themes.selectors import theme_redirect_target
from exchange.visibility import Visibility

from .facets import EVIDENCE_LEVEL, STATUS, TARGET_GROUP
from .models import PracticeIndexPage, PracticePage
from .selectors import CatalogueFilters, catalogue_facets, catalogue_practices

PAGE_SIZE = 20
CATALOGUE = FacetList(
    facets=(
        THEME,
        MUNICIPALITY,
        PROVINCE,
        replace(TARGET_GROUP, limit=25),
        EVIDENCE_LEVEL,
        STATUS,
        YEAR,
    ),
    sorts={
        "nieuw": gettext_lazy("nieuwste"),
        "bijgewerkt": gettext_lazy("laatst bijgewerkt"),
        "titel": gettext_lazy("titel"),
    },
)


def catalogue(request, index_page: PracticeIndexPage):
    chosen = CATALOGUE.read(request)
    if chosen.response:
        return chosen.response
    filters = CatalogueFilters.from_facets(chosen.filters)
    practices = catalogue_practices(user=request.user, filters=filters, sort=chosen.sort)
    page = Paginator(practices, PAGE_SIZE).get_page(chosen.page)
    counts = catalogue_facets(user=request.user, filters=filters)
    return render(
        request,
        "practices/practice_index_page.html",
        {"page": index_page, "self": index_page, "results": page, **chosen.context(counts)},
    )


class _ThemeMoved(Exception):
    def __init__(self, theme: Theme):
        self.theme = theme


class PracticeFeed(Feed):
    """Atom feed of newly published public practices, overall or for one theme."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except _ThemeMoved as moved:
            # A renamed or merged theme's old feed address keeps working (feed readers learn).
            return redirect("theme_practice_feed", slug=moved.theme.slug, permanent=True)

    def get_object(self, request, slug=None):
        # Kept for item_link: Wagtail caches site root paths on the request.
        self.request = request
        if not slug:
            return None
        theme = Theme.objects.filter(slug=slug).first()
        if theme is None:
            moved_to = theme_redirect_target(slug)
            if moved_to is None:
                raise Http404
            raise _ThemeMoved(moved_to)
        return theme

    def title(self, theme):
        if theme:
            return _("Goede praktijken over %(theme)s") % {"theme": theme.name}
        return _("Nieuwe goede praktijken")

    def link(self, theme):
        index = PracticeIndexPage.objects.live().first()
        url = index.url if index else "/"
        return f"{url}?thema={theme.slug}" if theme else url

    def subtitle(self, theme):
        return _("Openbare goede praktijken uit het Kennisnetwerk Sociale Stabiliteit")

    def items(self, theme):
        # Feeds are read anonymously: public practices only, whoever asks.
        practices = PracticePage.objects.live().filter(visibility=Visibility.PUBLIC)
        if theme:
            practices = practices.filter(themes=theme)
        return practices.select_related("municipality").order_by("-first_published_at")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.municipality.name if item.municipality else None
