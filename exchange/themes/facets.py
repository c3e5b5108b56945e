"""The theme facet of the list pages (see exchange.core.facets)."""

from django.utils.translation import gettext_lazy

from exchange.core.facets import SLUG, Facet

from .models import Theme
from .selectors import resolve_theme_slugs


def theme_names(slugs) -> dict:
    return dict(Theme.objects.filter(slug__in=slugs).values_list("slug", "name"))


# Links and bookmarks made before a theme was renamed or merged redirect to its current slug,
# so the filter chips (which take a value out of the address) use the current one.
THEME = Facet(
    "theme",
    "thema",
    gettext_lazy("Thema"),
    SLUG,
    current=resolve_theme_slugs,
    names=theme_names,
)
