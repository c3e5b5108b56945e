"""Every moderation action lands in Wagtail's log with actor, time, object and reason, and
moderators can filter that trail."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.log_actions import LogContext, log
from wagtail.models import ModelLogEntry, PageLogEntry

from exchange.accounts import services as member_services
from exchange.moderation import services
from exchange.questions import services as question_services
from practices.models import PracticePage
from tests.factories import MemberFactory, ModeratorFactory, ThemeFactory
from tests.practices.factories import make_practice

from .builders import ask

pytestmark = pytest.mark.django_db

TRAIL = "/beheer/moderatie/logboek/"


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.QUESTION_RATE_LIMITS = {"question": (1000, 3600), "answer": (1000, 3600)}


def entry(action, obj=None):
    model = PageLogEntry if isinstance(obj, PracticePage) else ModelLogEntry
    entries = model.objects.filter(action=action)
    if obj is not None:
        entries = entries.filter(object_id=str(obj.pk)) if model is ModelLogEntry else entries
        entries = entries.filter(page_id=obj.pk) if model is PageLogEntry else entries
    return entries.get()


def publish(page, user, **changes):
    """Publish a new revision of `page` as `user` would from the admin (Wagtail's log context)."""
    page = PracticePage.objects.get(pk=page.pk)
    for name, value in changes.items():
        if name == "allowed_municipalities":
            page.allowed_municipalities = value
        else:
            setattr(page, name, value)
    with LogContext(user=user):
        page.save_revision(user=user).publish()
    return page


# -- every action type ----------------------------------------------------------------------


def test_member_decisions_are_logged_with_actor_and_reason(moderator, pending_member, member):
    member_services.member_approve(
        actor=moderator, profile=pending_member.profile, reason="Bekend van de regio"
    )
    approved = entry("kennisnetwerk.member.approve", pending_member.profile)
    assert approved.user == moderator and approved.data["reason"] == "Bekend van de regio"
    assert approved.timestamp is not None

    other = MemberFactory(profile__status="pending", profile__municipality=None)
    member_services.member_reject(actor=moderator, profile=other.profile, reason="Geen gemeente")
    assert entry("kennisnetwerk.member.reject", other.profile).data["reason"] == "Geen gemeente"

    member_services.member_suspend(actor=moderator, profile=member.profile, reason="Spam")
    assert entry("kennisnetwerk.member.suspend", member.profile).user == moderator
    member_services.member_restore(actor=moderator, profile=member.profile)
    assert entry("kennisnetwerk.member.restore", member.profile).user == moderator


def test_post_moderation_is_logged(moderator, member, other_member):
    question = ask(member, title="Een vraag met een casus")
    answer = question_services.answer_post(author=other_member, question=question, body="Tekst")
    services.post_hide(actor=moderator, post=answer, reason="Noemt een jongere")
    services.post_restore(actor=moderator, post=answer, reason="Aangepast")
    services.post_redact(actor=moderator, post=question, new_text="Zonder namen", reason="AVG")
    assert entry("kennisnetwerk.post.hide", answer).data["reason"] == "Noemt een jongere"
    assert entry("kennisnetwerk.post.restore", answer).data["reason"] == "Aangepast"
    assert entry("kennisnetwerk.post.redact", question).data["reason"] == "AVG"


def test_question_moderation_is_logged(moderator, member):
    question = ask(member, title="Een vraag om te sluiten")
    question_services.question_close(actor=moderator, question=question, reason="resolved")
    question_services.question_reopen(actor=moderator, question=question)
    question_services.question_lock(actor=moderator, question=question)
    question_services.question_lock(actor=moderator, question=question, locked=False)
    for action in ("close", "reopen", "lock", "unlock"):
        assert entry(f"kennisnetwerk.question.{action}", question).user == moderator
    assert entry("kennisnetwerk.question.close", question).data["reason"] == "resolved"


def test_change_of_question_visibility_is_logged(moderator, member, other_municipality):
    question = ask(member, title="Eerst voor alle leden")
    question_services.question_update(
        editor=moderator, question=question, title=question.title, body="Tekst", reason="Typo"
    )
    assert not ModelLogEntry.objects.filter(action="kennisnetwerk.question.visibility").exists()

    question_services.question_update(
        editor=moderator,
        question=question,
        title=question.title,
        body="Tekst",
        visibility="restricted",
        allowed_municipalities=[other_municipality],
        reason="Gevoelige casus",
    )
    logged = entry("kennisnetwerk.question.visibility", question)
    assert logged.user == moderator
    assert logged.data["reason"] == "Gevoelige casus"
    assert (logged.data["from"], logged.data["to"]) == ("members", "restricted")
    assert logged.data["municipalities_to"] == [other_municipality.code]


def test_featuring_a_practice_is_logged_on_publish(moderator, municipality):
    practice = make_practice(title="Sleutelfiguren", municipality=municipality)
    assert not PageLogEntry.objects.filter(action__startswith="kennisnetwerk.").exists()

    publish(practice, moderator, featured=True)
    featured = entry("kennisnetwerk.practice.feature", practice)
    assert featured.user == moderator

    publish(practice, moderator, summary="Nieuwe samenvatting")  # still featured: no entry
    assert PageLogEntry.objects.filter(action="kennisnetwerk.practice.feature").count() == 1

    publish(practice, moderator, featured=False)
    assert entry("kennisnetwerk.practice.unfeature", practice).user == moderator


def test_change_of_practice_visibility_is_logged_on_publish(
    moderator, municipality, other_municipality
):
    practice = make_practice(title="Weerbaarheid", municipality=municipality)
    publish(practice, moderator, summary="Zelfde zichtbaarheid")
    assert not PageLogEntry.objects.filter(action="kennisnetwerk.practice.visibility").exists()

    publish(
        practice, moderator, visibility="restricted", allowed_municipalities=[other_municipality]
    )
    logged = entry("kennisnetwerk.practice.visibility", practice)
    assert logged.user == moderator
    assert (logged.data["from"], logged.data["to"]) == ("public", "restricted")
    assert logged.data["municipalities_to"] == [other_municipality.pk]


def test_routing_by_hand_is_logged(moderator, member, other_member):
    question = ask(member, title="Wie weet iets van polarisatie op school?")
    services.question_route_to_experts(
        actor=moderator, question=question, experts=[other_member], reason="Kent dit goed"
    )
    logged = entry("kennisnetwerk.question.route", question)
    assert logged.user == moderator
    assert logged.data == {"reason": "Kent dit goed", "experts": [other_member.pk]}


def test_marking_a_practice_reviewed_is_logged(moderator, municipality):
    practice = make_practice(title="Oud", municipality=municipality)
    services.practice_mark_reviewed(actor=moderator, practice=practice, reason="Nog actueel")
    logged = entry("kennisnetwerk.practice.reviewed", practice)
    assert logged.user == moderator and logged.data["reason"] == "Nog actueel"


# -- the trail view -------------------------------------------------------------------------


@pytest.fixture
def trail(moderator, member, pending_member, municipality):
    """A few entries of different kinds, actors and days."""
    other_moderator = ModeratorFactory(first_name="Olga", last_name="Tweede")
    question = ask(member, title="Vraag over straatcoaches")
    member_services.member_approve(
        actor=moderator, profile=pending_member.profile, reason="Bekend van de regio"
    )
    services.post_hide(actor=other_moderator, post=question, reason="Persoonsgegevens genoemd")
    practice = make_practice(title="Straatcoaches", municipality=municipality)
    publish(practice, moderator, featured=True)
    source = ThemeFactory(name="Jeugd", slug="jeugd-test")
    log(source, "kennisnetwerk.theme.merge", user=other_moderator, data={"reason": "Dubbel"})
    # An automatic action, ten days ago.
    old = log(question, "kennisnetwerk.post.auto_hide", user=None, data={"reporters": 3})
    ModelLogEntry.objects.filter(pk=old.pk).update(
        timestamp=timezone.now() - datetime.timedelta(days=10)
    )
    return {"question": question, "practice": practice, "other": other_moderator}


def rows(client, **params):
    response = client.get(TRAIL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_trail_shows_actor_time_object_action_and_reason(client_as, moderator, trail):
    assert reverse("kn_moderation:audit_log") == TRAIL
    content = rows(client_as(moderator))
    assert "Lid goedgekeurd" in content and "Bekend van de regio" in content
    assert "Bericht verborgen" in content and "Persoonsgegevens genoemd" in content
    assert "Olga Tweede" in content and escape(str(moderator)) in content  # as rendered
    assert "Praktijk uitgelicht" in content
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[trail["practice"].pk])}"' in content
    assert f'href="{trail["question"].get_absolute_url()}"' in content
    assert "automatisch" in content
    assert "<time datetime=" in content
    assert "5 acties gevonden." in content


