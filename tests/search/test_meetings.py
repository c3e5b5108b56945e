"""Meetings are a third kind in search: past ones stay findable by their report, and a meeting
shows only to those who may see it (results, facet counts, suggestions), on both engines."""

import datetime

import pytest
from django.utils import timezone

from exchange.core.markdown import render_markdown
from exchange.themes.models import ModeratorScope
from exchange.visibility import viewer_for
from search.engines import get_engine
from search.engines.database import DatabaseEngine
from search.params import SearchParams
from search.sync import sync_item
from tests.factories import MemberFactory, ModeratorFactory, ThemeFactory
from tests.practices.factories import ensure_page_tree

SECRET = "kralenketting"


def make_meeting(title, *, report="", visibility="public", municipality=None, days=-30):
    from exchange.meetings.models import MeetingPage
    from exchange.meetings.services import meeting_index_ensure

    ensure_page_tree()  # a transactional test starts without the migrations' pages

    starts = timezone.now() + datetime.timedelta(days=days)
    meeting = MeetingPage(
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Stadhuis",
        description="Een middag over samenwerken in de wijk.",
        description_html=render_markdown("Een middag over samenwerken in de wijk."),
        report=report,
        report_html=render_markdown(report),
        visibility=visibility,
        municipality=municipality,
    )
    meeting_index_ensure().add_child(instance=meeting)
    meeting.save_revision().publish()
    sync_item("meeting", meeting.pk)
    return meeting


@pytest.fixture(params=["opensearch", "database"])
def engine(request, settings):
    if request.param == "database":
        request.getfixturevalue("db")
        settings.SEARCH_URL = ""
        return DatabaseEngine()
    request.getfixturevalue("engine_index")
    return get_engine()


@pytest.fixture
def meetings(engine, municipality):
    public = make_meeting(
        "Netwerkbijeenkomst sleutelfiguren",
        report="We spraken over samenwerken met moskeebesturen.",
    )
    for_members = make_meeting(
        "Intervisie voor leden", report="Alleen leden lezen over de wijkschouwmethode."
    )
    for_members.visibility = "members"
    for_members.save_revision().publish()
    sync_item("meeting", for_members.pk)
    hidden = make_meeting(
        f"Intervisie {SECRET} Utrecht",
        report=f"Alleen voor Utrecht: de {SECRET}aanpak.",
        visibility="restricted",
        municipality=municipality,
    )
    if hasattr(engine, "refresh"):
        engine.refresh()
    return public, hidden


@pytest.mark.engine
def test_a_past_meeting_is_found_by_its_report_as_kind_meeting(engine, meetings):
    public, _hidden = meetings
    outcome = engine.search(SearchParams(q="moskeebesturen"), viewer_for(None))
    assert [(r["kind"], r["id"]) for r in outcome.results] == [("meeting", public.pk)]
    kinds = {row["value"]: row["count"] for row in outcome.facets["kind"]}
    assert kinds == {"meeting": 1}
    assert public.starts_at.date().isoformat() in outcome.results[0]["published_at"]


@pytest.fixture
def partner_member(db):
    return MemberFactory(profile__municipality=None, profile__organisation="Politie Midden")


@pytest.fixture
def theme_moderator(db):
    user = ModeratorFactory()
    ModeratorScope.objects.create(user=user).themes.set([ThemeFactory()])
    return user


@pytest.mark.engine
@pytest.mark.parametrize(
    "visitor", ["anonymous", "other_member", "pending_member", "partner_member"]
)
def test_a_restricted_meeting_leaks_nowhere(engine, meetings, visitor, request):
    user = None if visitor == "anonymous" else request.getfixturevalue(visitor)
    viewer = viewer_for(user)
    _public, hidden = meetings
    outcome = engine.search(SearchParams(q=SECRET), viewer)
    assert outcome.count == 0 and outcome.results == []
    assert sum(row["count"] for row in outcome.facets.get("kind", [])) == 0
    assert "Utrecht" not in str(outcome.as_api())
    assert "Utrecht" not in str(engine.autocomplete("Intervisie", viewer))
    # No "did you mean" that spells the hidden word.
    assert engine.search(SearchParams(q="kralenketing"), viewer).suggestion is None


@pytest.mark.engine
@pytest.mark.parametrize("visitor", ["anonymous", "pending_member"])
def test_a_members_only_meeting_is_not_found_by_those_who_are_not_members(
    engine, meetings, visitor, request
):
    user = None if visitor == "anonymous" else request.getfixturevalue(visitor)
    outcome = engine.search(SearchParams(q="wijkschouwmethode"), viewer_for(user))
    assert outcome.count == 0


@pytest.mark.engine
def test_members_find_the_members_only_meeting(engine, meetings, other_member):
    outcome = engine.search(SearchParams(q="wijkschouwmethode"), viewer_for(other_member))
    assert [r["title"] for r in outcome.results] == ["Intervisie voor leden"]


@pytest.mark.engine
@pytest.mark.parametrize("visitor", ["member", "moderator", "theme_moderator"])
def test_the_organising_municipality_and_moderators_find_the_restricted_meeting(
    engine, meetings, visitor, request
):
    _public, hidden = meetings
    viewer = viewer_for(request.getfixturevalue(visitor))
    outcome = engine.search(SearchParams(q=SECRET), viewer)
    assert [r["id"] for r in outcome.results] == [hidden.pk]


@pytest.mark.engine
def test_the_kind_filter_keeps_meetings_only(engine, meetings, client):
    public, _hidden = meetings
    response = client.get("/api/v1/search", {"q": "moskeebesturen", "kind": "meeting"})
    assert response.status_code == 200
    data = response.json()
    assert [(r["kind"], r["id"]) for r in data["results"]] == [("meeting", public.pk)]
    page = client.get("/zoeken/", {"q": "moskeebesturen", "soort": "meeting"}).content.decode()
    assert "Bijeenkomst" in page and public.title in page


@pytest.mark.engine
def test_unpublishing_a_meeting_takes_it_out(engine, meetings, django_capture_on_commit_callbacks):
    public, _hidden = meetings
    public.unpublish()
    sync_item("meeting", public.pk)
    if hasattr(engine, "refresh"):
        engine.refresh()
    assert engine.search(SearchParams(q="moskeebesturen"), viewer_for(None)).count == 0


@pytest.mark.django_db
def test_the_openapi_contract_names_the_three_kinds(client):
    schema = client.get("/api/v1/openapi.json").json()
    result = schema["components"]["schemas"]["SearchResult"]["properties"]["kind"]
    assert result["enum"] == ["practice", "question", "meeting"]
    described = schema["paths"]["/api/v1/search"]["get"]["description"]
    assert "`meeting`" in described
