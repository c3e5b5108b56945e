"""On small screens the catalogue and /zoeken/ show results first, with the filters behind a
"Filters" button (the browser side: tests/e2e/test_header_and_start_page.py)."""

import pytest
from bs4 import BeautifulSoup

from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "panel"),
    [
        ("/praktijken/?doelgroep=ouders", "catalogue-filters"),
        ("/zoeken/?q=aanpak&doelgroep=ouders", "search-filters"),
    ],
)
def test_the_filters_button_controls_the_filters_and_says_how_many_are_chosen(client, path, panel):
    make_practice(title="Een aanpak met ouders", target_groups=("ouders",))

    page = BeautifulSoup(client.get(path).content, "html.parser")

    button = page.select_one("button.kn-filters-toggle")
    assert button["type"] == "button"
    assert button["aria-expanded"] == "false"
    assert button["aria-controls"] == panel
    assert button.has_attr("data-disclosure")
    assert " ".join(button.get_text().split()) == "Filters (1 gekozen)"
    filters = page.find(id=panel)
    assert "kn-filters-panel" in filters["class"]
    assert filters.find("fieldset")  # the facets are inside what the button folds
    assert not filters.has_attr("hidden")  # without JavaScript the filters show


def test_without_chosen_filters_the_button_just_says_filters(client):
    make_practice()

    page = BeautifulSoup(client.get("/praktijken/").content, "html.parser")

    assert page.select_one("button.kn-filters-toggle").get_text(strip=True) == "Filters"
