"""The question list and a question page run a fixed number of SQL queries, whatever the size."""

import pytest

from exchange.core.markdown import render_markdown
from exchange.questions.models import Answer, Question, Vote
from tests.factories import MemberFactory
from tests.questions.factories import make_question

pytestmark = pytest.mark.django_db

THEMES = ("jongeren", "onderwijs", "polarisatie")
# Session, user and the user-sessions bookkeeping (7), the visitor's groups, profile and
# municipality (3); then for the list the old theme slugs among the filter's (1), the page of
# questions with their themes, the paginator count and one counting query per facet (5); for a
# question page the question with its themes
# and chosen municipalities, the answers with their authors, profiles and municipalities, the
# visitor's votes and follow, the practice worked out from the question (if any), and the
# moderators' text on where worries about a person belong, beside the answer form.
MAX_LIST_QUERIES = 21
MAX_DETAIL_QUERIES = 20
# A theme or municipality page with its "Vragen" section (cards, count and follow state), and
# its upcoming meetings (two).
MAX_SECTION_PAGE_QUERIES = 20


@pytest.fixture
def authors(municipality, other_municipality):
    return [
        MemberFactory(profile__municipality=municipality if i % 2 else other_municipality)
        for i in range(6)
    ]


def add_answers(question, authors, count, *, voter=None):
    answers = Answer.objects.bulk_create(
        Answer(
            question=question,
            author=authors[i % len(authors)],
            municipality=authors[i % len(authors)].profile.municipality,
            body_markdown=f"Antwoord {i}",
            body_html=render_markdown(f"Antwoord **{i}**"),
            accepted=i % 17 == 0,
            helpful_count=i % 5,
            hidden=i % 23 == 0,
        )
        for i in range(count)
    )
    Question.objects.filter(pk=question.pk).update(answer_count=count)
    if voter is not None:
        Vote.objects.bulk_create(Vote(answer=a, user=voter) for a in answers[::2])
    return answers


@pytest.fixture
def many_questions(request, authors):
    count = request.param
    questions = [
        make_question(
            author=authors[i % len(authors)],
            title=f"Vraag nummer {i} over jongeren",
            visibility=("public", "members", "restricted")[i % 3],
            themes=THEMES,
        )
        for i in range(count)
    ]
    for question in questions[:5]:
        add_answers(question, authors, 3)
    return questions


@pytest.mark.parametrize("many_questions", [5, 100], indirect=True)
def test_question_list_query_count(
    client_as, member, many_questions, django_assert_max_num_queries
):
    client = client_as(member)
    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        response = client.get("/vragen/?thema=jongeren&provincie=Utrecht&provincie=Overijssel")
    assert response.status_code == 200
    visible = [
        q for q in many_questions if q.visibility != "restricted" or q.municipality.code == "GM0344"
    ]
    assert len(response.context["results"].object_list) == min(len(visible), 20)


@pytest.mark.parametrize("many_questions", [5, 100], indirect=True)
def test_anonymous_question_list_query_count(client, many_questions, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get("/vragen/?sorteer=actief")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 100])
def test_question_page_query_count(
    client_as, member, asker, authors, count, django_assert_max_num_queries
):
    question = make_question(author=asker, themes=THEMES)
    answers = add_answers(question, authors, count, voter=member)
    client = client_as(member)
    with django_assert_max_num_queries(MAX_DETAIL_QUERIES):
        response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    shown = response.context["answers"]
    assert len(shown) == len([a for a in answers if not a.hidden])
    assert sum(answer.voted for answer in shown) == len([a for a in answers[::2] if not a.hidden])


@pytest.mark.parametrize("count", [5, 100])
def test_question_page_query_count_for_a_moderator(
    client_as, moderator, asker, authors, count, django_assert_max_num_queries
):
    question = make_question(author=asker, themes=THEMES, visibility="restricted")
    add_answers(question, authors, count)
    client = client_as(moderator)
    with django_assert_max_num_queries(MAX_DETAIL_QUERIES):
        response = client.get(question.get_absolute_url())
    assert len(response.context["answers"]) == count


@pytest.mark.parametrize("many_questions", [5, 100], indirect=True)
def test_theme_and_municipality_sections_query_count(
    client_as, member, many_questions, django_assert_max_num_queries
):
    client = client_as(member)
    for path in ("/thema/jongeren/", "/gemeenten/utrecht/"):
        with django_assert_max_num_queries(MAX_SECTION_PAGE_QUERIES):
            response = client.get(path)
        assert response.status_code == 200
        section = response.context["questions"]
        assert len(section["items"]) == min(5, section["count"])
        assert section["count"] > 0
