"""import_content at scale: new practices are written in bulk yet behave as any published page."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from exchange.municipalities.models import Municipality
from exchange.notifications.models import Notification
from practices.importing import ContentImportError, content_import
from practices.importing import bulk as bulk_module
from practices.models import PracticeIndexPage, PracticePage
from search.models import SearchEntry
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def municipalities(db):
    call_command("load_municipalities", verbosity=0)


def practice(n: int, **fields) -> dict:
    item = {
        "id": f"bulk-{n:04d}",
        "kind": "practice",
        "title": f"Weerbaarheidstraining {n}",
        "summary": "Jongeren leren omgaan met online haat.",
        "body": f"Eerste alinea {n}.\n\nTweede alinea.",
        "municipality": "GM0193",
        "themes": ["jongeren"],
        "target_groups": ["jongeren 14-18", f"groep {n % 3}"],
        "evidence_level": "beschreven",
        "visibility": "public",
        "published_at": "2024-02-14",
    }
    item.update(fields)
    return item


def lines(items: list[dict]) -> list[str]:
    return [json.dumps(item, ensure_ascii=False) for item in items]


def imported(items, capture):
    with capture(execute=True):  # the search sync runs once the import has committed
        return content_import(lines=lines(items), progress=False)


def test_bulk_imported_pages_form_a_valid_tree_with_live_revisions(
    django_capture_on_commit_callbacks,
):
    index = PracticeIndexPage.objects.get()
    summary = imported([practice(n) for n in range(30)], django_capture_on_commit_callbacks)

    assert summary.created == 30
    problems = Page.find_problems()
    assert all(not found for found in problems), problems
    index.refresh_from_db()
    assert index.numchild == 30
    pages = PracticePage.objects.filter(external_id__startswith="bulk-").order_by("path")
    assert [p.url_path for p in pages[:1]] == ["/home/praktijken/weerbaarheidstraining-0/"]
    for page in pages:
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision_id == page.latest_revision_id is not None
        assert page.get_latest_revision().as_object().title == page.title
        assert sorted(g.name for g in page.target_groups.all())[0].startswith("groep")
    first = pages.first()
    actions = set(PageLogEntry.objects.filter(page=first).values_list("action", flat=True))
    assert actions == {"wagtail.create", "wagtail.publish"}
    # Themes and target groups see the page as using them (Wagtail's "usage" counts).
    paths = set(
        ReferenceIndex.objects.filter(object_id=str(first.pk)).values_list("model_path", flat=True)
    )
    assert paths == {"municipality", "tagged_target_groups.item.tag"}
    # The admin's page search finds it (Wagtail's own index).
    assert IndexEntry.objects.filter(object_id=str(first.pk)).exists()


def test_bulk_imported_pages_are_in_the_catalogue_with_their_visibility(
    client, django_capture_on_commit_callbacks
):
    imported(
        [
            practice(1, title="Openbare praktijk"),
            practice(
                2,
                title="Besloten praktijk",
                visibility="restricted",
                allowed_municipalities=["GM0758"],
            ),
        ],
        django_capture_on_commit_callbacks,
    )
    catalogue = client.get("/praktijken/").content.decode()
    assert "Openbare praktijk" in catalogue
    assert "Besloten praktijk" not in catalogue
    page = PracticePage.objects.get(title="Besloten praktijk")
    assert client.get(page.url).status_code in (302, 403, 404)
    allowed = MemberFactory(profile__municipality=Municipality.objects.get(code="GM0758"))
    client.force_login(allowed)
    assert "Besloten praktijk" in client.get("/praktijken/").content.decode()
    assert client.get(page.url).status_code == 200
    # As before: an imported practice has no author to tell that it was published.
    assert not Notification.objects.exists()


def test_bulk_imported_pages_are_found_by_search_on_the_database_engine(
    client, django_capture_on_commit_callbacks
):
    imported(
        [practice(1, title="Sleutelfiguren in de moskee"), practice(2)],
        django_capture_on_commit_callbacks,
    )
    assert SearchEntry.objects.filter(kind="practice").count() == 2
    response = client.get("/api/v1/search", {"q": "sleutelfiguren moskee"})
    assert response.status_code == 200
    assert "Sleutelfiguren in de moskee" in response.content.decode()


def test_a_bulk_imported_page_can_be_edited_and_republished_in_the_admin(
    client_as, moderator, django_capture_on_commit_callbacks
):
    imported([practice(1)], django_capture_on_commit_callbacks)
    page = PracticePage.objects.get(external_id="bulk-0001")
    client = client_as(moderator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).status_code == 200

    page.title = "Weerbaarheidstraining, tweede versie"
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert page.live_revision_id == revision.pk
    assert page.title == "Weerbaarheidstraining, tweede versie"
    assert Revision.objects.filter(object_id=str(page.pk)).count() == 2
    assert all(not found for found in Page.find_problems())


def test_importing_the_same_file_again_changes_nothing(django_capture_on_commit_callbacks):
    items = [practice(n) for n in range(20)]
    imported(items, django_capture_on_commit_callbacks)
    again = imported(items, django_capture_on_commit_callbacks)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 20)
    changed = imported(
        [*items[:19], practice(19, title="Nieuwe titel"), practice(20)],
        django_capture_on_commit_callbacks,
    )
    assert (changed.created, changed.updated, changed.unchanged) == (1, 1, 19)
    assert all(not found for found in Page.find_problems())
    assert PracticeIndexPage.objects.get().numchild == 21


def test_a_bad_row_after_500_good_ones_imports_nothing(django_capture_on_commit_callbacks):
    items = [practice(n) for n in range(500)]
    items.append(practice(500, municipality="GM9999"))
    with (
        pytest.raises(ContentImportError) as caught,
        django_capture_on_commit_callbacks(execute=True),
    ):
        content_import(lines=lines(items), progress=False)
    assert any("regel 501" in error for error in caught.value.errors)
    assert PracticePage.objects.count() == 0
    assert SearchEntry.objects.count() == 0


def test_a_failure_while_writing_the_last_batch_leaves_nothing(
    monkeypatch, django_capture_on_commit_callbacks
):
    # A database failure half-way (after a full batch was written) rolls every batch back.
    monkeypatch.setattr(bulk_module, "BATCH", 100)
    original, calls = bulk_module.BulkPracticeCreator._insert_references, []

    def fail_on_third(self, pages):
        calls.append(len(pages))
        if len(calls) == 3:
            raise RuntimeError("database gone")
        return original(self, pages)

    monkeypatch.setattr(bulk_module.BulkPracticeCreator, "_insert_references", fail_on_third)
    index = PracticeIndexPage.objects.get()
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        content_import(lines=lines([practice(n) for n in range(250)]), progress=False)
    assert PracticePage.objects.count() == 0
    assert not Revision.objects.filter(object_str__startswith="Weerbaarheid").exists()
    assert SearchEntry.objects.count() == 0
    index.refresh_from_db()
    assert index.numchild == 0


# About 36 queries for 50 practices and 48 for 200 on SQLite (its 999-parameter limit splits
# the INSERTs into more batches); one query per practice would blow the budget at 200.
QUERY_BUDGET = 70


@pytest.mark.parametrize("count", [50, 200])
def test_the_number_of_queries_does_not_grow_with_the_number_of_practices(
    count, django_assert_max_num_queries
):
    items = lines([practice(n) for n in range(count)])
    content_import(lines=items[:1], progress=False)  # lookups and the catalogue exist
    with django_assert_max_num_queries(QUERY_BUDGET):
        content_import(lines=items[1:], progress=False)


@pytest.mark.engine
def test_an_import_reaches_the_opensearch_index_in_bulk_and_waits_out_an_outage(
    search_url, settings, client, django_capture_on_commit_callbacks
):
    import uuid

    from search.client import _client_for
    from search.engines import get_engine
    from search.index import ensure_index
    from search.models import PendingIndexOperation
    from search.sync import drain

    settings.SEARCH_INDEX_PREFIX = f"kn-test-import-{uuid.uuid4().hex[:6]}"
    engine = get_engine()
    ensure_index(engine)
    try:
        imported([practice(n) for n in range(40)], django_capture_on_commit_callbacks)
        engine.refresh()
        answer = client.get("/api/v1/search", {"q": "weerbaarheidstraining", "page_size": 50})
        assert answer.json()["count"] == 40
        assert PendingIndexOperation.objects.count() == 0

        # The engine is away during the next import: every page is remembered, then drained.
        settings.SEARCH_URL = "opensearch://127.0.0.1:9"
        _client_for.cache_clear()
        imported(
            [practice(n, title=f"Dialoogtafel {n}") for n in range(40, 50)],
            django_capture_on_commit_callbacks,
        )
        assert PendingIndexOperation.objects.count() == 10
        settings.SEARCH_URL = search_url
        _client_for.cache_clear()
        assert drain() == (10, 0)
        engine.refresh()
        answer = client.get("/api/v1/search", {"q": "dialoogtafel", "page_size": 50})
        assert answer.json()["count"] == 10
    finally:
        for index in get_engine().alias_targets():
            get_engine().delete_index(index)
