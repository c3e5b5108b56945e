"""A small network of practices and questions, and the check every faceted list page passes.

Shared by tests/core/test_facet_pages.py (catalogue, question list, /zoeken/ on the database)
and tests/search/test_facets.py (/zoeken/ on the OpenSearch node).
"""

import datetime

from django.utils import timezone

from tests.factories import MemberFactory, MunicipalityFactory, ThemeFactory
from tests.practices.factories import make_practice
from tests.questions.factories import make_answer, make_question

# Facets where every item in `network` has exactly one value: their counts add up to the total.
SINGLE_VALUED = {
    "/praktijken/": {"municipality", "province", "evidence_level", "status", "year"},
    "/vragen/": {"municipality", "province", "status"},
    # Questions have no evidence level: that one adds up among practices only (soort=practice).
    "/zoeken/": {"kind", "municipality", "province", "year"},
}


def network():
    """Seven practices and six questions over three municipalities in two provinces; the
    last of each is for members only, so an anonymous visitor sees six and five."""
    utrecht = MunicipalityFactory(code="GM0344", name="Utrecht", province="Utrecht")
    zwolle = MunicipalityFactory(code="GM0193", name="Zwolle", province="Overijssel")
    amersfoort = MunicipalityFactory(code="GM0307", name="Amersfoort", province="Utrecht")
    for slug in ("jongeren", "polarisatie", "onderwijs"):
        ThemeFactory(slug=slug, name=slug.capitalize())
    # Four "goed beschreven" practices: the count the catalogue once showed as four rows of 1.
    practices = [
        (
            utrecht,
            ("jongeren", "polarisatie"),
            ("jongeren", "docenten"),
            "beschreven",
            "running",
            2023,
        ),
        (utrecht, ("jongeren",), ("jongeren",), "beschreven", "running", 2024),
        (zwolle, ("polarisatie",), ("docenten",), "beschreven", "finished", 2024),
        (zwolle, ("onderwijs", "jongeren"), ("ouders",), "beschreven", "running", 2022),
        (amersfoort, ("onderwijs",), ("jongeren",), "effectief", "planned", 2024),
        (amersfoort, ("polarisatie",), (), "idee", "running", 2023),
        (utrecht, ("jongeren",), ("jongeren",), "beschreven", "running", 2024),
    ]
    for n, (place, themes, groups, evidence, status, year) in enumerate(practices):
        make_practice(
            title=f"Praktijk {n} over wijkaanpak",
            municipality=place,
            themes=themes,
            target_groups=groups,
            evidence_level=evidence,
            status=status,
            published_at=datetime.date(year, 3, 1),
            visibility="members" if n == len(practices) - 1 else "public",
        )
    asker = MemberFactory(profile__municipality=utrecht)
    answerer = MemberFactory(profile__municipality=zwolle)
    questions = [
        (utrecht, ("jongeren",), "open", 2024, False),
        (utrecht, ("polarisatie", "jongeren"), "answered", 2023, True),
        (zwolle, ("onderwijs",), "closed", 2024, False),
        (zwolle, ("jongeren",), "open", 2022, True),
        (amersfoort, ("polarisatie",), "open", 2024, False),
        (utrecht, ("jongeren",), "open", 2024, False),
    ]
    for n, (place, themes, status, year, answered) in enumerate(questions):
        question = make_question(
            author=asker,
            title=f"Vraag {n} over wijkaanpak",
            themes=themes,
            municipality=place,
            status=status,
            created_at=timezone.make_aware(datetime.datetime(year, 5, 1)),
            visibility="members" if n == len(questions) - 1 else "public",
        )
        if answered:
            make_answer(question=question, author=answerer)


def page_reader(client, path):
    """`get(query)` → (total, facet groups) as the list page at `path` shows them."""

    def get(query):
        response = client.get(path, query)
        assert response.status_code == 200, (query, response.status_code)
        if path == "/zoeken/":
            total = response.context["outcome"].count
        else:
            total = response.context["results"].paginator.count
        return total, response.context["facet_groups"]

    return get


def check_facet_counts(get, base: dict, single_valued: set[str]) -> None:
    """Fails when a facet shows a value twice, when a value's count differs from the number
    of results with that value chosen (instead of the facet's other values, beside the rest
    of `base`), or when the counts of a facet with one value per item do not add up to the
    total. `get(query)` answers (total, facet_groups) for the page."""
    total, groups = get(base)
    shown = {group.key for group in groups}
    assert single_valued <= shown, f"facets missing: {single_valued - shown}"
    for group in groups:
        values = [row.value for row in group.rows]
        assert len(values) == len(set(values)), f"{group.key} shows a value twice: {values}"
        for row in group.rows:
            alone, _groups = get({**base, group.param: row.value})
            assert alone == row.count, (
                f"{group.key}={row.value} says {row.count}, choosing it shows {alone}"
            )
        if group.key in single_valued and group.param not in base:
            counted = sum(row.count for row in group.rows)
            assert counted == total, f"{group.key} counts {counted} of {total}"
