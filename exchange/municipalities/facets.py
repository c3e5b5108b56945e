"""The municipality and province facets of the list pages (see exchange.core.facets)."""

from django.utils.translation import gettext_lazy

from exchange.core.facets import Choice, Code, Facet

from .models import PROVINCE_CHOICES, Municipality


def municipality_names(codes) -> dict:
    return dict(Municipality.objects.filter(code__in=codes).values_list("code", "name"))


MUNICIPALITY = Facet(
    "municipality",
    "gemeente",
    gettext_lazy("Gemeente"),
    Code(r"GM\d{4}", example="GM0363"),
    names=municipality_names,
)
PROVINCE = Facet(
    "province",
    "provincie",
    gettext_lazy("Provincie"),
    Choice(PROVINCE_CHOICES, aliases={"Friesland": "Fryslân"}),
)
