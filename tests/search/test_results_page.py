"""What a search result shows on /zoeken/: the day in the site's time zone in Dutch, and a
snippet of plain text cut at word boundaries that marks whole words."""

import datetime
import re

import pytest
from django.utils import timezone

from search.sync import sync_item

pytestmark = pytest.mark.django_db
LONG_BODY = (
    "**Belangrijk**: in deze wijk werken we al jaren samen. " * 6
    + "De wijkagent kent iedereen en de wijk kent de wijkagent. "
    + "Daarna volgt nog een lange uitleg over de aanpak in de buurt. " * 6
)


def _indexed(make_question, title, body, **fields):
    question = make_question(title, body=body)
    if fields:
        type(question).objects.filter(pk=question.pk).update(**fields)
    sync_item("question", question.pk)
    return question


def _results(client, q):
    page = client.get("/zoeken/", {"q": q}).content.decode()
    return page, re.findall(r'<li class="search-result">(.*?)</li>', page, re.S)


def test_the_date_is_the_day_in_amsterdam_written_in_dutch(client, make_question):
    late_evening = datetime.datetime(2024, 3, 1, 23, 30, tzinfo=datetime.UTC)
    _indexed(make_question, "Avondoverleg", "Over de wijk.", created_at=late_evening)
    _page, results = _results(client, "avondoverleg")
    shown = re.sub(r"<[^>]+>", " ", results[0])  # the text, not the attributes
    assert "2 maart 2024" in shown
    assert "2024-03-01" not in shown and "1 maart" not in shown


def test_the_snippet_is_plain_text_cut_at_word_boundaries_marking_whole_words(
    client, make_question
):
    _indexed(make_question, "Samen in de wijk", LONG_BODY, created_at=timezone.now())
    _page, results = _results(client, "wijk")
    snippet = re.search(r"<p>(.*?)</p>", results[0].split("search-result__meta")[1], re.S)[1]
    assert "**" not in snippet
    assert "<mark>wijk</mark>" in snippet
    assert "<mark>wijkagent" not in snippet and "wijk</mark>agent" not in snippet
    words = re.findall(r"\w+", re.sub(r"</?mark>", "", snippet))
    body_words = set(re.findall(r"\w+", LONG_BODY))
    assert words[0] in body_words and words[-1] in body_words


@pytest.mark.engine
def test_the_engines_snippet_is_plain_text_too(engine_index, client, make_question):
    _indexed(make_question, "Samen in de wijk", LONG_BODY, created_at=timezone.now())
    engine_index.refresh()
    _page, results = _results(client, "wijk")
    snippet = re.search(r"<p>(.*?)</p>", results[0].split("search-result__meta")[1], re.S)[1]
    assert "**" not in snippet
    assert "<mark>wijk</mark>" in snippet
    assert "<mark>wijkagent" not in snippet and "wijk</mark>agent" not in snippet
    words = re.findall(r"\w+", re.sub(r"</?mark>", "", snippet))
    body_words = set(re.findall(r"\w+", LONG_BODY))
    assert words[0] in body_words and words[-1] in body_words


def test_a_page_past_the_last_leads_to_the_last_page_with_its_results(client, make_question):
    for n in range(12):
        _indexed(make_question, f"Wijkoverleg {n}", "Over de wijk.")
    response = client.get("/zoeken/", {"q": "wijkoverleg", "pagina": 999})
    assert response.status_code == 302
    assert "pagina=2" in response["Location"] and "q=wijkoverleg" in response["Location"]
    _page, results = _results(client, "wijkoverleg")
    last = client.get(response["Location"]).content.decode()
    assert len(re.findall(r'<li class="search-result">', last)) == 2  # 12 items, 10 a page
    assert len(results) == 10
