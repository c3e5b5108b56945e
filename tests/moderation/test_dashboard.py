"""The moderation dashboard: every queue with its count, first items and actions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from exchange.accounts.models import Profile
from exchange.moderation import services
from exchange.moderation.dashboard import practices_due, zero_result_searches
from exchange.moderation.models import Report, ReportStatus
from exchange.notifications.routing import route_to_experts
from exchange.questions import services as question_services
from practices.models import PracticePage
from practices.selectors import practices_due_for_review
from tests.factories import MemberFactory, ThemeFactory, UserFactory
from tests.practices.factories import make_practice

from .builders import ask, due_practice, report, search_in_vain, submitted_practice

pytestmark = pytest.mark.django_db

DASHBOARD = "/beheer/moderatie/"


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.QUESTION_RATE_LIMITS = {"question": (1000, 3600), "answer": (1000, 3600)}


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Online radicalisering", slug="online-radicalisering")


@pytest.fixture
def expert(theme, other_municipality):
    return MemberFactory(
        first_name="Ellen",
        last_name="Expert",
        profile__municipality=other_municipality,
        profile__expertise_themes=[theme],
    )


def page(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def test_dashboard_url_and_menu_item_for_moderators(client_as, moderator, member):
    assert reverse("kn_moderation:dashboard") == DASHBOARD
    home = client_as(moderator).get("/beheer/").content.decode()
    assert f'"url": "{DASHBOARD}"' in home  # the sidebar menu item
    assert 'id="moderation-summary-content"' in home  # the summary panel on the admin home


def test_members_cannot_open_the_dashboard(client_as, member):
    assert client_as(member).get(DASHBOARD).status_code in (302, 403)


def test_dashboard_shows_every_queue_with_its_count(
    client_as, moderator, member, other_member, pending_member, municipality, theme, expert
):
    ask(member, title="Wie kent een goede aanpak voor online haat?", themes=[theme], days_old=8)
    ask(member, title="Recente vraag die nog even mag wachten", themes=[theme], days_old=2)
    reported = report(ask(member, title="Een gemelde vraag"), other_member)
    in_review = submitted_practice(member, title="Weerbare wijken", municipality=municipality)
    due = due_practice(title="Jongerenwerk in de nacht", municipality=municipality)
    search_in_vain("AZC", times=2)
    search_in_vain("azc ")
    search_in_vain("Moskeebestuur")
    search_in_vain("oude zoekvraag", days_ago=40)

    content = page(client_as(moderator))
    assert "Aanmeldingen die wachten (1)</h2>" in content
    assert "Ingediende praktijken (1)</h2>" in content
    assert "Gemelde berichten (1)</h2>" in content
    assert "Praktijken toe aan herbeoordeling (1)</h2>" in content
    assert "Vragen die al een week op een antwoord wachten (1)</h2>" in content
    assert "Zoekopdrachten zonder resultaat (30 dagen) (2)</h2>" in content
    assert pending_member.email in content
    assert "Weerbare wijken" in content and in_review.title in content
    assert reported.title in content
    assert due.title in content
    assert "Wie kent een goede aanpak voor online haat?" in content
    assert "Recente vraag die nog even mag wachten" not in content
    assert "Ellen Expert" in content  # suggested for routing
    assert "azc" in content and "moskeebestuur" in content
    assert "oude zoekvraag" not in content
    assert f'href="{reverse("kn_members:index")}"' in content
    assert f'href="{reverse("kn_reports:index")}"' in content
    assert f'href="{reverse("kn_practice_review:index")}"' in content
    assert f'href="{reverse("wagtailadmin_reports:workflow")}"' in content


def test_zero_result_searches_are_grouped_and_counted(client_as, moderator):
    search_in_vain("AZC", times=2)
    search_in_vain("azc ")
    search_in_vain("Moskeebestuur")
    section = zero_result_searches()
    assert section.count == 2
    assert [(s["term"], s["searches"]) for s in section.items] == [
        ("azc", 3),
        ("moskeebestuur", 1),
    ]
    full = client_as(moderator).get(reverse("kn_moderation:full_list", args=["zoekopdrachten"]))
    assert full.status_code == 200 and "moskeebestuur" in full.content.decode()
    assert client_as(moderator).get("/beheer/moderatie/lijst/onbekend/").status_code == 404


def test_unanswered_question_leaves_the_queue_once_answered(
    client_as, moderator, member, other_member, theme
):
    question = ask(member, title="Een vraag die al lang wacht", themes=[theme], days_old=9)
    assert question.title in page(client_as(moderator))
    question_services.answer_post(author=other_member, question=question, body="Zo deden wij het.")
    assert question.title not in page(client_as(moderator))


def test_hidden_closed_and_locked_questions_are_not_unanswered(client_as, moderator, member):
    hidden = ask(member, title="Verborgen vraag", days_old=9)
    closed = ask(member, title="Gesloten vraag", days_old=9)
    locked = ask(member, title="Vergrendelde vraag", days_old=9)
    services.post_hide(actor=moderator, post=hidden, reason="spam")
    question_services.question_close(actor=moderator, question=closed, reason="resolved")
    question_services.question_lock(actor=moderator, question=locked)
    content = page(client_as(moderator))
    for title in ("Verborgen vraag", "Gesloten vraag", "Vergrendelde vraag"):
        assert f">{title}</a>" not in content


def test_bulk_approve_several_members_from_the_dashboard(client_as, moderator):
    pending = MemberFactory.create_batch(3, profile__status="pending", profile__municipality=None)
    client = client_as(moderator)
    response = client.post(
        reverse("kn_members:bulk_decide"),
        {
            "action": "approve",
            "profiles": [pending[0].profile.pk, pending[1].profile.pk],
            "reason": "Bekend van het regionale netwerk",
            "next": DASHBOARD,
        },
    )
    assert response.status_code == 302 and response["Location"] == DASHBOARD
    statuses = {p.pk: Profile.objects.get(user=p).status for p in pending}
    assert statuses == {
        pending[0].pk: "verified",
        pending[1].pk: "verified",
        pending[2].pk: "pending",
    }
    entries = ModelLogEntry.objects.filter(action="kennisnetwerk.member.approve", user=moderator)
    assert entries.count() == 2  # every member logged on their own
    assert {e.data["reason"] for e in entries} == {"Bekend van het regionale netwerk"}
    content = page(client)
    assert pending[0].email not in content and pending[2].email in content


def test_bulk_reject_needs_a_reason_and_changes_nothing_without_one(client_as, moderator):
    pending = MemberFactory.create_batch(2, profile__status="pending", profile__municipality=None)
    ids = [p.profile.pk for p in pending]
    client = client_as(moderator)
    response = client.post(
        reverse("kn_members:bulk_decide"), {"action": "reject", "profiles": ids}, follow=True
    )
    assert "Geef een reden op om leden af te wijzen." in response.content.decode()
    assert set(Profile.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"pending"}

    client.post(
        reverse("kn_members:bulk_decide"),
        {"action": "reject", "profiles": ids, "reason": "Geen gemeente of partner"},
    )
    assert set(Profile.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"rejected"}
    assert (
        ModelLogEntry.objects.filter(
            action="kennisnetwerk.member.reject", data__reason="Geen gemeente of partner"
        ).count()
        == 2
    )


@pytest.mark.parametrize("bad", [["abc"], ["999999"], []])
def test_bulk_decision_with_bad_input_changes_nothing(client_as, moderator, pending_member, bad):
    response = client_as(moderator).post(
        reverse("kn_members:bulk_decide"),
        {"action": "approve", "profiles": [pending_member.profile.pk, *bad] if bad else []},
        follow=True,
    )
    assert response.status_code == 200
    assert Profile.objects.get(pk=pending_member.profile.pk).status == "pending"
    assert not ModelLogEntry.objects.filter(action="kennisnetwerk.member.approve").exists()


def test_bulk_approve_refuses_members_no_longer_pending(client_as, moderator, pending_member):
    rejected = MemberFactory(profile__status="rejected", profile__municipality=None)
    response = client_as(moderator).post(
        reverse("kn_members:bulk_decide"),
        {"action": "approve", "profiles": [pending_member.profile.pk, rejected.profile.pk]},
        follow=True,
    )
    assert "wacht niet meer op een besluit" in response.content.decode()
    assert Profile.objects.get(pk=pending_member.profile.pk).status == "pending"
    assert Profile.objects.get(pk=rejected.profile.pk).status == "rejected"


def test_member_queue_offers_the_bulk_form(client_as, moderator, pending_member):
    content = client_as(moderator).get(reverse("kn_members:index")).content.decode()
    assert f'action="{reverse("kn_members:bulk_decide")}"' in content
    assert f'value="{pending_member.profile.pk}" form="bulk-members"' in content


def test_bulk_dismiss_from_the_dashboard(client_as, moderator, member, other_member):
    first = ask(member, title="Eerste gemelde vraag", visibility="public")
    report(first, other_member, MemberFactory())
    second = report(ask(member, title="Tweede gemelde vraag"), other_member)
    kept = report(ask(member, title="Derde gemelde vraag"), other_member)
    client = client_as(moderator)
    assert 'form="bulk-dismiss"' in page(client)
    response = client.post(
        reverse("kn_reports:bulk_dismiss"),
        {
            "posts": [f"question-{first.pk}", f"question-{second.pk}"],
            "reason": "Geen overtreding",
            "next": DASHBOARD,
        },
    )
    assert response["Location"] == DASHBOARD
    assert not Report.objects.filter(question__in=[first, second], status=ReportStatus.OPEN)
    content = page(client)
    assert "Eerste gemelde vraag" not in content and "Tweede gemelde vraag" not in content
    assert kept.title in content
    assert ModelLogEntry.objects.filter(action="kennisnetwerk.report.dismiss").count() == 2


def test_mark_practice_reviewed_from_the_dashboard(client_as, moderator, municipality):
    practice = due_practice(title="Buurtvaders", municipality=municipality)
    client = client_as(moderator)
    assert "Buurtvaders" in page(client)
    response = client.post(
        reverse("kn_moderation:practice_review"), {"practice": practice.pk, "next": DASHBOARD}
    )
    assert response["Location"] == DASHBOARD
    assert PracticePage.objects.get(pk=practice.pk).last_reviewed_at is not None
    assert ">Buurtvaders</a>" not in page(client)
    assert PageLogEntry.objects.filter(
        action="kennisnetwerk.practice.reviewed", page_id=practice.pk, user=moderator
    ).exists()


def test_review_list_marks_through_the_same_handler_and_refuses_bad_input(
    client_as, moderator, municipality
):
    practice = due_practice(title="Moederscafé", municipality=municipality)
    client = client_as(moderator)
    review_list = reverse("kn_practice_review:index")
    assert (
        f'action="{reverse("kn_moderation:practice_review")}"'
        in client.get(review_list).content.decode()
    )
    response = client.post(review_list, {"practice": "geen-nummer", "next": review_list})
    assert response.status_code == 302 and response["Location"] == review_list
    assert PracticePage.objects.get(pk=practice.pk).last_reviewed_at is None
    client.post(review_list, {"practice": practice.pk, "next": review_list})
    assert PracticePage.objects.get(pk=practice.pk).last_reviewed_at is not None


def test_submitted_practice_leaves_the_queue_once_approved(client_as, moderator, member):
    practice = submitted_practice(member, title="Dialoogtafels")
    client = client_as(moderator)
    assert "Dialoogtafels" in page(client)
    practice.current_workflow_task_state.approve(user=moderator)
    assert "Dialoogtafels" not in page(client)


def _fill(size, *, moderator, municipality, theme, experts):
    """`size` items in every queue, with suggestions, routings and reports."""
    for n in range(size):
        author = MemberFactory(profile__municipality=municipality)
        MemberFactory(profile__status="pending", profile__municipality=None)
        question = ask(author, title=f"Wachtende vraag {n}", themes=[theme], days_old=10)
        report(ask(author, title=f"Gemelde vraag {n}"), experts[0])
        question_services.question_create(
            author=experts[0], title=f"Gemelde vraag b{n}", body="Tekst"
        )
        route_to_experts(question=question, experts=[experts[n % len(experts)]])
        submitted_practice(author, title=f"Ingediend {n}", municipality=municipality)
        due_practice(title=f"Verouderd {n}", municipality=municipality)
        search_in_vain(f"niets {n}", times=n + 1)


def test_dashboard_runs_a_fixed_number_of_queries(
    client_as, moderator, municipality, other_municipality, theme, django_assert_num_queries
):
    experts = [
        MemberFactory(profile__municipality=other_municipality, profile__expertise_themes=[theme])
        for _ in range(3)
    ]
    _fill(1, moderator=moderator, municipality=municipality, theme=theme, experts=experts)
    client = client_as(moderator)
    page(client)  # warm the caches (content types, site)
    with CaptureQueriesContext(connection) as small:
        page(client)
    _fill(6, moderator=moderator, municipality=municipality, theme=theme, experts=experts)
    UserFactory.create_batch(3)
    with django_assert_num_queries(len(small.captured_queries)):
        content = page(client)
    assert "Wachtende vraag 5" in content and "Ingediend 5" in content


@pytest.mark.parametrize("limit", [1, 3, 4, 6, 10])
def test_due_for_review_shows_the_longest_unreviewed_first(municipality, limit):
    """The dashboard's first practices due for review are the review list's first, in its order:
    reviewed and never reviewed practices mixed by date, a day's practices by number."""
    today = timezone.localdate()

    def never_reviewed(title, days, hour=0):
        practice = make_practice(title=title, municipality=municipality)
        day = today - datetime.timedelta(days=days)
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
        PracticePage.objects.filter(pk=practice.pk).update(first_published_at=moment)

    def reviewed(title, days):
        practice = due_practice(title=title, municipality=municipality)
        day = today - datetime.timedelta(days=days)
        PracticePage.objects.filter(pk=practice.pk).update(last_reviewed_at=day)

    never_reviewed("Late op de oudste dag", 900, hour=22)
    never_reviewed("Vroeg op de oudste dag", 900, hour=1)
    reviewed("Beoordeeld op de oudste dag", 900)
    never_reviewed("Twee jaar oud", 730)
    reviewed("Beoordeeld twee jaar terug", 731)
    never_reviewed("Net gepubliceerd", 10)
    reviewed("Net beoordeeld", 10)
    expected = [p.title for p in practices_due_for_review()[:limit]]
    assert len(expected) == min(limit, 5)
    assert [p.title for p in practices_due(limit=limit).items] == expected
    assert "Net gepubliceerd" not in expected and "Net beoordeeld" not in expected
    assert practices_due(limit=limit).count == 5
