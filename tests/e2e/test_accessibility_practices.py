"""axe-core: the practice catalogue (with filters applied) and a practice page."""

import pytest
from django.core.management import call_command

from exchange.municipalities.models import Municipality
from tests.factories import MemberFactory
from tests.practices.factories import make_document, make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def catalogue():
    call_command("load_municipalities", verbosity=0)
    utrecht = Municipality.objects.get(code="GM0344")
    zwolle = Municipality.objects.get(code="GM0193")
    contact = MemberFactory(profile__municipality=utrecht, profile__job_title="Beleidsadviseur")
    document = make_document(title="Evaluatie 2024")
    practices = [
        make_practice(
            title=f"Gesprekstafels met jongeren {i}",
            municipality=utrecht if i % 2 else zwolle,
            themes=("jongeren", "polarisatie"),
            target_groups=("jongeren 14-18", "docenten"),
            partners=2,
            attachments=[(document, "")],
            contact_person=contact,
            evidence_level="beschreven",
            description="<p>Wat we deden en <strong>waarom</strong>.</p>",
            results="<p>Meer vertrouwen tussen school en wijk.</p>",
        )
        for i in range(6)
    ]
    return practices, contact


def test_catalogue_with_filters_has_no_violations(catalogue, axe_check):
    axe_check("/praktijken/")
    axe_check("/praktijken/?thema=jongeren&provincie=Utrecht&sorteer=titel")
    axe_check("/praktijken/?thema=onderwijs")  # the empty state


def test_practice_page_has_no_violations(catalogue, axe_check, login):
    practices, contact = catalogue
    axe_check(practices[0].url)
    login(contact)
    axe_check(practices[1].url)


def test_filters_work_without_javascript(catalogue, browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/praktijken/")
    page.locator("input[name=provincie][value=Utrecht]").check()
    page.locator("form.kn-filters button[type=submit]").click()
    assert "provincie=Utrecht" in page.url
    assert page.locator("#results-heading").inner_text().startswith("3")
    context.close()
