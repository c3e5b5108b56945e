"""apply_retention: inactive members anonymised, old audit reasons, notifications, query log."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from exchange.notifications.models import Kind, Notification
from search.models import SearchQueryLog
from tests.factories import MemberFactory
from tests.questions.factories import make_question

pytestmark = pytest.mark.django_db

User = get_user_model()
LONG_AGO = timezone.now() - datetime.timedelta(days=3 * 365)
LATELY = timezone.now() - datetime.timedelta(days=10)


@pytest.fixture
def world(municipality, moderator, settings):
    settings.RETENTION_INACTIVE_MEMBER_DAYS = 730
    settings.RETENTION_AUDIT_DETAIL_DAYS = 730
    settings.RETENTION_NOTIFICATION_DAYS = 180
    settings.RETENTION_QUERY_LOG_DAYS = 365
    gone = MemberFactory(
        first_name="Gijs", last_name="Weggeweest", profile__municipality=municipality
    )
    never = MemberFactory(first_name="Nooit", last_name="Ingelogd")
    active = MemberFactory(first_name="Anna", last_name="Actief")
    User.objects.filter(pk=gone.pk).update(last_login=LONG_AGO, date_joined=LONG_AGO)
    User.objects.filter(pk=never.pk).update(last_login=None, date_joined=LONG_AGO)
    User.objects.filter(pk=active.pk).update(last_login=LATELY, date_joined=LONG_AGO)
    User.objects.filter(pk=moderator.pk).update(last_login=LONG_AGO, date_joined=LONG_AGO)

    old_entry = log(active.profile, "kennisnetwerk.member.suspend", user=moderator,
                    data={"reason": "Plaatste namen van inwoners"})  # fmt: skip
    new_entry = log(active.profile, "kennisnetwerk.member.suspend", user=moderator,
                    data={"reason": "Recente reden"})  # fmt: skip
    ModelLogEntry.objects.filter(pk=old_entry.pk).update(timestamp=LONG_AGO)
    page = Page.objects.get(depth=2)
    old_page_entry = PageLogEntry.objects.log_action(
        page, "wagtail.unpublish", user=moderator, data={"reason": "Oude paginareden"}
    )
    PageLogEntry.objects.filter(pk=old_page_entry.pk).update(timestamp=LONG_AGO)

    question = make_question(author=active)
    old_read = Notification.objects.create(
        recipient=active, kind=Kind.NEW_ANSWER, question=question, read_at=LONG_AGO
    )
    old_unread = Notification.objects.create(
        recipient=never, kind=Kind.NEW_QUESTION_IN_THEME, question=question
    )
    new_read = Notification.objects.create(
        recipient=moderator, kind=Kind.NEW_QUESTION_IN_THEME, question=question, read_at=LATELY
    )
    Notification.objects.filter(pk__in=[old_read.pk, old_unread.pk]).update(created_at=LONG_AGO)
    old_query = SearchQueryLog.objects.create(query="azc onrust", result_count=3)
    new_query = SearchQueryLog.objects.create(query="jongerenwerk", result_count=5)
    SearchQueryLog.objects.filter(pk=old_query.pk).update(created_at=LONG_AGO)
    return {
        "gone": gone,
        "never": never,
        "active": active,
        "moderator": moderator,
        "old_entry": old_entry,
        "new_entry": new_entry,
        "old_page_entry": old_page_entry,
        "old_read": old_read,
        "old_unread": old_unread,
        "new_read": new_read,
        "old_query": old_query,
        "new_query": new_query,
    }


def snapshot():
    return {
        "users": sorted(User.objects.values_list("pk", "email", "first_name", "is_active")),
        "log": sorted(ModelLogEntry.objects.values_list("pk", "data")),
        "page_log": sorted(PageLogEntry.objects.values_list("pk", "data")),
        "notifications": sorted(Notification.objects.values_list("pk", flat=True)),
        "queries": sorted(SearchQueryLog.objects.values_list("pk", flat=True)),
    }


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_dry_run_changes_nothing_and_says_what_it_would_do(world):
    before = snapshot()

    output = run("--dry-run")

    assert snapshot() == before
    assert "Droogloop" in output
    assert "Zou 2 leden anonimiseren" in output
    assert f"lid #{world['gone'].pk}," in output and f"lid #{world['never'].pk}," in output
    assert f"lid #{world['moderator'].pk}," not in output
    assert "Weggeweest" not in output  # numbers, never names
    assert "Zou de reden wissen uit 2 auditregels" in output
    assert "Zou 1 gelezen notificaties verwijderen" in output
    assert "Zou 1 zoekopdrachten verwijderen" in output


def test_run_anonymises_only_inactive_members_who_are_not_staff(world):
    output = run()

    assert "Leden geanonimiseerd: 2" in output
    for key in ("gone", "never"):
        user = User.objects.get(pk=world[key].pk)
        assert not user.is_active and user.first_name == "" and user.profile.anonymised_at
    assert User.objects.get(pk=world["gone"].pk).get_full_name() == "voormalig lid van Utrecht"
    active = User.objects.get(pk=world["active"].pk)
    assert active.is_active and active.last_name == "Actief"
    moderator = User.objects.get(pk=world["moderator"].pk)
    assert moderator.is_active and moderator.profile.anonymised_at is None
    entry = ModelLogEntry.objects.filter(action="kennisnetwerk.member.anonymise")
    assert entry.count() == 2
    assert {e.data["reason"] for e in entry} == {"retention"}


def test_run_clears_old_audit_reasons_and_keeps_recent_ones(world):
    output = run()

    assert "Auditregels zonder reden: 2" in output
    old = ModelLogEntry.objects.get(pk=world["old_entry"].pk)
    assert old.data == {"reason": ""}
    assert old.action == "kennisnetwerk.member.suspend"
    assert old.user_id == world["moderator"].pk
    assert old.object_id == str(world["active"].profile.pk)
    assert ModelLogEntry.objects.get(pk=world["new_entry"].pk).data == {"reason": "Recente reden"}
    page_entry = PageLogEntry.objects.get(pk=world["old_page_entry"].pk)
    assert page_entry.data["reason"] == "" and page_entry.action == "wagtail.unpublish"


def test_run_deletes_old_read_notifications_and_old_queries(world):
    output = run()

    assert "Gelezen notificaties verwijderd: 1" in output
    assert "Zoekopdrachten verwijderd: 1" in output
    remaining = set(Notification.objects.values_list("pk", flat=True))
    assert world["old_read"].pk not in remaining
    assert world["new_read"].pk in remaining
    # The unread one belonged to a member anonymised in the same run: it went with them.
    assert set(SearchQueryLog.objects.values_list("pk", flat=True)) == {world["new_query"].pk}


def test_a_second_run_has_nothing_left_to_do(world):
    run()

    output = run("--dry-run")

    assert "Zou 0 leden anonimiseren" in output
    assert "Zou de reden wissen uit 0 auditregels" in output
