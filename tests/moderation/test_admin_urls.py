"""The moderators' screens live in Wagtail ViewSets with namespaced URL names; every address a
moderator may have bookmarked still opens the same screen."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .builders import ask, due_practice, report

pytestmark = pytest.mark.django_db

# Path (with the query strings the screens' own tabs and filters make) → the screen's <title>.
BOOKMARKS = {
    "/beheer/moderatie/": "Moderatie",
    "/beheer/moderatie/logboek/": "Logboek moderatie",
    "/beheer/moderatie/logboek/?actie=kennisnetwerk.post.hide&door=systeem": "Logboek moderatie",
    "/beheer/moderatie/lijst/onbeantwoord/": "Moderatie",
    "/beheer/moderatie/lijst/zoekopdrachten/": "Moderatie",
    "/beheer/meldingen/": "Meldingen",
    "/beheer/meldingen/?weergave=verborgen": "Meldingen",
    "/beheer/leden/": "Aanmeldingen",
    "/beheer/leden/?status=unconfirmed": "Aanmeldingen",
    "/beheer/leden/?status=verified": "Aanmeldingen",
    "/beheer/praktijken/te-beoordelen/": "Te beoordelen praktijken",
    "/beheer/themas/samenvoegen/": "Thema's samenvoegen",
    "/beheer/netwerk/": "Netwerk",
}


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.QUESTION_RATE_LIMITS = {"question": (1000, 3600), "answer": (1000, 3600)}


def title(response) -> str:
    found = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return " ".join(found.group(1).split()) if found else ""


@pytest.mark.parametrize("path", BOOKMARKS)
def test_every_bookmarked_moderation_path_still_answers(client_as, moderator, path):
    response = client_as(moderator).get(path)
    assert response.status_code == 200, path
    assert title(response).startswith(BOOKMARKS[path]), (path, title(response))


def test_the_redact_form_keeps_its_address(client_as, moderator, member, other_member):
    reported = report(ask(member, title="Een gemelde vraag"), other_member)
    path = f"/beheer/meldingen/question/{reported.pk}/bewerken/"
    assert reverse("kn_reports:redact", kwargs={"kind": "question", "pk": reported.pk}) == path
    response = client_as(moderator).get(path)
    assert response.status_code == 200
    assert title(response).startswith("Tekst aanpassen")


@pytest.mark.parametrize(
    "name, path",
    [
        ("kn_moderation:dashboard", "/beheer/moderatie/"),
        ("kn_moderation:audit_log", "/beheer/moderatie/logboek/"),
        ("kn_moderation:practice_review", "/beheer/moderatie/praktijken/beoordeeld/"),
        ("kn_reports:index", "/beheer/meldingen/"),
        ("kn_reports:bulk_dismiss", "/beheer/meldingen/afwijzen/"),
        ("kn_members:index", "/beheer/leden/"),
        ("kn_members:bulk_decide", "/beheer/leden/bulk/"),
        ("kn_practice_review:index", "/beheer/praktijken/te-beoordelen/"),
    ],
)
def test_namespaced_names_point_at_the_old_paths(name, path):
    assert reverse(name) == path


def test_review_list_runs_a_fixed_number_of_queries(
    client_as, moderator, municipality, django_assert_num_queries
):
    due_practice(title="Oud 0", municipality=municipality)
    client = client_as(moderator)
    client.get("/beheer/praktijken/te-beoordelen/")  # warm the caches
    with CaptureQueriesContext(connection) as small:
        client.get("/beheer/praktijken/te-beoordelen/")
    for n in range(1, 8):
        due_practice(title=f"Oud {n}", municipality=municipality)
    with django_assert_num_queries(len(small.captured_queries)):
        content = client.get("/beheer/praktijken/te-beoordelen/").content.decode()
    assert "Oud 7" in content


def test_the_review_lists_csv_does_not_run_a_title_as_a_formula(client_as, moderator, municipality):
    due_practice(title='=HYPERLINK("https://voorbeeld.nl")', municipality=municipality)
    response = client_as(moderator).get("/beheer/praktijken/te-beoordelen/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body
