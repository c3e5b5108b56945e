"""The counting queries the list pages' facets share (practices, questions): how many of the
items a page may show carry each theme, municipality or province. Content apps pass their
querysets and models in; this module imports none of them."""

from django.db.models import Count, QuerySet


def related_counts(model, relation: str, ids: QuerySet, value: str) -> list[tuple]:
    """(value, name, count) for each `model` row related through `relation` to the items whose
    ids `ids` selects, by name: e.g. each Theme with the number of practices tagged with it."""
    return list(
        model.objects.filter(**{f"{relation}__in": ids})
        .annotate(n=Count(relation))
        .values_list(value, "name", "n")
        .order_by("name")
    )


def province_counts(items: QuerySet) -> list[tuple]:
    """(province, province, count) over `items` (anything with a `municipality`), by name;
    items without a municipality count for none."""
    rows = (
        items.exclude(municipality__isnull=True)
        .values_list("municipality__province")
        .annotate(n=Count("pk"))
        .order_by("municipality__province")
    )
    return [(province, province, n) for province, n in rows]
