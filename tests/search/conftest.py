import uuid

import pytest

SESSION_PREFIX = f"kn-test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def engine_index(search_url, settings, transactional_db):
    """A fresh, empty index behind a per-test alias on the live node."""
    from django.contrib.auth.models import Group

    from search.engines import get_engine
    from search.index import ensure_index

    # transactional_db empties the tables the migrations filled.
    for name in ("Moderators", "Admins", "Members"):
        Group.objects.get_or_create(name=name)

    settings.SEARCH_INDEX_PREFIX = f"{SESSION_PREFIX}-{uuid.uuid4().hex[:6]}"
    engine = get_engine()
    ensure_index(engine)
    yield engine
    for index in engine.alias_targets():
        engine.delete_index(index)


@pytest.fixture
def make_question(db):
    from exchange.questions.models import Question

    def make(title, *, body="", visibility="public", municipality=None, allowed=()):
        question = Question.objects.create(
            title=title, body_markdown=body, visibility=visibility, municipality=municipality
        )
        question.allowed_municipalities.set(allowed)
        return question

    return make
