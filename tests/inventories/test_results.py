"""Results: moderators see everything; members the protected figures of a closed round; the
small-group rule holds on every page and download, also against differencing."""

import pytest
from django.urls import reverse

from exchange.inventories.results import (
    NATIONAL,
    province_key,
    questionnaire_results,
    size_key,
)
from tests.factories import MemberFactory

from .conftest import answer_all, make_questionnaire


@pytest.fixture
def answered_network(closed_questionnaire, network):
    """20 answers from Gelderland and Brabant, one from the island (size class 1)."""
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
    return reverse("inventory_results", args=[questionnaire.slug])


def test_members_see_no_results_of_an_open_round(questionnaire, member, client_as):
    response = client_as(member).get(results_url(questionnaire))
    assert response.status_code == 403
    assert "zodra de vragenlijst gesloten is" in response.content.decode()
    csv = client_as(member).get(reverse("inventory_results_csv", args=[questionnaire.slug]))
    assert csv.status_code == 404


def test_anonymous_visitors_see_no_results_at_all(answered_network, client):
    assert client.get(results_url(answered_network)).status_code == 302
    csv = client.get(reverse("inventory_results_csv", args=[answered_network.slug]))
    assert csv.status_code == 302


def test_members_see_protected_results_of_a_closed_round_without_free_text(
    answered_network, member, client_as
):
    html = client_as(member).get(results_url(answered_network)).content.decode()
    assert "Is er een netwerk?" in html
    assert "<svg" in html and "<desc" in html
    assert "Zorg van gemeente" not in html
    assert "Fryslân" in html  # the row is there, its figures are not
    assert "afgeschermd" in html
    assert "Respons per provincie" not in html


def test_moderators_see_everything_including_free_text_and_response_rates(
    answered_network, moderator, client_as
):
    html = client_as(moderator).get(results_url(answered_network)).content.decode()
    assert "Zorg van gemeente GM8200" in html
    assert "Respons per provincie" in html
    results = questionnaire_results(answered_network, full=True)
    island = results.questions[0].group(province_key("Fryslân"))
    assert island.size == 1 and island.median == 21.0


def test_a_province_with_few_respondents_is_suppressed_for_members(answered_network):
    results = questionnaire_results(answered_network, full=False)
    for result in results.questions:
        island = result.group(province_key("Fryslân"))
        assert not island.shown and island.median is None and not island.rows
        # Nation minus the two big provinces would give the island: one of them goes too.
        shown = [result.group(province_key(p)).shown for p in ("Gelderland", "Noord-Brabant")]
        assert not all(shown)


def test_a_size_class_with_one_municipality_is_suppressed_for_members(answered_network):
    results = questionnaire_results(answered_network, full=False)
    for result in results.questions:
        assert not result.group(size_key(1)).shown


def test_differencing_two_filters_cannot_reveal_one_municipality(db, network):
    """Nation (13) and a province of 12: their difference is one municipality."""
    questionnaire = make_questionnaire(slug="verschil", opens=-30, closes=-1)
    for municipality in network[:12] + network[-1:]:
        answer_all(questionnaire, municipality)
    results = questionnaire_results(
        questionnaire, full=False, group_keys=[NATIONAL, province_key("Gelderland")]
    )
    answered = [r for r in results.questions if r.question.code != "aanpak"]
    for result in answered:
        assert result.national.shown
        assert not result.group(province_key("Gelderland")).shown


def test_two_rounds_side_by_side_do_not_reveal_the_one_municipality_that_joined(db, network):
    first = make_questionnaire(slug="ronde-1", opens=-90, closes=-60)
    second = make_questionnaire(
        slug="ronde-2", opens=-30, closes=-1, previous=first, round_number=2
    )
    for municipality in network[:10]:
        answer_all(first, municipality)
    for municipality in network[:11]:
        answer_all(second, municipality)
    results = questionnaire_results(second, full=False, group_keys=[NATIONAL], other_rounds=[first])
    answered = [r for r in results.questions if r.question.code != "aanpak"]
    for result in answered:
        ((_round, previous),) = result.other_rounds
        # Round 2 minus round 1 would be the newcomer's answers: one of them is withheld.
        assert not (result.national.shown and previous.shown)
    alone = questionnaire_results(second, full=False, group_keys=[NATIONAL])
    assert all(r.national.shown for r in alone.questions if r.question.code != "aanpak")


