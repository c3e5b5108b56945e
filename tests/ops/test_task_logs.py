"""A task enqueued in a request logs, in the worker, the id of that request.

A member answers a question through the site; the asker's e-mail goes out in a task. With the
immediate backend (`make run`, the tests) the task runs inside the request; with the database
backend (production) a worker runs it later, and its records still carry the request id.
"""

import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from exchange.questions.services import question_create

# Real commits: the e-mail task is enqueued on commit, inside the request as in production.
pytestmark = pytest.mark.django_db(transaction=True)

TASK = "exchange.notifications.tasks.send_notification_email"
OURS = "exchange.core.observability.tasks"


@pytest.fixture
def question(member):
    with transaction.atomic():
        return question_create(
            author=member,
            title="Hoe betrekken jullie jongerenwerkers?",
            body="Wij zoeken ervaringen met jongerenwerk in de wijk.",
        )


def _answer(client_as, other_member, question) -> str:
    response = client_as(other_member).post(
        f"/vragen/{question.pk}/antwoorden/",
        {"body": "Wij werken met een vast team van jongerenwerkers op straat."},
        HTTP_X_REQUEST_ID="answer-request-0001",
    )
    assert response.status_code == 302, response.content[:500]
    return response["X-Request-ID"]


def test_immediate_backend_task_records_carry_the_request_id(
    client_as, other_member, question, json_log
):
    request_id = _answer(client_as, other_member, question)

    task_lines = [
        line for line in json_log() if line["logger"] == OURS and line.get("task_name") == TASK
    ]
    messages = [line["message"] for line in task_lines]
    assert messages.index("Task started") < messages.index("Task finished")
    assert {line["request_id"] for line in task_lines} == {request_id}
    assert len(mail.outbox) == 1


@pytest.fixture
def worker_logging():
    """db_worker sets its loggers' levels; put them back for the tests after this one."""
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [each.level for each in loggers]
    yield
    for each, level in zip(loggers, levels, strict=True):
        each.setLevel(level)


def test_database_backend_worker_records_carry_the_enqueuing_request_id(
    client_as, other_member, question, json_log, settings, worker_logging
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    request_id = _answer(client_as, other_member, question)
    [queued] = DBTaskResult.objects.filter(task_path=TASK)
    assert mail.outbox == []  # nothing sent in the request: it waits for a worker

    [enqueued] = [
        line
        for line in json_log()
        if line["message"] == "Task enqueued" and line["task_name"] == TASK
    ]
    assert enqueued["task_id"] == str(queued.id)
    assert enqueued["request_id"] == request_id

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    worker_lines = [
        line
        for line in json_log()
        if line["logger"] == OURS and line.get("task_id") == str(queued.id)
    ]
    started = [line for line in worker_lines if line["message"] == "Task started"]
    finished = [line for line in worker_lines if line["message"] == "Task finished"]
    assert len(started) == len(finished) == 1
    for line in started + finished:
        assert line["request_id"] == request_id
        assert line["task_name"] == TASK
    assert finished[0]["task_status"] == "SUCCESSFUL"
    assert len(mail.outbox) == 1