def test_trail_lists_theme_merges_among_the_actions(client_as, moderator, trail):
    content = rows(client_as(moderator))
    assert 'value="kennisnetwerk.theme.merge"' in content
    content = rows(client_as(moderator), actie="kennisnetwerk.theme.merge")
    assert "1 actie gevonden." in content and "Dubbel" in content


def test_trail_filters(client_as, moderator, trail):
    client = client_as(moderator)
    by_action = rows(client, actie="kennisnetwerk.member.approve")
    assert "1 actie gevonden." in by_action and "Bekend van de regio" in by_action

    by_actor = rows(client, door=trail["other"].pk)
    assert "2 acties gevonden." in by_actor and "Persoonsgegevens genoemd" in by_actor

    automatic = rows(client, door="systeem")
    assert "1 actie gevonden." in automatic and "Bericht automatisch verborgen" in automatic

    practices = rows(client, soort="praktijk")
    assert "1 actie gevonden." in practices and "Praktijk uitgelicht" in practices
    members = rows(client, soort="lid")
    assert "1 actie gevonden." in members

    today = timezone.localdate()
    recent = rows(client, van=(today - datetime.timedelta(days=1)).isoformat())
    assert "4 acties gevonden." in recent
    old = rows(client, tot=(today - datetime.timedelta(days=5)).isoformat())
    assert "1 actie gevonden." in old

    text = rows(client, tekst="persoonsgegevens")
    assert "1 actie gevonden." in text and "Persoonsgegevens genoemd" in text


