"""New questions reach members with the right expertise: capped, rotating, never a leak."""

import datetime
import itertools

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from exchange.moderation import services as moderation_services
from exchange.notifications import routing
from exchange.notifications.models import ExpertRouting, Kind, Notification, NotificationPreference
from exchange.notifications.routing import route_new_question
from exchange.questions.services import follow
from tests.factories import MemberFactory, ThemeFactory
from tests.moderation.builders import ask as ask_uncommitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.QUESTION_RATE_LIMITS = {"question": (1000, 3600), "answer": (1000, 3600)}
    settings.EXPERT_ROUTING_LIMIT = 2


def experts_in(theme, municipality, count, status="verified"):
    return [
        MemberFactory(
            profile__municipality=municipality,
            profile__expertise_themes=[theme],
            profile__status=status,
        )
        for _ in range(count)
    ]


def routed_to(question):
    return set(ExpertRouting.objects.filter(question=question).values_list("user_id", flat=True))


def expert_notified(user, question) -> bool:
    return Notification.objects.filter(
        recipient=user, question=question, kind=Kind.EXPERT_ROUTED
    ).exists()


def test_expert_gets_an_in_app_notification_and_an_email(
    member, other_municipality, youth, ask, settings
):
    settings.EXPERT_ROUTING_LIMIT = 5
    (expert,) = experts_in(youth, other_municipality, 1)
    question = ask(member, themes=[youth])
    assert routed_to(question) == {expert.pk}
    routing = ExpertRouting.objects.get(question=question)
    assert routing.routed_by is None  # automatic
    assert expert_notified(expert, question)
    assert [m.to for m in mail.outbox] == [[expert.email]]
    assert "Een collega zoekt uw expertise" in mail.outbox[0].subject
    assert question.title in mail.outbox[0].subject


def test_expert_email_follows_their_preference(member, other_municipality, youth, ask):
    (expert,) = experts_in(youth, other_municipality, 1)
    NotificationPreference.objects.create(user=expert, expert_question="weekly")
    question = ask(member, themes=[youth])
    assert expert_notified(expert, question)  # in-app still
    assert mail.outbox == []  # the e-mail waits for the weekly overview


def test_routing_is_capped(member, other_municipality, youth, ask):
    experts_in(youth, other_municipality, 5)
    question = ask(member, themes=[youth])
    assert len(routed_to(question)) == 2
    assert Notification.objects.filter(kind=Kind.EXPERT_ROUTED).count() == 2


def test_routing_rotates_least_recently_routed_first(member, other_municipality, youth, ask):
    experts = experts_in(youth, other_municipality, 5)
    first = ask(member, title="Eerste vraag over jongeren", themes=[youth])
    second = ask(member, title="Tweede vraag over jongeren", themes=[youth])
    third = ask(member, title="Derde vraag over jongeren", themes=[youth])
    assert routed_to(first) == {experts[0].pk, experts[1].pk}
    assert routed_to(second) == {experts[2].pk, experts[3].pk}
    # Expert 4 was never asked; then the one asked longest ago.
    assert routed_to(third) == {experts[4].pk, experts[0].pk}


def test_experts_of_a_broader_theme_hear_of_questions_in_its_sub_themes(
    member, other_municipality, ask
):
    broad = ThemeFactory(name="Radicalisering breed", slug="radicalisering-breed")
    narrow = ThemeFactory(name="Online radicalisering", slug="online-rad", parent=broad)
    (broad_expert,) = experts_in(broad, other_municipality, 1)
    (narrow_expert,) = experts_in(narrow, other_municipality, 1)
    question = ask(member, themes=[narrow])
    assert routed_to(question) == {broad_expert.pk, narrow_expert.pk}
    assert routed_to(ask(member, title="Algemene vraag", themes=[broad])) == {broad_expert.pk}


def test_restricted_question_is_never_routed_to_who_cannot_read_it(
    member, municipality, other_municipality, youth, ask
):
    outsiders = experts_in(youth, other_municipality, 3)
    (colleague,) = experts_in(youth, municipality, 1)
    question = ask(member, themes=[youth], visibility="restricted")
    assert routed_to(question) == {colleague.pk}
    for outsider in outsiders:
        assert not Notification.objects.filter(recipient=outsider).exists()
    assert [m.to for m in mail.outbox] == [[colleague.email]]


def test_asker_pending_members_and_theme_followers_are_not_routed(
    member, other_municipality, youth, ask
):
    member.profile.expertise_themes.set([youth])
    experts_in(youth, other_municipality, 2, status="pending")
    follower, expert = experts_in(youth, other_municipality, 2)
    follow(user=follower, theme=youth)
    question = ask(member, themes=[youth])
    assert routed_to(question) == {expert.pk}
    # The follower heard of it once, as a follower.
    assert list(Notification.objects.filter(recipient=follower).values_list("kind", flat=True)) == [
        Kind.NEW_QUESTION_IN_THEME
    ]


def test_questions_without_themes_or_hidden_are_not_routed(member, other_municipality, youth):
    experts_in(youth, other_municipality, 2)
    untagged = ask_uncommitted(member, title="Vraag zonder thema")
    assert route_new_question(question_id=untagged.pk) == []
    hidden = ask_uncommitted(member, title="Verborgen vraag", themes=[youth])
    hidden.__class__.objects.filter(pk=hidden.pk).update(hidden=True)
    assert route_new_question(question_id=hidden.pk) == []


# -- by hand, from the dashboard ------------------------------------------------------------


