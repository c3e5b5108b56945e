"""The catalogue's facet counts and the "related practices" lists are kept in the cache, and a
kept value is never what a reader would notice as wrong: every change that moves a count shows
on the next visit, viewers who see different practices never share counts, and a kept related
list never shows a practice the viewer may not (or no longer) see."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from exchange.themes.models import Theme
from practices import selectors
from practices.importing import content_import
from practices.selectors import CatalogueFilters, catalogue_facets, related_practices
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

ANONYMOUS = AnonymousUser()


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def theme_counts(user=ANONYMOUS, **filters) -> dict[str, int]:
    facets = catalogue_facets(user=user, filters=CatalogueFilters(**filters))
    return {slug: n for slug, _name, n in facets["theme"]}


def theme_labels(user=ANONYMOUS) -> dict[str, str]:
    facets = catalogue_facets(user=user, filters=CatalogueFilters())
    return {slug: name for slug, name, _n in facets["theme"]}


def catalogue_theme_count(client, slug: str) -> tuple[int, int]:
    """What a reader sees on the catalogue: the count beside a theme, and how many practices
    choosing that theme shows."""
    page = client.get("/praktijken/")
    groups = {group.key: group for group in page.context["facet_groups"]}
    shown = {row.value: row.count for row in groups["theme"].rows} if "theme" in groups else {}
    chosen = client.get(f"/praktijken/?thema={slug}")
    return shown.get(slug, 0), chosen.context["results"].paginator.count


def test_a_new_practice_shows_in_the_counts_on_the_next_visit(client, municipality):
    make_practice(municipality=municipality, themes=("jongeren",))
    assert catalogue_theme_count(client, "jongeren") == (1, 1)
    make_practice(municipality=municipality, themes=("jongeren",))
    assert catalogue_theme_count(client, "jongeren") == (2, 2)


def test_counts_are_kept_between_visits(municipality, django_assert_max_num_queries):
    make_practice(municipality=municipality, themes=("jongeren", "polarisatie"))
    first = theme_counts()
    # Two cache lookups (the generation, the counts), not one counting query per facet.
    with django_assert_max_num_queries(2):
        assert theme_counts() == first


def test_a_filtered_page_counts_only_the_facets_its_filter_decides(
    client, municipality, other_municipality
):
    """A page filtered by one municipality shows the municipalities' counts of the unfiltered
    catalogue (a facet is counted without its own filter), so it takes them from the kept
    unfiltered counts; the other facets are counted over that municipality's practices."""
    make_practice(municipality=municipality, themes=("jongeren",))
    make_practice(municipality=other_municipality, themes=("jongeren", "polarisatie"))
    everything = catalogue_facets(user=ANONYMOUS, filters=CatalogueFilters())
    one = CatalogueFilters(municipalities=(municipality.code,))
    # Six counting queries, not the municipalities' (the dearest: over every practice).
    with CaptureQueriesContext(connection) as counted:
        filtered = catalogue_facets(user=ANONYMOUS, filters=one)
    counting = [
        q["sql"]
        for q in counted.captured_queries
        if "COUNT(" in q["sql"].upper() and "django_cache" not in q["sql"]
    ]
    assert len(counting) == 6
    assert filtered["municipality"] == everything["municipality"]
    assert {slug: n for slug, _name, n in filtered["theme"]} == {"jongeren": 1}
    # What a reader sees: the count beside the other municipality is what choosing it shows.
    page = client.get(f"/praktijken/?gemeente={municipality.code}")
    groups = {group.key: group for group in page.context["facet_groups"]}
    shown = {row.value: row.count for row in groups["municipality"].rows}
    both = client.get(
        f"/praktijken/?gemeente={municipality.code}&gemeente={other_municipality.code}"
    )
    assert shown[other_municipality.code] + shown[municipality.code] == (
        both.context["results"].paginator.count
    )
    assert shown[other_municipality.code] == 1


def test_unpublishing_and_deleting_lower_the_counts(municipality):
    gone, unpublished, kept = (
        make_practice(municipality=municipality, themes=("jongeren",)) for _ in range(3)
    )
    assert theme_counts()["jongeren"] == 3
    unpublished.unpublish()
    assert theme_counts()["jongeren"] == 2
    gone.delete()
    assert theme_counts()["jongeren"] == 1
    assert kept.live


def test_a_visibility_change_moves_the_public_counts(municipality):
    practice = make_practice(municipality=municipality, themes=("jongeren",))
    assert theme_counts()["jongeren"] == 1
    practice.visibility = "members"
    practice.save_revision().publish()
    assert "jongeren" not in theme_counts()


def test_a_renamed_theme_shows_its_new_name(municipality):
    make_practice(municipality=municipality, themes=("jongeren",))
    assert theme_labels()["jongeren"] == Theme.objects.get(slug="jongeren").name
    theme = Theme.objects.get(slug="jongeren")
    theme.name = "Jeugd en jongeren"
    theme.save()
    assert theme_labels()["jongeren"] == "Jeugd en jongeren"


