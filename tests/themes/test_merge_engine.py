"""On the live engine: after a merge, filtering by the target theme finds the merged content."""

import pytest

from exchange.themes import services
from exchange.visibility import viewer_for
from search.engines import get_engine
from search.params import SearchParams
from search.sync import sync_item
from tests.factories import ModeratorFactory
from tests.practices.factories import make_practice
from tests.questions.factories import make_question

pytestmark = pytest.mark.engine


def found(engine, viewer, theme_slug) -> set:
    outcome = engine.search(SearchParams(filters={"theme": (theme_slug,)}), viewer)
    return {(row["kind"], row["id"]) for row in outcome.results}


def test_search_by_the_target_theme_finds_what_had_the_merged_theme(
    engine_index, source, target, asker
):
    moderator = ModeratorFactory()
    practice = make_practice(title="Weerbaarheid online", themes=(source.slug,))
    question = make_question(
        author=asker, title="Wie heeft ervaring met online haat?", themes=(source.slug,)
    )
    sync_item("question", question.pk)  # the factory sets themes after the save's sync
    engine_index.refresh()
    viewer = viewer_for(moderator)
    assert found(engine_index, viewer, source.slug) == {
        ("practice", practice.pk),
        ("question", question.pk),
    }

    # No test transaction here: the merge commits and its index tasks run straight away.
    services.theme_merge(source=source, target=target, actor=moderator, reason="Dubbel")
    engine_index.refresh()

    engine = get_engine()
    assert found(engine, viewer, target.slug) == {
        ("practice", practice.pk),
        ("question", question.pk),
    }
    assert found(engine, viewer, source.slug) == set()