@pytest.mark.parametrize(
    "params, message",
    [
        ({"van": "gisteren"}, "Vul een geldige begindatum in"),
        ({"van": "2026-05-02", "tot": "2026-05-01"}, "De einddatum ligt vóór de begindatum."),
        ({"actie": "wagtail.publish"}, "Kies een waarde uit de lijst."),
        ({"door": "999999"}, "Kies een waarde uit de lijst."),
    ],
)
def test_trail_with_bad_filters_explains_and_shows_nothing(
    client_as, moderator, trail, params, message
):
    content = rows(client_as(moderator), **params)
    assert message in content
    assert "acties gevonden." not in content


def test_trail_is_for_moderators_only(client_as, member):
    assert client_as(member).get(TRAIL).status_code in (302, 403)


def test_trail_is_paginated_with_filters_kept(client_as, moderator, member):
    question = ask(member, title="Veel acties")
    for n in range(55):
        log(question, "kennisnetwerk.post.hide", user=moderator, data={"reason": f"r{n}"})
    content = rows(client_as(moderator), actie="kennisnetwerk.post.hide")
    assert "Pagina 1 van 2" in content
    assert "actie=kennisnetwerk.post.hide&amp;p=2" in content
    second = rows(client_as(moderator), actie="kennisnetwerk.post.hide", p=2)
    assert "Pagina 2 van 2" in second and ">r0<" in second


def test_trail_runs_a_fixed_number_of_queries(
    client_as, moderator, member, municipality, django_assert_num_queries
):
    def add_entries():
        question = ask(member, title="Nog een vraag")
        answer = question_services.answer_post(author=moderator, question=question, body="A")
        profile = MemberFactory(profile__status="pending", profile__municipality=None).profile
        services.post_hide(actor=moderator, post=question, reason="q")
        services.post_hide(actor=moderator, post=answer, reason="a")
        member_services.member_approve(actor=moderator, profile=profile)
        publish(make_practice(municipality=municipality), moderator, featured=True)
        log(ThemeFactory(), "kennisnetwerk.theme.merge", user=moderator, data={"reason": "t"})

    add_entries()
    client = client_as(moderator)
    rows(client)  # warm the caches
    with CaptureQueriesContext(connection) as small:
        rows(client)
    for _ in range(6):
        add_entries()
    with django_assert_num_queries(len(small.captured_queries)):
        rows(client)


def test_trail_shows_decisions_on_submitted_practices_with_the_comment(
    client_as, moderator, member
):
    from exchange.themes.models import Theme
    from tests.practices.sharing_data import share

    theme = Theme.objects.order_by("pk").first()
    page = share(client_as(member), theme_ids=[theme.pk])
    state = page.current_workflow_state
    state.current_task_state.task.specific.on_action(
        state.current_task_state, moderator, "reject", comment="Noem de partners bij naam."
    )
    client_as(member).post(reverse("practice_share_step", args=[page.pk, "indienen"]))
    state = PracticePage.objects.get(pk=page.pk).current_workflow_state
    state.current_task_state.task.specific.on_action(
        state.current_task_state, moderator, "approve", comment="Dank, helder."
    )
    client = client_as(moderator)
    body = client.get(TRAIL).content.decode()
    assert "Noem de partners bij naam." in body
    assert "Dank, helder." in body
    assert "Weerbaarheidstraining op het mbo" in body
    only_rejections = client.get(TRAIL + "?actie=wagtail.workflow.reject").content.decode()
    assert "Noem de partners bij naam." in only_rejections
    assert "Dank, helder." not in only_rejections
    assert "Dank, helder." in client.get(TRAIL + "?tekst=helder").content.decode()
