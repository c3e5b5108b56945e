"""Old theme slugs (after a rename or merge) keep working in feeds, list filters and search."""

import pytest
from django.urls import reverse

from exchange.themes.models import Theme, ThemeSlugRedirect
from exchange.themes.selectors import resolve_theme_slugs
from practices.services import practice_index_ensure
from search.sync import sync_item
from tests.practices.factories import make_practice
from tests.questions.factories import make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed(db):
    """ "Jongeren online" was called "Online jeugd" (and absorbed "Sociale media") before."""
    theme = Theme.objects.create(name="Jongeren online", slug="jongeren-online")
    for old in ("online-jeugd", "sociale-media"):
        ThemeSlugRedirect.objects.create(old_slug=old, theme=theme)
    return theme


@pytest.fixture
def other(db):
    return Theme.objects.create(name="Buurtbemiddeling", slug="buurtbemiddeling")


def test_old_slugs_resolve_to_the_current_one_in_one_query(
    renamed, other, django_assert_num_queries
):
    with django_assert_num_queries(1):
        resolved = resolve_theme_slugs(
            ["online-jeugd", "buurtbemiddeling", "bestaat-niet", "sociale-media", "online-jeugd"]
        )
    assert resolved == ("jongeren-online", "buurtbemiddeling", "bestaat-niet")
    many = [f"onbekend-{n}" for n in range(40)] + ["online-jeugd"]
    with django_assert_num_queries(1):
        assert resolve_theme_slugs(many)[-1] == "jongeren-online"
    with django_assert_num_queries(0):
        assert resolve_theme_slugs([]) == ()


def test_a_theme_that_has_the_slug_now_wins_over_a_redirect(renamed):
    Theme.objects.create(name="Online jeugd (nieuw)", slug="online-jeugd")
    assert resolve_theme_slugs(["online-jeugd"]) == ("online-jeugd",)


def test_old_feed_address_redirects_to_the_current_feed(client, renamed):
    response = client.get("/thema/online-jeugd/feed/")
    assert response.status_code == 301
    assert response["Location"] == reverse("theme_practice_feed", args=["jongeren-online"])
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/thema/bestaat-niet/feed/").status_code == 404


def test_question_list_filters_on_an_old_slug(client, member, renamed, other):
    make_question(author=member, title="Vraag over online jeugd", themes=[renamed.slug])
    make_question(author=member, title="Vraag over bemiddeling", themes=[other.slug])
    response = client.get("/vragen/?thema=online-jeugd&provincie=Utrecht")
    assert response.status_code == 301
    assert response["Location"] == "/vragen/?thema=jongeren-online&provincie=Utrecht"
    page = client.get(response["Location"]).content.decode()
    assert "Vraag over online jeugd" in page and "Vraag over bemiddeling" not in page


def test_practice_catalogue_filters_on_an_old_slug(client, renamed, other):
    practice_index_ensure()
    make_practice(title="Praktijk over online jeugd", themes=[renamed.slug])
    make_practice(title="Praktijk over bemiddeling", themes=[other.slug])
    response = client.get("/praktijken/?thema=sociale-media")
    assert response.status_code == 301
    assert response["Location"] == "/praktijken/?thema=jongeren-online"
    page = client.get(response["Location"]).content.decode()
    assert "Praktijk over online jeugd" in page and "Praktijk over bemiddeling" not in page


def test_search_filters_on_an_old_slug(client, renamed, other):
    for title, theme in (("Kwartelaanpak online", renamed), ("Kwartelaanpak buurt", other)):
        sync_item("practice", make_practice(title=title, themes=[theme.slug]).pk)
    answer = client.get("/api/v1/search", {"q": "kwartelaanpak", "theme": "online-jeugd"}).json()
    assert [row["title"] for row in answer["results"]] == ["Kwartelaanpak online"]
    response = client.get("/zoeken/", {"q": "kwartelaanpak", "thema": "online-jeugd"})
    assert response.status_code == 301
    assert response["Location"] == "/zoeken/?q=kwartelaanpak&thema=jongeren-online"
    page = client.get(response["Location"]).content.decode()
    assert "Kwartelaanpak online" in page and "Kwartelaanpak buurt" not in page
