"""axe-core finds no WCAG 2.1 A/AA violations on writing to a municipality and on the thread."""

import pytest

from exchange.contact.models import Conversation
from tests.factories import MemberFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def people():
    utrecht = MunicipalityFactory(code="GM0344", name="Utrecht", slug="utrecht")
    zwolle = MunicipalityFactory(code="GM0193", name="Zwolle", slug="zwolle")
    sender = MemberFactory(first_name="Anna", last_name="de Vries", profile__municipality=utrecht)
    recipient = MemberFactory(
        first_name="Bram",
        last_name="Jansen",
        profile__municipality=zwolle,
        profile__job_title="coördinator",
        profile__open_to_contact=True,
    )
    return sender, recipient


def test_writing_and_the_thread_have_no_violations(people, page, axe_check, login):
    sender, recipient = people
    login(sender)
    page.goto("/gemeenten/zwolle/")
    page.get_by_role("link", name="Schrijf aan collega's van deze gemeente").click()
    page.wait_for_load_state()
    axe_check()
    # Sending without anything chosen or written: the errors are accessible too.
    page.get_by_role("button", name="Bericht versturen").click()
    page.wait_for_load_state()
    assert "Fout:" in page.title()
    axe_check()
    page.get_by_label("Bram Jansen (coördinator)").check()
    page.get_by_label("Onderwerp").fill("Sleutelfiguren in de wijk")
    page.get_by_label("Bericht", exact=True).fill("Hoe houden jullie contact na een incident?")
    page.get_by_role("button", name="Bericht versturen").click()
    page.wait_for_load_state()
    conversation = Conversation.objects.get()
    assert page.url.endswith(conversation.get_absolute_url())
    assert page.locator("h1").inner_text() == "Sleutelfiguren in de wijk"
    axe_check()
    axe_check("/contact/")
