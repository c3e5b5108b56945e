"""Two members cancel at the same moment: each free place goes to the next one waiting, once.

Real concurrency needs real row locks: this runs on PostgreSQL (CI does), where the
registration service's `select_for_update` on the meeting row makes the second transaction
wait for the first. SQLite has no row locks (it serialises whole writes), so it is skipped
there with that reason.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from exchange.meetings import services
from exchange.meetings.models import Registration
from exchange.meetings.services import registration_cancel, registration_register
from exchange.notifications.models import Kind, Notification
from tests.factories import MemberFactory, ModeratorFactory

from .factories import make_meeting

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks (select_for_update); SQLite serialises writes",
    ),
]


def run_together(*calls):
    """Run the calls in threads released at the same moment; returns their outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except ValidationError as error:
            outcomes[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture(autouse=True)
def slow_checks(monkeypatch):
    """Hold each cancellation between reading the registration and writing it, so the two
    transactions surely overlap: without the row lock both would see the same state."""
    check_open = services._check_open

    def slow(meeting):
        time.sleep(0.3)
        check_open(meeting)

    monkeypatch.setattr(services, "_check_open", slow)


@pytest.fixture
def full_meeting(municipality):
    meeting = make_meeting(ModeratorFactory(), capacity=2)
    people = [MemberFactory(profile__municipality=municipality) for _ in range(5)]
    for person in people:
        registration_register(user=person, meeting=meeting)
    return meeting, people


def statuses(meeting, people):
    rows = dict(Registration.objects.filter(meeting=meeting).values_list("user_id", "status"))
    return [rows[p.pk] for p in people]


def test_two_cancellations_at_once_move_up_the_next_two_exactly_once(full_meeting):
    meeting, (a, b, c, d, e) = full_meeting
    run_together(
        lambda: registration_cancel(user=a, meeting=meeting),
        lambda: registration_cancel(user=b, meeting=meeting),
    )
    assert statuses(meeting, [a, b, c, d, e]) == [
        "cancelled",
        "cancelled",
        "registered",
        "registered",
        "waiting",
    ]
    told = Notification.objects.filter(kind=Kind.MEETING_PLACE)
    assert sorted(n.recipient_id for n in told) == sorted([c.pk, d.pk])


def test_one_cancellation_sent_twice_at_once_moves_up_one_member(full_meeting):
    meeting, (a, b, c, d, e) = full_meeting
    outcomes = run_together(
        lambda: registration_cancel(user=a, meeting=meeting),
        lambda: registration_cancel(user=a, meeting=meeting),
    )
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    assert statuses(meeting, [a, b, c, d, e]) == [
        "cancelled",
        "registered",
        "registered",
        "waiting",
        "waiting",
    ]
    assert Notification.objects.filter(kind=Kind.MEETING_PLACE).count() == 1
