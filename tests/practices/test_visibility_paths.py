"""Visibility on every read path of practices, for the five kinds of visitor."""

from html import unescape

import pytest
from django.urls import reverse

from tests.practices.factories import make_document, make_practice

pytestmark = pytest.mark.django_db

VISITORS = ["anonymous", "same", "other", "pending", "moderator"]
# What each visitor may see of (public, members, restricted-to-own-municipality) practices.
EXPECTED = {
    "anonymous": {"public"},
    "same": {"public", "members", "restricted"},
    "other": {"public", "members"},
    "pending": {"public"},
    "moderator": {"public", "members", "restricted"},
}


@pytest.fixture
def practices(municipality, other_municipality):
    return {
        "public": make_practice(title="Openbare aanpak zebravink", municipality=municipality),
        "members": make_practice(
            title="Ledenaanpak kolibrie", municipality=municipality, visibility="members"
        ),
        "restricted": make_practice(
            title="Beperkte aanpak okapi", municipality=municipality, visibility="restricted"
        ),
    }


@pytest.fixture
def visitor(request, client, client_as, member, other_member, pending_member, moderator):
    users = {
        "anonymous": None,
        "same": member,
        "other": other_member,
        "pending": pending_member,
        "moderator": moderator,
    }
    user = users[request.param]
    return request.param, (client_as(user) if user else client)


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_practice_pages(visitor, practices):
    kind, client = visitor
    for level, practice in practices.items():
        response = client.get(practice.url)
        if level in EXPECTED[kind]:
            assert response.status_code == 200, (kind, level)
            assert practice.title in response.content.decode()
        elif kind == "anonymous" and level == "members":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
        else:
            assert response.status_code == 404, (kind, level)


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_catalogue_lists_and_counts_only_visible_practices(visitor, practices):
    kind, client = visitor
    response = client.get("/praktijken/")
    body = response.content.decode()
    for level, practice in practices.items():
        assert (practice.title in body) == (level in EXPECTED[kind]), (kind, level)
    assert response.context["results"].paginator.count == len(EXPECTED[kind])
    theme_counts = {r.value: r.count for r in response.context["facet_groups"][0].rows}
    assert theme_counts["jongeren"] == len(EXPECTED[kind])


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_home_page_shows_only_visible_practices(visitor, practices):
    kind, client = visitor
    body = client.get("/").content.decode()
    for level, practice in practices.items():
        assert (practice.title in body) == (level in EXPECTED[kind]), (kind, level)


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_related_practices_block_hides_what_visitor_may_not_see(visitor, practices, municipality):
    kind, client = visitor
    anchor = make_practice(title="Ankerpraktijk", municipality=municipality)
    related = {p.title for p in client.get(anchor.url).context["related"]}
    for level, practice in practices.items():
        assert (practice.title in related) == (level in EXPECTED[kind]), (kind, level)


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_attachment_downloads(visitor, municipality):
    kind, client = visitor
    documents = {level: make_document(title=f"Bijlage {level}") for level in EXPECTED["same"]}
    make_practice(
        municipality=municipality,
        attachments=[(documents["public"], ""), (documents["members"], "members")],
    )
    make_practice(
        municipality=municipality,
        visibility="restricted",
        attachments=[(documents["restricted"], "")],
    )
    for level, document in documents.items():
        response = client.get(document.url)
        if level in EXPECTED[kind]:
            assert response.status_code == 200, (kind, level)
            assert "attachment" in response.get("Content-Disposition", "") or response[
                "Content-Type"
            ].startswith("application/pdf")
        elif kind == "anonymous" and level == "members":
            assert response.status_code == 302
        else:
            assert response.status_code == 404, (kind, level)


def test_unattached_document_is_not_public(client, client_as, member):
    document = make_document()
    assert client.get(document.url).status_code == 404
    assert client_as(member).get(document.url).status_code == 404


def test_document_is_not_served_from_a_public_media_url(client, practices):
    document = make_document()
    assert not document.url.startswith("/media/")
    assert client.get(f"/media/{document.file.name}").status_code == 404


def test_feeds_carry_public_practices_only(client, practices):
    for url in (reverse("practice_feed"), reverse("theme_practice_feed", args=["jongeren"])):
        body = client.get(url).content.decode()
        assert practices["public"].title in body
        assert practices["members"].title not in body
        assert practices["restricted"].title not in body


def test_feed_of_unknown_theme_is_404(client):
    assert client.get(reverse("theme_practice_feed", args=["bestaat-niet"])).status_code == 404


def test_sitemap_lists_public_practices_only(client, practices):
    body = client.get("/sitemap.xml").content.decode()
    assert practices["public"].slug in body
    assert practices["members"].slug not in body
    assert practices["restricted"].slug not in body


def test_restricted_practice_visible_to_chosen_municipality(
    client_as, other_member, municipality, other_municipality
):
    shared = make_practice(
        title="Gedeelde aanpak",
        municipality=municipality,
        visibility="restricted",
        allowed=[other_municipality],
    )
    assert client_as(other_member).get(shared.url).status_code == 200


def test_draft_practice_is_not_served(client, municipality):
    draft = make_practice(municipality=municipality, live=False)
    assert client.get(draft.url or f"/praktijken/{draft.slug}/").status_code == 404


@pytest.mark.parametrize("year", ["²", "٣٤", "abc", "99999999999999999999"])
def test_catalogue_refuses_bad_year_values_in_dutch(client, practices, year):
    response = client.get("/praktijken/", {"jaar": year})
    assert response.status_code == 400
    assert "'jaar' moet een jaartal zijn" in unescape(response.content.decode())


def test_catalogue_ignores_an_empty_year(client, practices):
    assert client.get("/praktijken/", {"jaar": ""}).status_code == 200
