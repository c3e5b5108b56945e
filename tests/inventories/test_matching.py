"""Matching: the needs a response reports (the rule), "Wat anderen doen" (order, visibility,
who may see it, fixed queries, strength only as a protected count) and the unmet needs."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exchange.inventories import matching
from exchange.inventories.models import Dimension, Kind, Question
from exchange.questions.models import QuestionStatus
from exchange.themes.models import Theme
from tests.factories import MemberFactory, MunicipalityFactory
from tests.practices.factories import make_practice
from tests.questions.factories import make_question

from .matching_helpers import make_matching_questionnaire, respond

pytestmark = pytest.mark.django_db

URL = "/inventarisaties/behoeften/wat-anderen-doen/"


def _question(kind, dimension, theme=None, choices=""):
    return Question(kind=kind, dimension=dimension, theme=theme, choices=choices)


def test_the_rule_for_needs_and_strengths():
    theme = Theme.objects.get(slug="jongeren")
    names = {"jongeren": theme.pk}
    need_single = _question(Kind.SINGLE, Dimension.NEED, theme, "Ja\nNee")
    assert matching.classify(need_single, "Ja", names) == ({theme.pk}, set())
    assert matching.classify(need_single, "Nee", names) == (set(), set())
    need_scale = _question(Kind.SCALE, Dimension.NEED, theme)
    assert matching.classify(need_scale, 4, names)[0] == {theme.pk}
    assert matching.classify(need_scale, 3, names)[0] == set()
    learn = _question(Kind.MULTIPLE, Dimension.NEED, None, "Jongeren\nOnbekend")
    assert matching.classify(learn, ["Jongeren", "Onbekend"], names) == ({theme.pk}, set())
    capacity = _question(Kind.SCALE, Dimension.CAPACITY, theme)
    assert matching.classify(capacity, 2, names) == ({theme.pk}, set())
    assert matching.classify(capacity, 3, names) == (set(), set())
    assert matching.classify(capacity, 5, names) == (set(), {theme.pk})
    cooperation = _question(Kind.SINGLE, Dimension.NETWORK, theme, "Structureel\nIncidenteel\nNiet")
    assert matching.classify(cooperation, "Niet", names) == ({theme.pk}, set())
    assert matching.classify(cooperation, "Incidenteel", names) == (set(), set())
    assert matching.classify(cooperation, "Structureel", names) == (set(), {theme.pk})
    # Without a theme a capacity answer says nothing about a theme; numbers never count.
    assert matching.classify(_question(Kind.SCALE, Dimension.CAPACITY), 1, names) == (set(), set())
    fte = _question(Kind.NUMBER, Dimension.CAPACITY, theme)
    assert matching.classify(fte, 0, names) == (set(), set())


@pytest.fixture
def setting(municipality):
    """Utrecht (population 50,000, size class 5) reported a need on jongeren."""
    municipality.population = 60_000
    municipality.save()
    questionnaire = make_matching_questionnaire()
    respond(questionnaire, municipality, {"leren": ["Jongeren"], "capaciteit": 3})
    return questionnaire


def test_practices_come_by_evidence_then_similarity_then_date(setting, member, municipality):
    same_size = MunicipalityFactory(name="Even groot", province="Gelderland", population=70_000)
    same_province = MunicipalityFactory(name="Buur", province="Utrecht", population=8_000)
    far = MunicipalityFactory(name="Ver weg", province="Zeeland", population=8_000)
    old = datetime.date(2024, 1, 1)
    new = datetime.date(2025, 1, 1)
    idea_same_size = make_practice(
        title="Idee", municipality=same_size, evidence_level="idee", published_at=new
    )
    far_new = make_practice(
        title="Ver nieuw", municipality=far, evidence_level="beschreven", published_at=new
    )
    far_old = make_practice(
        title="Ver oud", municipality=far, evidence_level="beschreven", published_at=old
    )
    province = make_practice(
        title="Provincie", municipality=same_province, evidence_level="beschreven", published_at=old
    )
    size = make_practice(
        title="Omvang", municipality=same_size, evidence_level="beschreven", published_at=old
    )
    effective_far = make_practice(
        title="Effectief", municipality=far, evidence_level="effectief", published_at=old
    )
    make_practice(title="Eigen", municipality=municipality, evidence_level="effectief")
    make_practice(title="Ander thema", municipality=far, themes=("polarisatie",))
    found = matching.matching_practices(
        user=member, municipality=municipality, theme_ids=[Theme.objects.get(slug="jongeren").pk]
    )
    titles = [p.title for items in found.values() for p in items]
    assert titles == [
        effective_far.title,
        size.title,
        province.title,
        far_new.title,
        far_old.title,
        idea_same_size.title,
    ]


def test_a_restricted_practice_of_another_municipality_is_not_listed(
    setting, member, municipality, client_as
):
    other = MunicipalityFactory(name="Elders")
    make_practice(title="Besloten elders", municipality=other, visibility="restricted")
    make_practice(
        title="Gedeeld met Utrecht",
        municipality=other,
        visibility="restricted",
        allowed=[municipality],
    )
    make_practice(title="Openbaar elders", municipality=other)
    page = client_as(member).get(URL).content.decode()
    assert "Openbaar elders" in page
    assert "Gedeeld met Utrecht" in page
    assert "Besloten elders" not in page


def test_only_the_municipalitys_verified_members_see_its_page(
    setting, member, other_member, pending_member, client, client_as
):
    make_practice(title="Openbaar elders", municipality=MunicipalityFactory(name="Elders"))
    assert client.get(URL).status_code == 302  # to log in
    response = client_as(other_member).get(URL)
    # Zwolle has not submitted: its member is sent back, never shown Utrecht's needs.
    assert response.status_code == 302
    assert response["Location"] == "/inventarisaties/behoeften/"
    assert client_as(pending_member).get(URL).status_code == 403
    response = client_as(member).get(URL)
    assert response.status_code == 200
    assert "Openbaar elders" in response.content.decode()


def test_a_draft_response_shows_no_matches_yet(municipality, member, client_as):
    questionnaire = make_matching_questionnaire()
    respond(questionnaire, municipality, {"leren": ["Jongeren"]}, submitted=False)
    response = client_as(member).get(URL)
    assert response.status_code == 302


def test_contacts_are_municipalities_with_practices_and_members_open_to_contact(
    setting, member, client_as
):
    open_one = MunicipalityFactory(name="Open gemeente")
    closed_one = MunicipalityFactory(name="Dichte gemeente")
    MemberFactory(profile__municipality=open_one, profile__open_to_contact=True)
    MemberFactory(profile__municipality=closed_one, profile__open_to_contact=False)
    make_practice(municipality=open_one)
    make_practice(municipality=closed_one)
    [match] = matching.what_others_do(
        user=member,
        municipality=member.profile.municipality,
        response=setting.responses.get(),
    )
    assert [m.name for m in match.contacts] == ["Open gemeente"]
    page = client_as(member).get(URL).content.decode()
    assert f"/contact/gemeente/{open_one.slug}/" in page
    assert f"/contact/gemeente/{closed_one.slug}/" not in page


def test_strength_is_only_an_aggregate_count_under_the_small_group_rule(setting, member, settings):
    settings.SMALL_GROUP_MINIMUM = 5
    setting.closes_on = setting.opens_on  # closed: no counting in steps
    setting.save()
    strong = [MunicipalityFactory(name=f"Sterk {n}") for n in range(4)]
    for other in strong:
        respond(setting, other, {"netwerk": "Ja"})
    response = setting.responses.get(municipality=member.profile.municipality)

    def count():
        [match] = matching.what_others_do(
            user=member, municipality=member.profile.municipality, response=response
        )
        return match.strength_count

    assert count() is None  # four municipalities: suppressed
    respond(setting, MunicipalityFactory(name="Sterk 4"), {"netwerk": "Ja"})
    assert count() == 5


def test_questions_on_the_theme_are_listed_open_and_answered_only(setting, member, other_member):
    make_question(author=other_member, title="Open vraag over jongeren")
    make_question(author=other_member, title="Gesloten vraag", status=QuestionStatus.CLOSED)
    make_question(author=other_member, title="Besloten vraag", visibility="restricted")
    [match] = matching.what_others_do(
        user=member, municipality=member.profile.municipality, response=setting.responses.get()
    )
    assert [q.title for q in match.questions] == ["Open vraag over jongeren"]


def test_the_page_takes_a_fixed_number_of_queries(setting, member, other_member, client_as):
    client = client_as(member)
    setting.questions.filter(code="capaciteit").update(dimension=Dimension.CAPACITY)
    response = setting.responses.get()
    response.answers.filter(question__code="capaciteit").update(value=1)  # need on polarisatie

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    for n in range(2):
        place = MunicipalityFactory(name=f"A{n}")
        make_practice(municipality=place, themes=("jongeren",))
        make_question(author=other_member, title=f"Vraag {n}")
        MemberFactory(profile__municipality=place, profile__open_to_contact=True)
    measure()  # the first request fills the site and session caches
    first = measure()
    for n in range(6):
        place = MunicipalityFactory(name=f"B{n}")
        make_practice(municipality=place, themes=("jongeren", "polarisatie"))
        make_question(author=other_member, title=f"Meer {n}", themes=("polarisatie",))
        MemberFactory(profile__municipality=place, profile__open_to_contact=True)
    assert measure() == first


def test_moderators_see_the_unmet_needs_and_members_do_not(
    setting, member, moderator, client_as, municipality
):
    for n in range(3):
        respond(setting, MunicipalityFactory(name=f"Behoefte {n}"), {"capaciteit": 1})
    make_practice(municipality=MunicipalityFactory(name="Praktijk"), themes=("jongeren",))
    rows = matching.unmet_needs(setting)
    assert [(row.theme.slug, row.municipalities, row.practices) for row in rows] == [
        ("polarisatie", 3, 0),
        ("jongeren", 1, 1),
    ]
    url = "/inventarisaties/behoeften/onvervulde-behoeften/"
    assert client_as(member).get(url).status_code == 403
    page = client_as(moderator).get(url)
    assert page.status_code == 200
    assert "Polarisatie" in page.content.decode()
