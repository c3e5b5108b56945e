"""The moderators' pages in a browser: the dashboard with full queues, the audit trail with a
filter (also chosen from Wagtail's filter menu), the member queue and the review list pass
axe-core (WCAG 2.1 A/AA)."""

import re

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
    settings.QUESTION_RATE_LIMITS = {"question": (1000, 3600), "answer": (1000, 3600)}


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


def test_audit_trail_filters_from_wagtails_filter_menu(moderator_with_work, page, login, axe_check):
    from playwright.sync_api import expect

    login(moderator_with_work)
    page.goto("/beheer/moderatie/logboek/")
    expect(page.get_by_text("2 acties gevonden.")).to_be_visible()
    page.get_by_role("button", name="Toon filters").click()
    page.get_by_role("button", name="Actie").click()
    page.get_by_label("Actie").select_option("kennisnetwerk.member.approve")
    # The results are swapped in place and the address keeps the filter for a bookmark.
    expect(page.get_by_text("1 actie gevonden.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]actie=kennisnetwerk\.member\.approve"))
    assert page.get_by_text("Collega van de GGD", exact=False).count() >= 1
    axe_check()  # with the filter menu open


def test_review_list_has_no_violations(moderator_with_work, page, login, axe_check):
    login(moderator_with_work)
    axe_check("/beheer/praktijken/te-beoordelen/")
    assert page.get_by_text("Oude praktijk 0", exact=False).count() >= 1
    assert page.get_by_role("button", name="Markeer als beoordeeld").count() == 2
