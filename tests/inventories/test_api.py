"""The quickscan API: aggregated results of closed rounds for verified members, with every
cell the small-group rule suppresses on the pages suppressed here too; nothing for others."""

import pytest

from exchange.inventories.results import province_key, questionnaire_results, size_key

from .conftest import answer_all

pytestmark = pytest.mark.django_db

LIST = "/api/v1/inventories"


@pytest.fixture
def answered_network(closed_questionnaire, network):
    for n, municipality in enumerate(network):
        answer_all(
            closed_questionnaire,
            municipality,
            netwerk="Ja" if n % 3 else "Nee",
            fte=1.0 + n,
            zorg=f"Zorg van gemeente {municipality.code}",
        )
    return closed_questionnaire


def results_url(questionnaire):
    return f"{LIST}/{questionnaire.slug}/results"


def test_anonymous_and_pending_callers_get_nothing(
    answered_network, client, pending_member, client_as
):
    assert client.get(LIST).json() == []
    assert client.get(results_url(answered_network)).status_code == 404
    pending = client_as(pending_member)
    assert pending.get(LIST).json() == []
    assert pending.get(results_url(answered_network)).status_code == 404


def test_an_open_round_has_no_results_in_the_api(questionnaire, network, member, client_as):
    for municipality in network:
        answer_all(questionnaire, municipality)
    caller = client_as(member)
    assert caller.get(LIST).json() == []
    assert caller.get(results_url(questionnaire)).status_code == 404


def test_members_read_the_protected_figures_and_suppressed_cells_stay_suppressed(
    answered_network, member, client_as
):
    caller = client_as(member)
    assert [q["slug"] for q in caller.get(LIST).json()] == [answered_network.slug]
    data = caller.get(results_url(answered_network)).json()
    assert data["minimum"] == 5
    assert data["respondents"] == 21
    by_code = {question["code"]: question for question in data["questions"]}
    # Free text never leaves through the API.
    assert "zorg" not in by_code and "aanpak" not in by_code
    assert "Zorg van gemeente" not in str(data)
    protected = questionnaire_results(answered_network, full=False)
    for result in protected.questions:
        if result.question.is_text:
            continue
        groups = {group["key"]: group for group in by_code[result.question.code]["groups"]}
        island = groups["province:Fryslân"]
        assert island["size"] is None and island["median"] is None and island["rows"] == []
        assert groups["size:1"]["size"] is None
        for group in result.groups:
            shown = groups[":".join(str(part) for part in group.key)]
            assert shown["size"] == group.size
            assert [row["count"] for row in shown["rows"]] == [row.count for row in group.rows]
    # The page and the API suppress the same cells: at least one somewhere here.
    assert any(
        row["count"] is None
        for question in data["questions"]
        for group in question["groups"]
        for row in group["rows"]
    ) or any(
        group["size"] is None for question in data["questions"] for group in question["groups"]
    )
    assert protected.questions[0].group(province_key("Fryslân")).size is None
    assert protected.questions[0].group(size_key(1)).size is None


def test_a_moderators_session_gets_the_protected_figures_too(
    answered_network, moderator, client_as
):
    data = client_as(moderator).get(results_url(answered_network)).json()
    groups = {group["key"]: group for group in data["questions"][0]["groups"]}
    assert groups["province:Fryslân"]["size"] is None


def test_the_openapi_schema_describes_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/inventories/{slug}/results" in schema["paths"]
    assert "ResultsOut" in schema["components"]["schemas"]
