"""A restricted item with a unique word never shows to anyone who may not see it."""

import pytest

from exchange.visibility import viewer_for
from search.engines import get_engine
from search.params import SearchParams
from search.sync import sync_item

pytestmark = pytest.mark.engine
SECRET = "zwavelkwartsmolen"


@pytest.fixture
def restricted_and_public(engine_index, make_question, municipality, other_municipality):
    public = make_question("Openbare vraag over wijkaanpak", body="Iedereen mag dit lezen.")
    secret = make_question(
        f"Beperkte vraag over {SECRET}",
        body=f"Alleen Utrecht weet van de {SECRET}aanpak.",
        visibility="restricted",
        municipality=municipality,
    )
    for question in (public, secret):
        sync_item("question", question.pk)
    engine_index.refresh()
    return public, secret


def _leaks(engine, viewer, secret_pk) -> list[str]:
    leaks = []
    for q in (SECRET, "wijkaanpak", "vraag", "zwavelkwartsmoln"):
        outcome = engine.search(SearchParams(q=q), viewer)
        if any(r["id"] == secret_pk for r in outcome.results):
            leaks.append(f"result for {q}")
        if SECRET in str(outcome.as_api()):
            leaks.append(f"word in answer for {q}")
        if q == "vraag" and outcome.count != 1:
            leaks.append("total")
        for facet, rows in outcome.facets.items():
            if any(row["value"] == "GM0344" for row in rows) or (
                facet == "kind" and sum(row["count"] for row in rows) != outcome.count
            ):
                leaks.append(f"facet {facet}")
    if engine.autocomplete("Beperkte", viewer):
        leaks.append("autocomplete")
    public_pk = engine.search(SearchParams(q="wijkaanpak"), viewer).results[0]["id"]
    if any(r["id"] == secret_pk for r in engine.more_like_this("question", public_pk, viewer)):
        leaks.append("more like this")
    return leaks


@pytest.mark.parametrize("visitor", ["anonymous", "other_member", "pending_member"])
def test_restricted_item_is_absent_everywhere_for_those_who_may_not_see_it(
    visitor, restricted_and_public, request
):
    user = None if visitor == "anonymous" else request.getfixturevalue(visitor)
    _public, secret = restricted_and_public
    assert _leaks(get_engine(), viewer_for(user), secret.pk) == []


@pytest.mark.parametrize("visitor", ["member", "moderator"])
def test_same_municipality_and_moderators_find_the_restricted_item(
    visitor, restricted_and_public, request
):
    _public, secret = restricted_and_public
    viewer = viewer_for(request.getfixturevalue(visitor))
    outcome = get_engine().search(SearchParams(q=SECRET), viewer)
    assert [r["id"] for r in outcome.results] == [secret.pk]
    assert outcome.results[0]["highlight"] and "<mark>" in outcome.results[0]["highlight"]


def test_suggestion_never_offers_a_word_only_hidden_items_contain(restricted_and_public):
    outcome = get_engine().search(SearchParams(q="zwavelkwartsmoln"), viewer_for(None))
    assert outcome.suggestion is None
    assert outcome.count == 0


def test_the_same_misspelling_is_corrected_for_those_who_may_see_the_word(
    restricted_and_public, member
):
    # The suggester's own check (collate) runs with the viewer's access filter: it keeps the
    # word for Utrecht's member and drops it for everyone else (the test above).
    outcome = get_engine().search(SearchParams(q="zwavelkwartsmoln"), viewer_for(member))
    assert outcome.suggestion == SECRET


def test_an_item_restricted_while_the_engine_was_down_is_not_served_from_its_old_copy(
    engine_index, make_question, municipality, member, monkeypatch
):
    """The index still holds the item as public until the catch-up applies the change; until
    then the engine leaves it out, for every viewer, rather than show it to the old audience."""
    from search.engines.base import EngineUnavailable
    from search.models import PendingIndexOperation
    from search.sync import drain

    question = make_question("Vraag over zwavelkwartsmolen")
    sync_item("question", question.pk)
    engine_index.refresh()
    anonymous = viewer_for(None)
    assert _found(anonymous) == [question.pk]

    def down(*args, **kwargs):
        raise EngineUnavailable("down")

    question.visibility = "restricted"
    question.save()
    question.allowed_municipalities.set([municipality])
    with monkeypatch.context() as outage:
        outage.setattr(type(get_engine()), "index_documents", down)
        outage.setattr("search.sync._first_index_created", lambda engine: False)
        assert sync_item("question", question.pk) is False
    assert PendingIndexOperation.objects.count() == 1
    assert _found(anonymous) == []  # the old public copy is still in the index
    assert get_engine().autocomplete("zwavelkwarts", anonymous) == []

    drain()
    engine_index.refresh()
    assert _found(anonymous) == []
    assert _found(viewer_for(member)) == [question.pk]


def _found(viewer) -> list[int]:
    outcome = get_engine().search(SearchParams(q=SECRET), viewer)
    return [row["id"] for row in outcome.results]
