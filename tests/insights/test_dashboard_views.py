"""The network dashboard page and its CSV downloads: who may see them, what they contain."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from exchange.insights.exports import table_csv
from exchange.insights.selectors import network_overview
from exchange.insights.tables import export_table
from exchange.questions.models import Answer, Question
from search.models import SearchQueryLog
from tests.factories import MunicipalityFactory, ThemeFactory
from tests.insights.builders import at, log_search
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

DASHBOARD = "/beheer/netwerk/"
CSV_TABLES = [
    "activiteit",
    "themas",
    "beantwoording",
    "provincies",
    "zoekvragen",
    "zonder-resultaat",
]


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_url_and_menu_item():
    from wagtail import hooks

    assert reverse("network_dashboard") == DASHBOARD
    assert reverse("network_csv", args=["provincies"]) == "/beheer/netwerk/csv/provincies/"
    urls = [hook().url for hook in hooks.get_hooks("register_admin_menu_item")]
    assert DASHBOARD in urls


def test_moderator_sees_every_chart_with_a_text_alternative_and_a_table(
    client_as, moderator, network
):
    response = client_as(moderator).get(DASHBOARD, {"periode": "6"})

    assert response.status_code == 200
    content = response.content.decode()
    svgs = content.count('role="img"')
    assert svgs >= 8  # activity, three themes + overig, answered share, median, provinces, tiles…
    assert content.count("<title id=") == svgs
    assert content.count("<desc id=") == svgs
    assert "Hoe het netwerk ervoor staat" in content
    for slug in CSV_TABLES:
        assert f"/beheer/netwerk/csv/{slug}/?periode=6&amp;zoekperiode=30" in content
    assert content.count("<caption>") == len(CSV_TABLES)
    # The trend in words: three practices and five questions in the six months.
    assert "3 nieuwe praktijken en 5 nieuwe vragen" in content


def test_period_filter_comes_from_the_query_string(client_as, moderator, network):
    client = client_as(moderator)

    six = client.get(DASHBOARD, {"periode": "6", "zoekperiode": "90"}).content.decode()
    assert 'href="?periode=6&amp;zoekperiode=90" aria-current="page"' in six
    assert "„oud” (1)" in six  # 90 days of searches
    # Anything but the offered choices falls back to twelve months and thirty days.
    odd = client.get(DASHBOARD, {"periode": "1000", "zoekperiode": "x"}).content.decode()
    assert 'href="?periode=12&amp;zoekperiode=30" aria-current="page"' in odd


@pytest.mark.parametrize("url", [DASHBOARD, *[f"{DASHBOARD}csv/{t}/" for t in CSV_TABLES]])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("url", [DASHBOARD, *[f"{DASHBOARD}csv/{t}/" for t in CSV_TABLES]])
def test_members_without_the_moderator_role_get_nothing(client_as, member, network, url):
    # Admin access alone (a practice author's) is not enough: Wagtail turns the refusal into a
    # redirect to the admin home.
    editors, _created = Group.objects.get_or_create(name="Redactie")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    member.groups.add(editors)
    response = client_as(member).get(url)
    assert response.status_code in (302, 403)
    assert response.get("Content-Type", "").startswith("text/html")
    assert "jongeren" not in response.content.decode()


def test_menu_item_is_hidden_from_non_moderators(member, moderator):
    from django.test import RequestFactory
    from wagtail import hooks

    item = next(
        hook() for hook in hooks.get_hooks("register_admin_menu_item") if hook().url == DASHBOARD
    )
    request = RequestFactory().get("/beheer/")
    request.user = member
    assert not item.is_shown(request)
    request.user = moderator
    assert item.is_shown(request)


def test_csv_has_dutch_headers_and_download_headers(client_as, moderator, network):
    response = client_as(moderator).get(f"{DASHBOARD}csv/provincies/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="netwerk-provincies-')
    assert response["Content-Disposition"].endswith('.csv"')
    rows = read_csv(response)
    assert rows[0] == ["Provincie", "Actieve gemeenten", "Gemeenten", "Aandeel actief (%)"]
    assert ["Utrecht", "1", "2", "50,0"] in rows
    assert ["Overijssel", "1", "1", "100,0"] in rows
    assert ["Zeeland", "0", "0", ""] in rows
    assert len(rows) == 13


def test_csv_answering_table_has_months_and_medians(client_as, moderator, network, period):
    rows = read_csv(client_as(moderator).get(f"{DASHBOARD}csv/beantwoording/", {"periode": "6"}))
    assert rows[0][0] == "Maand"
    by_month = {row[0]: row[1:] for row in rows[1:]}
    assert len(by_month) == 6
    assert by_month[period.months[2].strftime("%Y-%m")] == ["3", "2", "66,7", "13,0"]
    assert by_month[period.months[3].strftime("%Y-%m")] == ["1", "0", "0,0", ""]


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(
    client_as, moderator, network
):
    for query in ["+31 6 1234", "-1", "@SUM(A1)", "\tjongeren"]:
        log_search(query, 0, 1)

    rows = read_csv(client_as(moderator).get(f"{DASHBOARD}csv/zonder-resultaat/"))

    assert rows[0] == ["Zoekvraag", "Aantal keer gezocht"]
    queries = [row[0] for row in rows[1:]]
    assert "'=hyperlink(1)" in queries
    assert "'+31 6 1234" in queries
    assert "'-1" in queries
    assert "'@sum(a1)" in queries
    assert "azc" in queries  # ordinary text stays as it is
    assert not any(q.startswith(("=", "+", "-", "@", "\t")) for q in queries)


def test_unknown_csv_table_is_not_found(client_as, moderator):
    assert client_as(moderator).get(f"{DASHBOARD}csv/geheim/").status_code == 404


def test_csv_in_english_uses_commas_and_points(network):
    with translation.override("en"):
        text = table_csv(export_table(slug="provincies", months=12, days=30))
    assert "Utrecht,1,2,50.0" in text


# -- a fixed number of queries, whatever the amount of content ----------------------------------


def grow(network, *, practices: int, questions: int, searches: int):
    """More content everywhere the dashboard looks: themes, months, municipalities, answers."""
    themes = [ThemeFactory(name=f"Extra {n}", slug=f"extra-{n}") for n in range(8)]
    places = [
        MunicipalityFactory(code=f"GM8{n:03d}", name=f"Plaats {n}", province=province)
        for n, province in enumerate(["Zeeland", "Limburg", "Drenthe", "Groningen"])
    ]
    for n in range(practices):
        make_practice(
            themes=(themes[n % 8].slug,),
            municipality=places[n % 4],
            published_at=at(n % 6, 3).date(),
        )
    for n in range(questions):
        question = Question.objects.create(
            title=f"Vraag {n}", created_at=at(n % 6, 4), municipality=places[n % 4]
        )
        question.themes.set(themes[n % 8 : n % 8 + 2])
        Answer.objects.create(
            question=question, body_markdown="Ja", created_at=at(n % 6, 6), municipality=places[0]
        )
    SearchQueryLog.objects.bulk_create(
        [SearchQueryLog(query=f"zoekterm {n % 15}", result_count=n % 3) for n in range(searches)]
    )


def test_selectors_run_nine_queries_whatever_the_amount_of_content(
    network, period, django_assert_num_queries
):
    with django_assert_num_queries(9):
        network_overview(period=period, search_days=30)
    grow(network, practices=6, questions=30, searches=40)
    with django_assert_num_queries(9):
        network_overview(period=period, search_days=30)


def test_page_and_csv_run_a_fixed_number_of_queries(
    client_as, moderator, network, django_assert_num_queries
):
    client = client_as(moderator)
    urls = [DASHBOARD, f"{DASHBOARD}csv/themas/"]
    client.get(DASHBOARD)  # warm up once: first-request caches (site root, locale)
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts[url] = len(captured)

    grow(network, practices=6, questions=30, searches=40)

    for url in urls:
        with django_assert_num_queries(counts[url]):
            assert client.get(url).status_code == 200
