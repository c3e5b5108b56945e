"""The practices API: what each kind of caller sees, bad input, the schema and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.practices.factories import make_document, make_practice

pytestmark = pytest.mark.django_db

LIST = "/api/v1/practices"
VISITORS = ["anonymous", "same", "other", "pending", "moderator"]
# What each visitor may see of (public, members, restricted-to-own-municipality) practices.
EXPECTED = {
    "anonymous": {"public"},
    "same": {"public", "members", "restricted"},
    "other": {"public", "members"},
    "pending": {"public"},
    "moderator": {"public", "members", "restricted"},
}


def detail(practice) -> str:
    return f"{LIST}/{practice.pk}"


@pytest.fixture
def practices(municipality):
    return {
        "public": make_practice(title="Openbare aanpak zebravink", municipality=municipality),
        "members": make_practice(
            title="Ledenaanpak kolibrie", municipality=municipality, visibility="members"
        ),
        "restricted": make_practice(
            title="Beperkte aanpak okapi", municipality=municipality, visibility="restricted"
        ),
    }


@pytest.fixture
def visitor(request, client, client_as, member, other_member, pending_member, moderator):
    users = {
        "anonymous": None,
        "same": member,
        "other": other_member,
        "pending": pending_member,
        "moderator": moderator,
    }
    user = users[request.param]
    return request.param, (client_as(user) if user else client)


# -- visibility ---------------------------------------------------------------------------------


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_list_counts_and_shows_only_what_the_caller_may_see(visitor, practices):
    kind, client = visitor
    response = client.get(LIST)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "items"}
    assert data["count"] == len(EXPECTED[kind])
    titles = {item["title"] for item in data["items"]}
    assert titles == {practices[level].title for level in EXPECTED[kind]}


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_detail_is_404_for_what_the_caller_may_not_see(visitor, practices):
    kind, client = visitor
    for level, practice in practices.items():
        response = client.get(detail(practice))
        if level in EXPECTED[kind]:
            assert response.status_code == 200, (kind, level)
            assert response.json()["title"] == practice.title
        else:
            # Also members-only for anonymous callers: the API has no login page to send to.
            assert response.status_code == 404, (kind, level)
            assert response.json() == {"detail": "Niet gevonden."}


def test_member_of_a_chosen_municipality_sees_restricted_practice(
    client_as, municipality, other_municipality, other_member
):
    practice = make_practice(
        municipality=municipality, visibility="restricted", allowed=[other_municipality]
    )
    client = client_as(other_member)
    assert client.get(LIST).json()["count"] == 1
    assert client.get(detail(practice)).status_code == 200


def test_unpublished_practice_is_not_in_the_api(client, municipality):
    practice = make_practice(municipality=municipality, live=False)
    assert client.get(LIST).json()["count"] == 0
    assert client.get(detail(practice)).status_code == 404


# -- content ------------------------------------------------------------------------------------


def test_list_item_fields(client, municipality):
    practice = make_practice(
        title="Ouders & scholen <samen>",
        municipality=municipality,
        themes=("jongeren", "onderwijs"),
        target_groups=("ouders", "docenten"),
        evidence_level="beschreven",
        status="finished",
    )
    item = client.get(LIST).json()["items"][0]
    assert item == {
        "id": practice.pk,
        "title": "Ouders & scholen <samen>",  # plain text, not HTML-escaped
        "url": practice.url,
        "summary": practice.summary,
        "municipality": {"code": "GM0344", "name": "Utrecht", "province": "Utrecht"},
        "themes": [
            {"slug": "jongeren", "name": "Jongeren"},
            {"slug": "onderwijs", "name": "Onderwijs"},
        ],
        "target_groups": ["docenten", "ouders"],
        "evidence_level": "beschreven",
        "status": "finished",
        "visibility": "public",
        "published_at": item["published_at"],
        "updated_at": item["updated_at"],
    }
    assert item["url"].startswith("/praktijken/")
    practice.refresh_from_db()
    published = datetime.datetime.fromisoformat(item["published_at"])
    # ISO 8601 with milliseconds (Django's JSON encoder, as JavaScript writes dates).
    assert abs(published - practice.first_published_at) < datetime.timedelta(milliseconds=1)


def test_detail_gives_text_as_html_and_partners(client, municipality):
    practice = make_practice(
        municipality=municipality,
        description="<p>Een aanpak met <b>nadruk</b> op vertrouwen.</p>",
        partners=2,
    )
    data = client.get(detail(practice)).json()
    assert "<b>nadruk</b>" in data["description"]
    assert data["partners"] == [
        {
            "organisation_type": "school",
            "organisation_type_label": "Onderwijs (overig)",
            "name": f"School {i}",
            "role": "gastles",
        }
        for i in range(2)
    ]
    for field in ("context_problem", "goal", "approach", "results", "transferability"):
        assert isinstance(data[field], str)


def test_detail_lists_only_attachments_the_caller_may_see(client, client_as, municipality):
    public_document = make_document(title="Openbaar verslag", name="verslag.pdf")
    members_document = make_document(title="Intern verslag", name="intern.pdf")
    practice = make_practice(
        municipality=municipality,
        attachments=[(public_document, ""), (members_document, "members")],
    )
    anonymous = client.get(detail(practice)).json()["attachments"]
    assert anonymous == [{"title": "Openbaar verslag", "url": public_document.url}]

    from tests.factories import MemberFactory

    colleague = MemberFactory(profile__municipality=municipality)
    titles = [a["title"] for a in client_as(colleague).get(detail(practice)).json()["attachments"]]
    assert titles == ["Openbaar verslag", "Intern verslag"]


def test_contact_person_name_only_for_verified_members(client, client_as, member, municipality):
    member.first_name, member.last_name = "Fatima", "de Vries"
    member.save()
    practice = make_practice(municipality=municipality, contact_person=member)
    assert client.get(detail(practice)).json()["contact_person"] is None

    from tests.factories import MemberFactory

    colleague = MemberFactory(profile__municipality=municipality)
    data = client_as(colleague).get(detail(practice)).json()
    assert data["contact_person"] == {"name": "Fatima de Vries"}
    assert member.email not in str(data)


def test_related_ids_are_only_visible_practices(client, municipality):
    practice = make_practice(municipality=municipality, themes=("jongeren",))
    public_related = make_practice(municipality=municipality, themes=("jongeren",))
    make_practice(municipality=municipality, themes=("jongeren",), visibility="members")
    assert client.get(detail(practice)).json()["related_ids"] == [public_related.pk]


# -- filters, sorting and paging ----------------------------------------------------------------


@pytest.fixture
def catalogue(municipality, other_municipality):
    return {
        "utrecht": make_practice(
            title="Bbb Utrecht",
            municipality=municipality,
            themes=("jongeren",),
            target_groups=("ouders",),
            evidence_level="effectief",
            status="running",
            published_at=datetime.date(2023, 5, 1),
        ),
        "zwolle": make_practice(
            title="Aaa Zwolle",
            municipality=other_municipality,
            themes=("onderwijs",),
            target_groups=("docenten",),
            evidence_level="idee",
            status="finished",
            published_at=datetime.date(2024, 5, 1),
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"utrecht", "zwolle"}),
        ("?theme=jongeren", {"utrecht"}),
        ("?theme=jongeren&theme=onderwijs", {"utrecht", "zwolle"}),
        ("?municipality=GM0193", {"zwolle"}),
        ("?municipality=gm0344", {"utrecht"}),
        ("?province=Overijssel", {"zwolle"}),
        ("?target_group=ouders", {"utrecht"}),
        ("?evidence_level=idee", {"zwolle"}),
        ("?status=running", {"utrecht"}),
        ("?year=2023", {"utrecht"}),
        ("?year=2023&year=2024", {"utrecht", "zwolle"}),
        ("?theme=jongeren&municipality=GM0193", set()),
        # Unknown values are not errors: they simply match nothing.
        ("?theme=bestaat-niet", set()),
        ("?municipality=GM9999", set()),
        ("?evidence_level=wonderbaarlijk", set()),
        ("?status=onbekend", set()),
        ("?year=1901", set()),
    ],
)
def test_filters(client, catalogue, query, expected):
    data = client.get(LIST + query).json()
    assert {item["title"] for item in data["items"]} == {catalogue[k].title for k in expected}
    assert data["count"] == len(expected)


def test_sort_and_paging(client, catalogue):
    newest = client.get(LIST).json()["items"]
    assert [i["title"] for i in newest] == ["Aaa Zwolle", "Bbb Utrecht"]
    by_title = client.get(LIST + "?sort=titel").json()["items"]
    assert [i["title"] for i in by_title] == ["Aaa Zwolle", "Bbb Utrecht"]
    page = client.get(LIST + "?sort=nieuw&limit=1&offset=1").json()
    assert page["count"] == 2
    assert [i["title"] for i in page["items"]] == ["Bbb Utrecht"]
    beyond = client.get(LIST + "?offset=50").json()
    assert beyond == {"count": 2, "items": []}


# -- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=1000", "limit"),
        ("limit=101", "limit"),
        ("limit=0", "limit"),
        ("limit=-1", "limit"),
        ("limit=abc", "limit"),
        ("offset=-5", "offset"),
        ("offset=99999999999999999999999", "offset"),
        ("year=abc", "year"),
        ("year=1800", "year"),
        ("year=99999999999", "year"),
        # An unknown sort is refused rather than ignored: the caller made a mistake.
        ("sort=xyz", "sort"),
        ("theme=%00", "theme"),
        ("theme=" + "x" * 101, "theme"),
    ],
)
def test_bad_parameters_get_400_with_a_clear_message(client, query, parameter):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    data = response.json()
    assert data["detail"].startswith("Ongeldige invoer:")
    assert f"'{parameter}'" in data["detail"]
    assert data["errors"]
    assert data["errors"][0]["loc"][-1] in (parameter, 0)


def test_limit_above_maximum_names_the_maximum(client):
    detail_text = client.get(f"{LIST}?limit=1000").json()["detail"]
    assert detail_text == "Ongeldige invoer: 'limit' mag hoogstens 100 zijn."


@pytest.mark.parametrize("practice_id", ["0", "99999999999999999999", "123456"])
def test_unknown_practice_is_404(client, practice_id):
    response = client.get(f"{LIST}/{practice_id}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden."}


# -- schema and performance ---------------------------------------------------------------------


def test_openapi_schema_lists_the_practices_endpoints(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Kennisnetwerk Sociale Stabiliteit API"
    assert "/api/v1/practices" in schema["paths"]
    assert "/api/v1/practices/{id}" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/practices"]["get"]["parameters"]}
    assert {"limit", "offset", "theme", "municipality", "year", "sort"} <= parameters


def test_list_runs_a_fixed_number_of_queries(
    client_as, member, municipality, django_assert_max_num_queries
):
    client = client_as(member)

    def add(n):
        for _ in range(n):
            make_practice(
                municipality=municipality,
                visibility="members",
                themes=("jongeren", "onderwijs"),
                target_groups=("ouders", "docenten"),
            )

    add(5)
    client.get(LIST)  # the session's first request records it (allauth.usersessions)
    with CaptureQueriesContext(connection) as five:
        assert client.get(f"{LIST}?limit=100").json()["count"] == 5
    add(25)
    with django_assert_max_num_queries(len(five)):
        assert len(client.get(f"{LIST}?limit=100").json()["items"]) == 30
