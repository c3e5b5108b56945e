"""Backup and restore round trip on PostgreSQL: the restored site shows what the old one did.

Needs DATABASE_URL to name PostgreSQL and a role that may create databases (CI's does): the
`postgres` marker deselects these tests on SQLite.
"""

import uuid
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from psycopg import sql
from wagtail.models import Collection

from exchange.core.backup import QUERIES_FILE, read_queries, site_counts
from tests.factories import MemberFactory, MunicipalityFactory, ThemeFactory
from tests.practices.factories import make_document, make_practice
from tests.questions.factories import make_answer, make_question

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ATTACHMENT = b"%PDF-1.4 evaluatie buurtbemiddeling " + bytes(range(256)) * 40


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.fail("DATABASE_URL must name PostgreSQL (deselect with -m 'not postgres')")


def _server(dbname: str) -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname=dbname,
        autocommit=True,
    )


@pytest.fixture
def empty_database():
    """A new, empty database on the same server (the test role has CREATEDB), dropped after."""
    name = f"kn_restore_{uuid.uuid4().hex[:10]}"
    with _server("postgres") as server:
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield name
    with _server("postgres") as server:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        server.execute(drop.format(sql.Identifier(name)))


@contextmanager
def site_on(database: str, settings, *, media: Path):
    """Point the site (its default connection and MEDIA_ROOT) at another database."""
    default = connections["default"]
    old_name, old_media = default.settings_dict["NAME"], settings.MEDIA_ROOT
    default.close()
    default.settings_dict["NAME"] = database
    settings.MEDIA_ROOT = media
    try:
        yield
    finally:
        default.close()
        default.settings_dict["NAME"] = old_name
        settings.MEDIA_ROOT = old_media


@pytest.fixture
def corpus():
    """A few public practices (one with an attachment), questions with answers, members."""
    # Transactional tests empty what the migrations filled, such as the root collection.
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    theme = ThemeFactory(slug="jongeren", name="Jongeren")
    municipality = MunicipalityFactory(code="GM0344", name="Utrecht", domains=["utrecht.nl"])
    members = [MemberFactory(profile__municipality=municipality) for _ in range(3)]
    document = make_document(title="Evaluatie buurtbemiddeling", content=ATTACHMENT)
    practices = [
        make_practice(
            title="Buurtbemiddeling bij spanningen in de wijk",
            summary="Bemiddelaars helpen buren bij spanningen en polarisatie in de wijk.",
            municipality=municipality,
            attachments=[(document, "")],
        ),
        make_practice(
            title="Weerbaarheid van jongeren tegen extremisme",
            summary="Trainingen op school over sociale media, radicalisering en weerbaarheid.",
            municipality=municipality,
        ),
        make_practice(
            title="Ouders in gesprek over polarisatie",
            summary="Avonden voor ouders over polarisatie thuis en op school.",
            municipality=municipality,
        ),
    ]
    for title in (
        "Hoe gaan jullie om met polarisatie op school?",
        "Wie heeft ervaring met buurtbemiddeling?",
    ):
        question = make_question(author=members[0], title=title, themes=(theme.slug,))
        make_answer(question=question, author=members[1], body="Bij ons werkte een vast overleg.")
        make_answer(question=question, author=members[2], body="Wij werken met sleutelfiguren.")
    return {"document": document, "practices": practices}


def search_top(client) -> dict[str, list]:
    """The top five an anonymous visitor sees for each query of the shipped queries file."""
    results = {}
    for query in read_queries(QUERIES_FILE):
        answer = client.get("/api/v1/search?" + urlencode({"q": query, "page_size": 5})).json()
        results[query] = [(hit["kind"], hit["id"], hit["title"]) for hit in answer["results"]]
    return results


def download(client, document) -> bytes:
    response = client.get(document.url)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def media_listing(settings) -> list[tuple[str, bytes]]:
    media = Path(settings.MEDIA_ROOT)
    files = (path for path in media.rglob("*") if path.is_file())
    return sorted((str(path.relative_to(media)), path.read_bytes()) for path in files)


@pytest.mark.engine
def test_a_restored_site_shows_the_same_counts_search_results_and_attachment(
    corpus, search_url, settings, client, empty_database, tmp_path
):
    from search.engines import get_engine

    settings.SEARCH_INDEX_PREFIX = f"kn-backup-{uuid.uuid4().hex[:8]}"
    call_command("rebuild_search_index", verbosity=0)
    counts, found = site_counts(), search_top(client)
    assert sum(bool(top) for top in found.values()) >= 5, found  # the comparison means something
    call_command("backup_site", output=tmp_path / "backups", stdout=StringIO())
    [backup_dir] = (tmp_path / "backups").iterdir()
    old_alias = settings.SEARCH_INDEX_PREFIX
    try:
        settings.SEARCH_INDEX_PREFIX = f"kn-restored-{uuid.uuid4().hex[:8]}"
        with site_on(empty_database, settings, media=tmp_path / "restored-media"):
            call_command("restore_site", backup_dir, stdout=StringIO())
            assert site_counts() == counts
            assert get_engine().alias_targets(), "the restored site has an index of its own"
            assert search_top(client) == found
            assert download(client, corpus["document"]) == ATTACHMENT
            assert client.get(corpus["practices"][0].url).status_code == 200
    finally:
        for prefix in (old_alias, settings.SEARCH_INDEX_PREFIX):
            settings.SEARCH_INDEX_PREFIX = prefix
            engine = get_engine()
            for index in engine.alias_targets():
                engine.delete_index(index)


def test_a_restore_into_a_database_that_is_not_empty_refuses_and_changes_nothing(
    corpus, settings, tmp_path
):
    call_command("backup_site", output=tmp_path / "backups", stdout=StringIO())
    [backup_dir] = (tmp_path / "backups").iterdir()
    make_practice(title="Na de back-up gedeeld", municipality=corpus["practices"][0].municipality)
    counts = site_counts()
    media_before = media_listing(settings)
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore_site", backup_dir)
    assert site_counts() == counts
    assert media_listing(settings) == media_before


def test_a_restore_over_existing_media_refuses_and_leaves_the_database_empty(
    corpus, settings, empty_database, tmp_path
):
    call_command("backup_site", output=tmp_path / "backups", stdout=StringIO())
    [backup_dir] = (tmp_path / "backups").iterdir()
    media = tmp_path / "other-media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "rapport.pdf").write_bytes(b"someone else's file")
    with site_on(empty_database, settings, media=media):
        with pytest.raises(CommandError, match="MEDIA_ROOT"):
            call_command("restore_site", backup_dir)
        assert connection.introspection.table_names() == []
    assert (media / "documents" / "rapport.pdf").read_bytes() == b"someone else's file"
