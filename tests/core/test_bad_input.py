"""Odd input on every page gets a clear 400 or a form error, never a server error.

The pages come from the URL resolver itself, so a new page is tried without anyone adding it
here. CI runs these tests (marker `badinput`) on PostgreSQL and on SQLite: each database
fails on different input (PostgreSQL on NUL bytes, SQLite on numbers beyond 64 bits).
"""

import re
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import APIToken

from exchange.accounts.models import CodeOfConductAcceptance, Profile
from exchange.accounts.tokens import api_token_create
from exchange.moderation.models import Report
from exchange.notifications.models import EmailType, Notification, NotificationPreference
from exchange.notifications.services import notification_preference_get
from exchange.notifications.tokens import unsubscribe_token_make
from exchange.questions.models import Answer, Follow, Question, Revision, Vote
from exchange.themes.models import Theme
from practices.models import PracticePage
from tests.factories import ThemeFactory
from tests.practices.factories import make_practice
from tests.questions.factories import make_answer, make_question

pytestmark = [pytest.mark.django_db, pytest.mark.badinput]

FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ROLES = ["anonymous", "member", "moderator"]
# The Wagtail admin has its own tests; the sign-out page would end the signed-in role
# halfway through a test.
SKIPPED_PREFIXES = ("beheer/",)
SKIPPED_NAMES = {"account_logout"}

# Every query parameter a page or the API reads (grep request.GET in the views and params.py).
QUERY_NAMES = [
    *("thema", "gemeente", "provincie", "doelgroep", "bewijskracht", "status", "jaar", "soort"),
    *("bewijs", "onbeantwoord", "sorteer", "pagina", "q", "titel", "next", "formaat", "weergave"),
    *("p", "periode", "zoekperiode", "bron", "organisatie", "token"),
    *("theme", "municipality", "province", "kind", "target_group", "evidence_level", "year"),
    *("page", "page_size", "sort", "limit", "offset"),
]
TOO_BIG = "9" * 25
ODD_STRINGS = [
    "\x00",
    "GM0193\x00",
    TOO_BIG,
    "-" + TOO_BIG,
    "-1",
    "0",
    "1e400",
    "NaN",
    "GM0344",
    "jongeren",
    "x" * 5_000,
    "😀" * 30,
    "\u202egnp.exe",
    "²",
    "../../etc/passwd",
    "%00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "//evil.example/",
    " ",
]
ODD_VALUE = st.one_of(
    st.sampled_from(ODD_STRINGS),
    st.text(max_size=40),
    st.integers().map(str),
)


@dataclass
class Site:
    """One of everything a URL can point at, and the paths of every page."""

    member: object
    moderator: object
    question: Question
    answer: Answer
    theme: Theme
    paths: list[str] = field(default_factory=list)


def routes(resolver=None, prefix=""):
    """(route, name) of every path() pattern of the site, outside the skipped prefixes."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            yield from routes(pattern, route)
        elif isinstance(pattern, URLPattern) and isinstance(pattern.pattern, RoutePattern):
            yield route, pattern.name


def fill(route: str, name: str, values: dict) -> str:
    """The route with each <converter:parameter> replaced by an existing object's value."""

    def value(match):
        converter, parameter = match.groups()
        default = "1" if converter == "int" else "x"
        return str(values.get((name, parameter), values.get(parameter, default)))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


@pytest.fixture
def site(municipality, other_municipality, member, other_member, moderator):
    theme = ThemeFactory(name="Jongeren", slug="jongeren")
    question = make_question(author=member, allowed=[municipality])
    answer = make_answer(question=question, author=other_member)
    practice = make_practice(municipality=municipality, themes=("jongeren",))
    notification = Notification.objects.create(
        recipient=member, kind="new_answer", question=question, answer=answer
    )
    token, _raw = api_token_create(user=member, name="dashboard")
    for user in (member, moderator):
        notification_preference_get(user=user)  # made on first visit; not what a form changes
    values = {
        "pk": question.pk,
        "slug": theme.slug,
        ("question_detail", "slug"): question.slug,
        ("municipality_detail", "slug"): municipality.slug,
        ("municipality_follow", "slug"): municipality.slug,
        ("answer_edit", "pk"): answer.pk,
        ("answer_accept", "pk"): answer.pk,
        ("answer_vote", "pk"): answer.pk,
        ("notification_open", "pk"): notification.pk,
        ("api_token_revoke", "pk"): token.pk,
        ("report_create", "kind"): "question",
        ("practice_detail", "id"): practice.pk,
        ("question", "id"): question.pk,
        "token": unsubscribe_token_make(user_id=member.pk, email_type=EmailType.NEW_ANSWER),
    }
    paths = [fill(route, name, values) for route, name in routes() if name not in SKIPPED_NAMES]
    # Wagtail serves its pages through one catch-all pattern: add the ones we have.
    paths += ["/", "/praktijken/", practice.url]
    return Site(member, moderator, question, answer, theme, sorted(set(paths)))


