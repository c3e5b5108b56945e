"""The moderators' member queue fits a 1280px screen with the admin menu open: the "Besluit"
column (where the decisions are made) is not cut off, even with long addresses."""

import pytest
from django.core.management import call_command

from tests.factories import MemberFactory, ModeratorFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_member_queue_with_its_decisions_fits_1280_pixels(page, login, axe_check):
    call_command("load_municipalities", verbosity=0)
    for i in range(3):
        MemberFactory(
            email=f"een.heel.lang.adres.{i}@stichting-jongerenwerk-midden-nederland.nl",
            profile__status="pending",
            profile__municipality=None,
            profile__organisation="Stichting Jongerenwerk Midden-Nederland",
            profile__job_title="Coördinator preventie en veiligheid",
        )
    login(ModeratorFactory())
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/beheer/leden/")

    table = page.locator("table.kn-member-queue").bounding_box()
    assert table["x"] + table["width"] <= 1280
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    for name in ("Goedkeuren", "Afwijzen"):
        button = page.get_by_role("button", name=name, exact=True).first
        box = button.bounding_box()
        assert box["x"] + box["width"] <= 1280, f"{name} is cut off"
    select = page.locator("table.kn-member-queue select").first.bounding_box()
    assert select["x"] + select["width"] <= table["x"] + table["width"]
    axe_check()
