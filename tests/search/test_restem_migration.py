"""Migrations kn_search 0006 and 0008: rows written with the old stems are written again, so a
database search finds them by the stems queries now have."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from exchange.visibility import viewer_for
from search.engines.database import DatabaseEngine
from search.models import SearchEntry, TermStatistics
from search.params import SearchParams
from search.sync import sync_item

pytestmark = [pytest.mark.django_db, pytest.mark.bothdb]

restem = importlib.import_module("search.migrations.0006_restem_database_rows").restem
restem_plurals = importlib.import_module(
    "search.migrations.0008_restem_plurals_after_a_vowel"
).restem


def _found(q):
    outcome = DatabaseEngine().search(SearchParams(q=q), viewer_for(None))
    return [row["title"] for row in outcome.results]


def test_rows_with_the_old_stems_are_found_again_after_the_migration(make_question):
    question = make_question("Terugblik op het jaar in de wijk")
    sync_item("question", question.pk)
    # As the old suffix stemmer wrote it: "jaar" kept its double vowel, "jaren" became "jar".
    SearchEntry.objects.filter(object_id=question.pk).update(title_terms=" terugblik jaar wijk ")
    TermStatistics.objects.create(items=1, frequencies={"jaar": 2}, computed_at=timezone.now())
    assert _found("jaren") == []

    restem(apps, None)

    assert _found("jaren") == [question.title]
    assert _found("jaar") == [question.title]
    assert not TermStatistics.objects.exists()  # worked out again from the new terms


def test_rows_with_plurals_stemmed_apart_are_found_by_the_singular_after_0008(make_question):
    question = make_question("Samenwerking tussen organisaties in de wijk")
    sync_item("question", question.pk)
    # As the stemming before 0008 wrote it: the -ies plural kept its s.
    SearchEntry.objects.filter(object_id=question.pk).update(
        title_terms=" samenwerk organisaties wijk "
    )
    assert _found("organisatie") == []

    restem_plurals(apps, None)

    assert _found("organisatie") == [question.title]
    assert _found("organisaties") == [question.title]
