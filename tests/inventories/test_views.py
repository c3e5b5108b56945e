"""The response form on the site: one section per page, no JavaScript needed, clear errors."""

from django.urls import reverse

from exchange.inventories.models import AnswerChange, Response

from .conftest import answer_all


def section_url(questionnaire, number):
    return reverse("inventory_section", args=[questionnaire.slug, number])


def test_anonymous_visitors_are_sent_to_log_in(questionnaire, client):
    for url in (
        reverse("inventory_list"),
        section_url(questionnaire, 1),
        reverse("inventory_results", args=[questionnaire.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_a_member_answers_section_by_section_and_submits_without_javascript(
    questionnaire, member, client_as
):
    client = client_as(member)
    page = client.get(section_url(questionnaire, 1))
    assert page.status_code == 200
    assert 'aria-current="step"' in page.content.decode()
    saved = client.post(
        section_url(questionnaire, 1),
        {"vraag_fte": "1,5", "vraag_voldoende": "4", "actie": "verder"},
    )
    assert saved["Location"] == section_url(questionnaire, 2)
    client.post(
        section_url(questionnaire, 2),
        {"vraag_netwerk": "Ja", "vraag_partners": ["Politie", "Zorg"], "actie": "later"},
    )
    # Resumed later: the answers are there.
    again = client.get(section_url(questionnaire, 1)).content.decode()
    assert 'value="1,5"' in again
    client.post(section_url(questionnaire, 3), {"vraag_zorg": "Spanningen", "actie": "verder"})
    submitted = client.post(reverse("inventory_submit", args=[questionnaire.slug]))
    assert submitted["Location"] == reverse("inventory_own_results", args=[questionnaire.slug])
    response = Response.objects.get()
    assert response.is_submitted
    assert {a.question.code: a.value for a in response.answers.select_related("question")} == {
        "fte": 1.5,
        "voldoende": 4,
        "netwerk": "Ja",
        "partners": ["Politie", "Zorg"],
        "zorg": "Spanningen",
    }


def test_bad_input_gets_dutch_messages_in_a_summary_and_saves_nothing(
    questionnaire, member, client_as
):
    client = client_as(member)
    page = client.post(
        section_url(questionnaire, 1),
        {"vraag_fte": "veel", "vraag_voldoende": "4", "actie": "verder"},
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert "Er ging iets mis" in html
    assert 'href="#id_vraag_fte"' in html
    assert "Vul een getal in" in html
    assert not Response.objects.exists() or not Response.objects.get().answers.exists()
    page = client.post(section_url(questionnaire, 2), {"vraag_netwerk": "Misschien"})
    assert page.status_code == 400 and 'href="#id_vraag_netwerk_0"' in page.content.decode()
    page = client.post(section_url(questionnaire, 1), {"vraag_fte": "-1"})
    assert "Vul 0 of meer in" in page.content.decode()
    assert not AnswerChange.objects.exists()


def test_free_text_with_personal_data_needs_confirmation(questionnaire, member, client_as):
    client = client_as(member)
    page = client.post(
        section_url(questionnaire, 3),
        {"vraag_zorg": "Bel mevrouw Jansen op 0612345678", "actie": "verder"},
    )
    assert page.status_code == 400
    assert "persoonsgegevens" in page.content.decode()
    assert not AnswerChange.objects.exists()


def test_a_closed_questionnaire_shows_the_answers_but_takes_none(
    closed_questionnaire, member, client_as
):
    client = client_as(member)
    page = client.get(section_url(closed_questionnaire, 1))
    assert "gesloten" in page.content.decode()
    response = client.post(
        section_url(closed_questionnaire, 1), {"vraag_fte": "2", "actie": "verder"}
    )
    assert response.status_code == 302
    assert not Response.objects.exists()
    response = client.post(reverse("inventory_submit", args=[closed_questionnaire.slug]))
    assert not Response.objects.exists()


def test_a_pending_member_cannot_open_the_form(questionnaire, pending_member, client_as):
    assert client_as(pending_member).get(section_url(questionnaire, 1)).status_code == 403


def test_a_partner_member_is_told_why_they_cannot_answer_for_a_municipality(
    questionnaire, client_as
):
    from tests.factories import MemberFactory

    partner = MemberFactory(profile__municipality=None, profile__organisation="Welzijn")
    page = client_as(partner).get(section_url(questionnaire, 1))
    assert page.status_code == 403
    assert "hoort niet bij een gemeente" in page.content.decode()


def test_an_unknown_section_is_not_found(questionnaire, member, client_as):
    assert client_as(member).get(section_url(questionnaire, 9)).status_code == 404


def _network(count, province="Utrecht"):
    from tests.factories import MunicipalityFactory

    return [
        MunicipalityFactory(code=f"GM6{n:03d}", province=province, population=20_000 + n)
        for n in range(count)
    ]


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _page_queries(questionnaire, member, moderator, log_in, count):
    from django.test import Client

    for municipality in _network(count):
        answer_all(questionnaire, municipality)
    if not Response.objects.filter(municipality=member.profile.municipality).exists():
        answer_all(questionnaire, member.profile.municipality)
    client = log_in(Client(), member)
    moderator_client = log_in(Client(), moderator)
    return (
        _queries(client, section_url(questionnaire, 1)),
        _queries(client, reverse("inventory_own_results", args=[questionnaire.slug])),
        _queries(moderator_client, reverse("inventory_results", args=[questionnaire.slug])),
    )


def test_the_form_own_results_and_results_pages_run_a_fixed_number_of_queries(
    questionnaire, member, moderator, log_in
):
    small = _page_queries(questionnaire, member, moderator, log_in, 6)
    Response.objects.all().delete()
    large = _page_queries(questionnaire, member, moderator, log_in, 40)
    assert small == large, (small, large)
    form, own, results = large
    assert form <= 20 and own <= 20 and results <= 22, large


def test_the_form_and_own_results_read_in_english(questionnaire, member, client_as, settings):
    from django.utils import translation

    client = client_as(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        form = client.get(section_url(questionnaire, 1)).content.decode()
        assert "Save and continue" in form and "Needed to submit." in form
        answer_all(questionnaire, member.profile.municipality)
        own = client.get(reverse("inventory_own_results", args=[questionnaire.slug]))
        assert "Your answers beside the network" in own.content.decode()
    finally:
        translation.activate(settings.LANGUAGE_CODE)