@pytest.fixture(params=ROLES)
def visitor(request, site, client_as):
    """A client for each role: anonymous visitor, verified member, moderator."""
    if request.param == "anonymous":
        return Client()
    return client_as(getattr(site, request.param))


def state() -> list:
    """Every row a form on the site could add or change."""
    models = [
        Question,
        Question.themes.through,
        Question.allowed_municipalities.through,
        Answer,
        Vote,
        Follow,
        Revision,
        Report,
        Profile,
        Profile.expertise_themes.through,
        NotificationPreference,
        CodeOfConductAcceptance,
    ]
    rows = [list(model.objects.order_by("pk").values()) for model in models]
    users = get_user_model().objects.order_by("pk")
    rows.append(list(users.values("pk", "first_name", "last_name", "is_active")))
    rows.append(sorted(Theme.objects.values_list("pk", flat=True)))
    rows.append(list(APIToken.objects.order_by("pk").values_list("pk", "name")))
    return rows


# -- the two reported cases -----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/vragen/?gemeente=GM0193%00", "/praktijken/?thema=x%00"])
def test_a_nul_byte_in_a_filter_is_refused_in_dutch_on_the_sites_own_page(client, path):
    make_practice()  # the catalogue page exists
    response = client.get(path)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ongeldig verzoek" in page
    assert "ongeldig teken" in page
    assert "Goede praktijken" in page  # the site's header, not a bare error


def test_a_25_digit_theme_id_on_the_question_form_is_a_form_error(client_as, member):
    response = client_as(member).post(
        "/vragen/stel-een-vraag/",
        {
            "title": "Hoe betrekken jullie sleutelfiguren?",
            "themes": [TOO_BIG],
            "visibility": "public",
        },
    )
    assert response.status_code == 200
    assert "themes" in response.context["form"].errors
    assert not Question.objects.exists()


@pytest.mark.parametrize("value", [TOO_BIG, "-" + TOO_BIG])
def test_an_out_of_range_expertise_theme_on_the_profile_is_a_form_error(client_as, member, value):
    response = client_as(member).post(
        "/account/profiel/",
        {"first_name": "Anna", "last_name": "Jansen", "expertise_themes": [value]},
    )
    assert response.status_code == 200
    assert "expertise_themes" in response.context["form"].errors
    assert not member.profile.expertise_themes.exists()


def test_a_25_digit_theme_id_in_the_practice_editor_is_a_form_error(moderator):
    # The editor's own form fields; a whole page post needs every stream and inline panel.
    form = PracticePage.get_edit_handler().get_form_class()(for_user=moderator)
    for name in ("themes", "allowed_municipalities"):
        with pytest.raises(ValidationError) as refused:
            form.fields[name].clean([TOO_BIG])
        assert refused.value.code == "invalid_choice"


def test_a_list_filter_with_an_id_too_big_for_the_database_matches_nothing(member):
    theme = ThemeFactory(name="Kwartels", slug="kwartels")
    question = make_question(author=member, themes=("kwartels",))
    assert list(Theme.objects.filter(pk__in=[int(TOO_BIG), theme.pk])) == [theme]
    assert not Theme.objects.filter(pk__in=[int(TOO_BIG)]).exists()
    assert not Question.objects.filter(themes__in=[int(TOO_BIG)]).exists()
    assert list(Question.objects.filter(author__in=[-int(TOO_BIG), member.pk])) == [question]


