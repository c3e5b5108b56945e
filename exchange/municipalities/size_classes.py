"""CBS municipal size classes (gemeentegrootteklassen) by number of inhabitants."""

from django.utils.translation import gettext_lazy as _

# (lowest population of the class, label), CBS's classes 1–8.
SIZE_CLASSES = [
    (0, _("minder dan 5.000 inwoners")),
    (5_000, _("5.000 tot 10.000 inwoners")),
    (10_000, _("10.000 tot 20.000 inwoners")),
    (20_000, _("20.000 tot 50.000 inwoners")),
    (50_000, _("50.000 tot 100.000 inwoners")),
    (100_000, _("100.000 tot 150.000 inwoners")),
    (150_000, _("150.000 tot 250.000 inwoners")),
    (250_000, _("250.000 inwoners of meer")),
]


def size_class(population: int | None) -> int | None:
    """The CBS size class (1–8) of a municipality with this population; None when unknown."""
    if population is None:
        return None
    return max(
        n for n, (lowest, _label) in enumerate(SIZE_CLASSES, start=1) if population >= lowest
    )


def size_class_label(number: int | None) -> str:
    if number is None:
        return str(_("onbekende omvang"))
    return str(SIZE_CLASSES[number - 1][1])
