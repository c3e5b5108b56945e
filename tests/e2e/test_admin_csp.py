"""The admin works in a browser under its Content-Security-Policy: no script is refused."""

import pytest

from practices.services import practice_index_ensure
from tests.factories import ModeratorFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def refused(page):
    """Console reports of anything the browser refused under the policy."""
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return messages


def test_admin_pages_and_the_practice_editor_run_without_policy_violations(page, login, refused):
    moderator = ModeratorFactory()
    index = practice_index_ensure()
    login(moderator)
    for path in (
        "/beheer/",
        f"/beheer/pages/{index.pk}/",
        "/beheer/moderatie/",
        "/beheer/documents/",
        f"/beheer/pages/add/practices/practicepage/{index.pk}/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    # The widgets Wagtail would start with inline scripts work: a partner row is added.
    page.get_by_role("button", name="Voeg partner toe").click()
    assert page.locator("[name='partners-0-name']").count() == 1
    # A new attachment row's document chooser starts and opens its modal.
    page.get_by_role("button", name="Voeg bijlage toe").click()
    page.get_by_role("button", name="Kies een document").click()
    page.wait_for_selector(".modal-dialog", state="visible", timeout=10000)
    # Each date field got its picker (the widget's own element, made by initDateChooser).
    date_fields = page.locator("[data-kn-init='date'][data-kn-started]").count()
    assert date_fields >= 2  # start and end date at least
    assert page.locator(".xdsoft_datetimepicker").count() == date_fields
    assert refused == []
