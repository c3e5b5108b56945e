"""A compound the domain word list does not know is split by the collection's own words
(search.understanding.vocabulary_split), on the live node and on the database engine."""

import pytest

from search import text as nl
from search.feedback import refresh_statistics
from search.params import SearchParams
from search.service import search_run
from search.sync import sync_item
from search.understanding import Vocabulary, split_compound, vocabulary_split

pytestmark = pytest.mark.engine
ENGINES = ["opensearch", "database"]


def counts(**held):
    return {nl.stem(word): items for word, items in held.items()}


COUNTS = counts(moskee=5, bestuur=8, samenwerking=40, samen=30, werking=50)


def test_an_unknown_compound_splits_into_the_collections_words():
    vocabulary = Vocabulary("v1", COUNTS)
    assert split_compound("moskeebestuur") == ()  # not in the domain word list
    assert vocabulary_split("moskeebestuur", vocabulary) == ("moskee", "bestuur")
    # A compound the collection holds itself stays whole (samenwerking: not samen + werking).
    assert vocabulary_split("samenwerking", vocabulary) == ()
    # Parts must be words of four letters or more that enough items hold.
    rare = Vocabulary("v2", counts(moskee=5, terugkeer=2, kerk=9))
    assert vocabulary_split("moskeeterugkeer", rare) == ()
    assert vocabulary_split("kerkvoor", Vocabulary("v3", counts(kerk=9, voor=99))) == ()
    assert vocabulary_split("moskeebestuur", Vocabulary("", {})) == ()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_compound_typed_finds_the_item_that_writes_its_parts_apart(
    engine, engine_index, make_question, settings
):
    for n in range(3):
        make_question(f"Gesprek in de moskee, deel {n}")
        make_question(f"Een nieuw bestuur, deel {n}")
    apart = make_question("Het bestuur van de moskee wisselt steeds: hoe houd je contact?")
    from exchange.questions.models import Question

    for question in Question.objects.all():
        sync_item("question", question.pk)
    engine_index.refresh()
    if engine == "database":
        settings.SEARCH_URL = ""
    settings.SEARCH_FEEDBACK = False

    def found():
        outcome = search_run(user=None, params=SearchParams(q="moskeebestuur"))
        return [row["title"] for row in outcome.results]

    assert apart.title not in found()  # without the collection's figures: the word alone
    refresh_statistics()
    assert found()[0] == apart.title
