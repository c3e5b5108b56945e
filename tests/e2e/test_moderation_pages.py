"""The moderators' pages in a browser: the dashboard with full queues, the audit trail with a
filter and the member queue pass axe-core (WCAG 2.1 A/AA)."""

import pytest

from exchange.accounts.services import member_approve
from exchange.moderation import services
from tests.factories import MemberFactory, ModeratorFactory, MunicipalityFactory
from tests.moderation.builders import (
    ask,
    due_practice,
    report,
    search_in_vain,
    submitted_practice,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.EXCHANGE_RATE_LIMITS = {"question": (1000, 3600), "answer": (1000, 3600)}


@pytest.fixture
def moderator_with_work():
    """Something in every queue, and a few moderator actions in the audit trail."""
    # Not the root conftest's member fixtures: they ask for `db`, which these browser tests'
    # transactional database does not mix with.
    municipality = MunicipalityFactory(code="GM0344", name="Utrecht", domains=["utrecht.nl"])
    member = MemberFactory(profile__municipality=municipality)
    other_member = MemberFactory(profile__municipality=municipality)
    moderator = ModeratorFactory(first_name="Mo", last_name="Derator")
    for n in range(2):
        report(ask(member, title=f"Gemelde vraag {n} over de wijk"), other_member)
        ask(member, title=f"Wachtende vraag {n} over jongeren", days_old=9)
        submitted_practice(member, title=f"Ingediende praktijk {n}")
        due_practice(title=f"Oude praktijk {n}", municipality=municipality)
        MemberFactory(profile__status="pending", profile__municipality=None)
    hidden = report(ask(member, title="Verborgen vraag"), other_member)
    services.post_hide(actor=moderator, post=hidden, reason="Noemt een casus")
    approved = MemberFactory(profile__status="pending", profile__municipality=municipality)
    member_approve(actor=moderator, profile=approved.profile, reason="Collega van de GGD")
    search_in_vain("kwartelbeleid", times=3)
    return moderator


def test_moderation_dashboard_has_no_violations(moderator_with_work, page, login, axe_check):
    login(moderator_with_work)
    axe_check("/beheer/moderatie/")
    # Every queue shows up with its items.
    for title in (
        "Gemelde vraag 0",
        "Wachtende vraag 0",
        "Ingediende praktijk 0",
        "Oude praktijk 0",
    ):
        assert page.get_by_text(title, exact=False).count() >= 1, title


def test_audit_trail_with_a_filter_has_no_violations(moderator_with_work, page, login, axe_check):
    login(moderator_with_work)
    axe_check(
        f"/beheer/moderatie/logboek/?actie=kennisnetwerk.post.hide&door={moderator_with_work.pk}"
    )
    assert page.get_by_text("Noemt een casus", exact=False).count() >= 1
    axe_check("/beheer/moderatie/logboek/?tekst=GGD")


def test_member_queue_has_no_violations(moderator_with_work, page, login, axe_check):
    login(moderator_with_work)
    axe_check("/beheer/leden/")
    assert page.locator("input[type=checkbox][name=profiles]").count() == 2
    axe_check("/beheer/leden/?status=verified")
