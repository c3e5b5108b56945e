"""The questions API: list shape, paging limits, filters, one question with its answers."""

import pytest

from tests.questions.factories import make_answer, make_question

pytestmark = pytest.mark.django_db

LIST = "/api/v1/questions"


@pytest.fixture
def questions(asker, other_member, answerer):
    utrecht = make_question(author=asker, title="Utrechtse vraag", themes=("jongeren",))
    zwolle = make_question(author=other_member, title="Zwolse vraag", themes=("onderwijs",))
    make_answer(question=zwolle, author=asker, body="Eerste, oudste")
    make_answer(question=zwolle, author=asker, body="Nuttig", helpful_count=4)
    make_answer(question=zwolle, author=asker, body="Geaccepteerd", accepted=True)
    zwolle.status = "answered"
    zwolle.save()
    return {"utrecht": utrecht, "zwolle": zwolle}


def test_list_shape_and_paging(client, questions):
    data = client.get(LIST, {"limit": 1, "offset": 1}).json()
    assert data["count"] == 2
    assert len(data["items"]) == 1
    item = data["items"][0]
    by_id = {question.pk: question for question in questions.values()}
    assert item["url"] == by_id[item["id"]].get_absolute_url()
    assert set(item) >= {"id", "title", "municipality", "themes", "status", "answer_count"}


@pytest.mark.parametrize(
    "params", [{"limit": 101}, {"limit": 0}, {"offset": -1}, {"status": "weg"}, {"sort": "x"}]
)
def test_bad_parameters_are_refused_with_400(client, questions, params):
    response = client.get(LIST, params)
    assert response.status_code == 400
    assert "detail" in response.json()


def test_filters(client, questions):
    def titles(**params):
        return {item["title"] for item in client.get(LIST, params).json()["items"]}

    assert titles(theme="jongeren") == {"Utrechtse vraag"}
    assert titles(municipality="gm0193") == {"Zwolse vraag"}
    assert titles(status="answered") == {"Zwolse vraag"}
    assert titles(status=["open", "answered"]) == {"Utrechtse vraag", "Zwolse vraag"}


def test_detail_orders_answers_and_names_authors_only_for_members(
    client, client_as, member, questions
):
    url = f"{LIST}/{questions['zwolle'].pk}"
    data = client.get(url).json()
    assert [a["body_html"] for a in data["answers"]] == [
        "<p>Geaccepteerd</p>",
        "<p>Nuttig</p>",
        "<p>Eerste, oudste</p>",
    ]
    assert data["author"] is None and data["answers"][0]["author"] is None
    assert data["answer_count"] == 3
    data = client_as(member).get(url).json()
    assert data["author"] and data["answers"][0]["author"]


@pytest.mark.parametrize("pk", ["0", "999999", "99999999999"])
def test_unknown_question_is_404(client, pk):
    assert client.get(f"{LIST}/{pk}").status_code == 404