def test_the_csv_goes_through_the_same_protection(answered_network, member, moderator, client_as):
    member_csv = client_as(member).get(
        reverse("inventory_results_csv", args=[answered_network.slug])
    )
    text = member_csv.content.decode("utf-8-sig")
    island_rows = [line for line in text.splitlines() if "Fryslân" in line]
    assert island_rows and all(line.split(";")[3:] == ["", "", "", "", ""] for line in island_rows)
    assert member_csv["Content-Disposition"].startswith("attachment")
    moderator_csv = (
        client_as(moderator)
        .get(reverse("inventory_results_csv", args=[answered_network.slug]))
        .content.decode("utf-8-sig")
    )
    assert any("Fryslân;1;" in line for line in moderator_csv.splitlines())


def test_own_results_show_our_answers_beside_protected_figures_never_another_municipality(
    answered_network, client_as, network
):
    island_member = MemberFactory(profile__municipality=network[-1])
    # The closed round still shows its own results to a municipality that answered.
    html = (
        client_as(island_member)
        .get(reverse("inventory_own_results", args=[answered_network.slug]))
        .content.decode()
    )
    assert "Uw antwoord:" in html
    assert "Zorg van gemeente GM8200" in html  # our own text
    assert "Zorg van gemeente GM8000" not in html  # never another's
    assert "afgeschermd" in html  # our province and size class are too small


def test_own_results_wait_for_submission(questionnaire, member, client_as):
    response = client_as(member).get(reverse("inventory_own_results", args=[questionnaire.slug]))
    assert response.status_code == 302


def test_a_member_who_answered_sees_the_network_figures_of_the_nation(
    questionnaire, network, client_as
):
    for municipality in network[:12]:
        answer_all(questionnaire, municipality)
    member = MemberFactory(profile__municipality=network[0])
    html = (
        client_as(member)
        .get(reverse("inventory_own_results", args=[questionnaire.slug]))
        .content.decode()
    )
    assert "Alle gemeenten" in html and "Gelderland" in html


def test_per_member_questionnaires_count_municipalities_not_members(db, network):
    from exchange.inventories import services
    from exchange.inventories.models import Audience

    questionnaire = make_questionnaire(slug="per-lid")
    questionnaire.audience = Audience.MEMBERS
    questionnaire.save()
    netwerk = questionnaire.questions.get(code="netwerk")
    for municipality in network[:6]:
        for _ in range(3):
            member = MemberFactory(profile__municipality=municipality)
            services.response_save_answers(
                user=member, questionnaire=questionnaire, values={netwerk: "Ja"}
            )
            services.response_save_answers(
                user=member,
                questionnaire=questionnaire,
                values={questionnaire.questions.get(code="voldoende"): 3},
            )
            services.response_submit(user=member, questionnaire=questionnaire)
    for full in (True, False):
        results = questionnaire_results(questionnaire, full=full, group_keys=[NATIONAL])
        national = next(r for r in results.questions if r.question.code == "netwerk").national
        assert national.size == 6
        assert national.rows[0].count == 6 and national.rows[0].share == 100


def test_own_results_of_an_open_round_move_in_steps_so_a_newcomer_cannot_be_subtracted(
    questionnaire, network
):
    """Looking before and after one more municipality submits gives the same figures."""
    for municipality in network[:7]:
        answer_all(questionnaire, municipality, netwerk="Ja")
    keys = [NATIONAL, province_key("Gelderland")]
    before = questionnaire_results(questionnaire, full=False, group_keys=keys, growing=True)
    answer_all(questionnaire, network[7], netwerk="Nee")
    after = questionnaire_results(questionnaire, full=False, group_keys=keys, growing=True)
    for first, second in zip(before.questions, after.questions, strict=True):
        assert first.national.size == second.national.size in (5, None)
        assert [r.count for r in first.national.rows] == [r.count for r in second.national.rows]
    # Moderators see every submission as it comes.
    assert questionnaire_results(questionnaire, full=True, group_keys=keys).respondents == 8