@pytest.fixture
def waiting(member, youth):
    question = ask_uncommitted(member, title="Wie helpt ons met jongerenwerk?", themes=[youth])
    old = timezone.now() - datetime.timedelta(days=8)
    question.__class__.objects.filter(pk=question.pk).update(created_at=old)
    return question


def test_dashboard_suggests_experts_not_yet_routed(
    client_as, moderator, waiting, youth, other_municipality
):
    asked, fresh = experts_in(youth, other_municipality, 2)
    ExpertRouting.objects.create(question=waiting, user=asked)
    content = client_as(moderator).get(reverse("kn_moderation:dashboard")).content.decode()
    route_url = reverse("kn_moderation:question_route", args=[waiting.pk])
    assert f'action="{route_url}"' in content
    assert f'id="route-{waiting.pk}-{fresh.pk}"' in content
    assert f'id="route-{waiting.pk}-{asked.pk}"' not in content
    assert "Al voorgelegd aan" in content


def test_moderator_routes_a_question_by_hand(
    client_as, moderator, waiting, youth, other_municipality, committed
):
    expert, other = experts_in(youth, other_municipality, 2)
    with committed():
        response = client_as(moderator).post(
            reverse("kn_moderation:question_route", args=[waiting.pk]),
            {"experts": [expert.pk, other.pk], "reason": "Ervaren jongerenwerkers"},
        )
    assert response.status_code == 302
    routings = ExpertRouting.objects.filter(question=waiting)
    assert {r.user_id for r in routings} == {expert.pk, other.pk}
    assert {r.routed_by_id for r in routings} == {moderator.pk}
    assert expert_notified(expert, waiting) and expert_notified(other, waiting)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([expert.email, other.email])
    content = client_as(moderator).get(reverse("kn_moderation:dashboard")).content.decode()
    assert f'id="route-{waiting.pk}-{expert.pk}"' not in content  # no longer suggested


def test_routing_by_hand_reaches_theme_followers_too(moderator, waiting, youth, other_municipality):
    (expert,) = experts_in(youth, other_municipality, 1)
    Notification.objects.create(recipient=expert, question=waiting, kind=Kind.NEW_QUESTION_IN_THEME)
    moderation_services.question_route_to_experts(
        actor=moderator, question=waiting, experts=[expert]
    )
    assert expert_notified(expert, waiting)


def test_routing_by_hand_refuses_who_cannot_read_and_changes_nothing(
    moderator, member, municipality, other_municipality, youth
):
    question = ask_uncommitted(member, themes=[youth], visibility="restricted")
    (outsider,) = experts_in(youth, other_municipality, 1)
    (colleague,) = experts_in(youth, municipality, 1)
    with pytest.raises(ValidationError) as error:
        moderation_services.question_route_to_experts(
            actor=moderator, question=question, experts=[colleague, outsider]
        )
    assert str(outsider) in str(error.value)
    assert not ExpertRouting.objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.parametrize("experts", [[], ["abc"], ["999999"]])
def test_routing_form_with_bad_input_changes_nothing(client_as, moderator, waiting, experts):
    response = client_as(moderator).post(
        reverse("kn_moderation:question_route", args=[waiting.pk]),
        {"experts": experts},
        follow=True,
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kies minstens één deskundige." in content or "bestaat niet (meer)" in content
    assert not ExpertRouting.objects.exists()


def test_routing_the_same_expert_twice_is_refused(moderator, waiting, youth, other_municipality):
    (expert,) = experts_in(youth, other_municipality, 1)
    moderation_services.question_route_to_experts(
        actor=moderator, question=waiting, experts=[expert]
    )
    with pytest.raises(ValidationError):
        moderation_services.question_route_to_experts(
            actor=moderator, question=waiting, experts=[expert]
        )
    assert ExpertRouting.objects.filter(question=waiting).count() == 1


def test_members_can_list_their_expertise_on_their_profile(client_as, member, youth):
    content = client_as(member).get(reverse("profile_edit")).content.decode()
    assert 'name="expertise_themes"' in content
    assert f'value="{youth.pk}"' in content


def test_the_dashboard_reads_past_the_first_experts_for_a_restricted_question(
    client_as, moderator, member, municipality, other_municipality, youth, monkeypatch
):
    """The expert pool is read a few members at a time; a restricted question whose only
    readers come late in the rotation still gets them suggested, and none of the others."""
    monkeypatch.setattr(routing, "POOL_CHUNK", 2)
    outsiders = experts_in(youth, other_municipality, 5)
    (colleague,) = experts_in(youth, municipality, 1)
    question = ask_uncommitted(member, title="Besloten vraag", themes=[youth])
    question.__class__.objects.filter(pk=question.pk).update(
        visibility="restricted", created_at=timezone.now() - datetime.timedelta(days=8)
    )
    content = client_as(moderator).get(reverse("kn_moderation:dashboard")).content.decode()
    assert f'id="route-{question.pk}-{colleague.pk}"' in content
    for outsider in outsiders:
        assert f'id="route-{question.pk}-{outsider.pk}"' not in content


def test_the_expert_pool_reads_only_as_far_as_asked(
    other_municipality, youth, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(routing, "POOL_CHUNK", 2)
    experts = experts_in(youth, other_municipality, 5)
    pool = routing.expert_pool({youth.pk})
    # The first chunk (members, their groups, their themes), and nothing more for two experts.
    with django_assert_num_queries(3):
        first = list(itertools.islice(pool, 2))
    assert first == experts[:2]
    assert [user.pk for user in pool] == [expert.pk for expert in experts]
    with django_assert_num_queries(0):
        assert [user.pk for user in pool] == [expert.pk for expert in experts]