def test_viewers_who_see_different_practices_never_share_counts(
    municipality, other_municipality, member, moderator
):
    make_practice(municipality=municipality, themes=("jongeren",))
    make_practice(municipality=municipality, themes=("jongeren",), visibility="members")
    make_practice(municipality=other_municipality, themes=("jongeren",), visibility="restricted")
    # The anonymous visitor asks first, so a shared key would hand the others their counts.
    assert theme_counts()["jongeren"] == 1
    assert theme_counts(member)["jongeren"] == 2
    assert theme_counts(moderator)["jongeren"] == 3
    assert theme_counts()["jongeren"] == 1


def test_filters_are_part_of_the_key(municipality, other_municipality):
    make_practice(municipality=municipality, themes=("jongeren",))
    make_practice(municipality=other_municipality, themes=("jongeren",))
    assert theme_counts()["jongeren"] == 2
    assert theme_counts(municipalities=(municipality.code,))["jongeren"] == 1


def test_a_bulk_import_shows_in_the_counts(municipality, django_capture_on_commit_callbacks):
    assert "jongeren" not in theme_counts()
    item = {
        "id": "cache-0001",
        "kind": "practice",
        "title": "Weerbaarheidstraining",
        "summary": "Jongeren leren omgaan met online haat.",
        "body": "Eerste alinea.",
        "municipality": municipality.code,
        "themes": ["jongeren"],
        "target_groups": ["jongeren 14-18"],
        "evidence_level": "beschreven",
        "visibility": "public",
        "published_at": "2024-02-14",
    }
    with django_capture_on_commit_callbacks(execute=True):
        content_import(lines=[json.dumps(item)], progress=False)
    assert theme_counts()["jongeren"] == 1


@pytest.fixture
def engine_finder(monkeypatch):
    """A stand-in for the search engine's "more like this" (the engine itself is tested in
    tests/search); it answers with every other live practice and counts how often it is asked."""
    from practices.models import PracticePage

    asked = []

    def finder(*, user, practice, size):
        asked.append(practice.pk)
        return list(
            PracticePage.objects.live().exclude(pk=practice.pk).values_list("pk", flat=True)
        )[:size]

    monkeypatch.setattr(selectors, "RELATED_FINDERS", [(finder, lambda: True)])
    return asked


def test_related_lists_are_kept_but_checked_against_the_viewer_on_every_view(
    municipality, engine_finder
):
    practice = make_practice(municipality=municipality)
    other = make_practice(municipality=municipality)
    assert related_practices(practice=practice, user=ANONYMOUS) == [other]
    assert related_practices(practice=practice, user=ANONYMOUS) == [other]
    assert engine_finder == [practice.pk]  # asked once
    other.visibility = "members"
    other.save_revision().publish()
    # The kept list still names it; the page does not show it to an anonymous visitor.
    assert related_practices(practice=practice, user=ANONYMOUS) != [other]


def test_related_lists_are_shared_only_by_viewers_the_engine_filters_alike(
    municipality, member, other_member, engine_finder
):
    from tests.factories import MemberFactory

    colleague = MemberFactory(profile__municipality=municipality)
    practice = make_practice(municipality=municipality)
    make_practice(municipality=municipality)
    for viewer in (ANONYMOUS, member, colleague, other_member, ANONYMOUS):
        related_practices(practice=practice, user=viewer)
    # Asked for the anonymous visitor, the first member of each municipality; the colleague
    # and the second anonymous visit read the kept list.
    assert engine_finder == [practice.pk] * 3


@override_settings(SEARCH_URL="")
def test_without_an_engine_no_related_list_is_asked_for_or_kept(municipality):
    from search.service import related_practice_ids

    finder, enabled = selectors.RELATED_FINDERS[0]
    assert finder is related_practice_ids and not enabled()
    practice = make_practice(municipality=municipality)
    other = make_practice(municipality=municipality)
    assert related_practices(practice=practice, user=ANONYMOUS) == [other]  # from the database
    assert not [key for key in _cache_keys() if "practice-related" in key]


def _cache_keys() -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM django_cache")
        return [row[0] for row in cursor.fetchall()]


def test_a_draft_keeps_the_counts_and_its_publication_moves_them(
    municipality, django_assert_max_num_queries
):
    from practices.models import PracticePage

    make_practice(municipality=municipality, themes=("jongeren",))
    practice = make_practice(municipality=municipality, themes=("jongeren",))
    assert theme_counts()["jongeren"] == 2
    draft = PracticePage.objects.get(pk=practice.pk)
    draft.themes = list(Theme.objects.filter(slug="polarisatie"))
    draft.save_revision()
    with django_assert_max_num_queries(2):  # still from the cache: nothing a reader sees moved
        assert theme_counts() == {"jongeren": 2}
    draft.get_latest_revision().publish()
    assert theme_counts() == {"jongeren": 1, "polarisatie": 1}