def test_a_forged_session_cookie_counts_as_no_session(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    response = client.get("/vragen/")
    assert response.status_code == 200
    assert "Inloggen" in response.content.decode()


# -- every page, every parameter ------------------------------------------------------------


def test_every_page_refuses_a_nul_byte_with_a_400(site, visitor):
    # The JSON API answers in JSON on its own terms (tests/search/test_api.py and friends).
    for path in (path for path in site.paths if not path.startswith("/api/")):
        assert visitor.get(path, {"q": "\x00"}).status_code == 400, path
        assert visitor.post(path, {"next": "/\x00"}).status_code == 400, path
        assert visitor.get(path + "%00").status_code == 400, path


def test_every_page_survives_every_parameter_at_once(site, visitor):
    odd = [value for value in ODD_STRINGS if "\x00" not in value]
    query = dict.fromkeys(QUERY_NAMES, odd)
    form = {name: odd for fields in _form_fields(site).values() for name in fields}
    for path in site.paths:
        assert visitor.get(path, query).status_code < 500, path
        assert visitor.post(path, {**query, **form}).status_code < 500, path


@FUZZ
@given(data=st.data())
def test_no_page_answers_odd_query_parameters_with_a_server_error(site, visitor, data):
    path = data.draw(st.sampled_from(site.paths), label="path")
    query = data.draw(
        st.dictionaries(
            st.sampled_from(QUERY_NAMES),
            st.lists(ODD_VALUE, min_size=1, max_size=3),
            min_size=1,
            max_size=4,
        ),
        label="query",
    )
    assert visitor.get(path, query).status_code < 500


# -- every form -----------------------------------------------------------------------------

# Per field: values that may or may not be valid, and values that can never be.
TEXT = st.one_of(st.text(max_size=60), st.sampled_from(ODD_STRINGS))
NEVER_AN_ID = st.lists(
    st.sampled_from([TOO_BIG, "-" + TOO_BIG, "-1", "0", "abc", "1.5", str(2**63)]),
    min_size=1,
    max_size=3,
)


def _form_fields(site) -> dict:
    """path → {field: (maybe valid, never valid)} for each form of the site."""
    q, a = site.question, site.answer
    theme_ids = st.lists(st.sampled_from([str(site.theme.pk), TOO_BIG]), max_size=2)
    ids = st.one_of(theme_ids, NEVER_AN_ID)
    visibility = st.sampled_from(["public", "members", "restricted"])
    question_form = {
        "title": (TEXT, st.sampled_from(["", "x" * 201])),
        "body": (TEXT, st.just("x" * 20_001)),
        "themes": (ids, NEVER_AN_ID),
        "allowed_municipalities": (ids, NEVER_AN_ID),
        "visibility": (visibility, st.sampled_from(["", "geheim", TOO_BIG])),
    }
    answer_form = {"body": (TEXT, st.sampled_from(["", "   ", "x" * 20_001]))}
    reason = (TEXT, st.just("r" * 301))
    rhythm = (st.sampled_from(["instant", "daily", "weekly", "off"]), st.just("vaak"))
    return {
        "/vragen/stel-een-vraag/": question_form,
        f"/vragen/{q.pk}/bewerken/": {**question_form, "reason": reason},
        f"/vragen/{q.pk}/antwoorden/": answer_form,
        f"/vragen/antwoord/{a.pk}/bewerken/": {**answer_form, "reason": reason},
        f"/vragen/{q.pk}/sluiten/": {"reason": (TEXT, st.sampled_from(["", "weg"]))},
        f"/vragen/{q.pk}/dubbel/": {"original": (ODD_VALUE, NEVER_AN_ID.map(lambda v: v[0]))},
        "/account/profiel/": {
            "first_name": (TEXT, st.sampled_from(["", "x" * 151])),
            "last_name": (TEXT, st.sampled_from(["", "x" * 151])),
            "job_title": (TEXT, st.just("x" * 151)),
            "bio": (TEXT, st.just("x" * 1_001)),
            "expertise_themes": (ids, NEVER_AN_ID),
        },
        f"/melden/question/{q.pk}/": {
            "reason": (TEXT, st.sampled_from(["", "saai", TOO_BIG])),
            "text": (TEXT, st.just("x" * 1_001)),
        },
        "/account/api-tokens/": {"name": (TEXT, st.sampled_from(["", "   ", "x" * 101]))},
        "/meldingen/instellingen/": dict.fromkeys(EmailType.values, rhythm),
        "/account/gedragscode/": {
            "version": (ODD_VALUE, st.sampled_from(["", "0", "-1", "abc", TOO_BIG])),
            "agree": (st.sampled_from(["on", "1", ""]), st.sampled_from(["", "false"])),
        },
        # No generated password is the member's own: every post here is refused.
        "/account/verwijderen/": {"password": (TEXT, TEXT)},
    }


@FUZZ
@given(data=st.data())
def test_a_form_post_never_fails_and_an_invalid_one_changes_nothing(site, visitor, data):
    forms = _form_fields(site)
    path = data.draw(st.sampled_from(sorted(forms)), label="path")
    fields = forms[path]
    broken = data.draw(st.sets(st.sampled_from(sorted(fields)), max_size=2), label="broken")
    post = {}
    for name, (maybe, never) in fields.items():
        if name in broken:
            post[name] = data.draw(never, label=name)
        elif data.draw(st.booleans(), label=f"send {name}"):
            post[name] = data.draw(maybe, label=name)
    before = state()
    response = visitor.post(path, post)
    assert response.status_code < 500
    if broken:
        assert state() == before
