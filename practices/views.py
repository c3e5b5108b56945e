"""The catalogue view (served by PracticeIndexPage) and the practices' Atom feeds."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange.themes.models import Theme
from exchange.themes.selectors import resolve_theme_slugs, theme_redirect_target
from exchange.themes.views import redirect_old_theme_slugs
from exchange.visibility import Visibility

from .models import PracticeIndexPage, PracticePage
from .selectors import SORTS, CatalogueFilters, catalogue_facets, catalogue_practices

PAGE_SIZE = 20
# GET parameter (Dutch, bookmarkable) → facet key
PARAMS = {
    "thema": "theme",
    "gemeente": "municipality",
    "provincie": "province",
    "doelgroep": "target_group",
    "bewijs": "evidence_level",
    "status": "status",
    "jaar": "year",
}


def filters_from_query(query) -> CatalogueFilters:
    def values(name, limit=50):
        return tuple(v.strip()[:100] for v in query.getlist(name)[:limit] if v.strip())

    years = tuple(
        int(v) for v in values("jaar") if v.isascii() and v.isdigit() and 1900 < int(v) < 3000
    )
    return CatalogueFilters(
        themes=resolve_theme_slugs(values("thema")),
        municipalities=tuple(v.upper() for v in values("gemeente")),
        provinces=values("provincie"),
        target_groups=values("doelgroep"),
        evidence_levels=values("bewijs"),
        statuses=values("status"),
        years=years,
    )


def catalogue(request, index_page: PracticeIndexPage):
    filters = filters_from_query(request.GET)
    if moved := redirect_old_theme_slugs(request, "thema", filters.themes):
        return moved
    sort = request.GET.get("sorteer", "nieuw")
    if sort not in SORTS:
        sort = "nieuw"
    practices = catalogue_practices(user=request.user, filters=filters, sort=sort)
    page = Paginator(practices, PAGE_SIZE).get_page(request.GET.get("pagina"))
    facets = catalogue_facets(user=request.user, filters=filters)
    facet_groups = [
        (param, key, _FACET_LABELS[key], facets[key])
        for param, key in PARAMS.items()
        if facets[key]
    ]
    active = [
        (param, row["value"], row["label"])
        for param, key, _label, rows in facet_groups
        for row in rows
        if row["selected"]
    ]
    return render(
        request,
        "practices/practice_index_page.html",
        {
            "page": index_page,
            "self": index_page,
            "results": page,
            "facet_groups": facet_groups,
            "active_filters": active,
            "sort": sort,
            "sorts": [
                ("nieuw", _("nieuwste")),
                ("bijgewerkt", _("laatst bijgewerkt")),
                ("titel", _("titel")),
            ],
        },
    )


_FACET_LABELS = {
    "theme": gettext_lazy("Thema"),
    "municipality": gettext_lazy("Gemeente"),
    "province": gettext_lazy("Provincie"),
    "target_group": gettext_lazy("Doelgroep"),
    "evidence_level": gettext_lazy("Bewijskracht"),
    "status": gettext_lazy("Status"),
    "year": gettext_lazy("Jaar"),
}


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
