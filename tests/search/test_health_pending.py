"""/healthz counts search index updates that wait for the engine among the pending tasks."""

from search.models import PendingIndexOperation


def test_waiting_index_updates_count_as_pending_tasks(client, db):
    PendingIndexOperation.objects.create(kind="practice", object_id=1, action="index")
    PendingIndexOperation.objects.create(kind="question", object_id=2, action="remove")

    body = client.get("/healthz").json()

    assert body["tasks"] == {"pending": 2}


def test_no_waiting_work_reports_zero_pending(client, db):
    assert client.get("/healthz").json()["tasks"] == {"pending": 0}
