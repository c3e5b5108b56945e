"""The site header on every page: a labelled search box, the current section marked with
aria-current, a menu button for small screens (progressive enhancement) and a favicon that
never leaves the machine."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from tests.questions.factories import make_question

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/praktijken/",
    "/vragen/",
    "/zoeken/?q=jongeren",
    "/gemeenten/",
    "/thema/",
    "/thema/jongeren/",
    "/toegankelijkheid/",
    "/privacy/",
    "/account/login/",
    "/account/signup/",
    "/deze-pagina-bestaat-niet/",
]
MEMBER_PATHS = ["/mijn-kennisnetwerk/", "/leden/", "/account/profiel/", "/meldingen/"]


def header_of(response):
    return BeautifulSoup(response.content, "html.parser").find("header")


def assert_search_box(header, path):
    form = header.find("form", attrs={"role": "search"})
    assert form is not None, f"no search box in the header of {path}"
    assert form["action"] == "/zoeken/" and form["method"] == "get"
    assert form.get("aria-label")
    field = form.find("input", attrs={"name": "q"})
    assert field["type"] == "search"
    label = form.find("label", attrs={"for": field["id"]})
    assert label is not None and label.get_text(strip=True), f"unlabelled search box on {path}"
    assert form.find("button", attrs={"type": "submit"}).get_text(strip=True) == "Zoeken"


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_page_has_a_labelled_search_box_in_the_header(client, municipality, path):
    response = client.get(path)

    assert response.status_code in (200, 404)
    assert_search_box(header_of(response), path)


def test_members_pages_have_the_search_box_too(client_as, member):
    client = client_as(member)
    for path in MEMBER_PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_search_box(header_of(response), path)


def current_items(response) -> dict[str, str]:
    header = header_of(response)
    return {
        link.get_text(strip=True): link["aria-current"]
        for link in header.find_all("a", attrs={"aria-current": True})
    }


def test_the_menu_item_of_the_current_page_is_marked(client):
    assert current_items(client.get("/vragen/")) == {"Vragen": "page"}
    assert current_items(client.get("/gemeenten/")) == {"Gemeenten": "page"}
    assert current_items(client.get("/praktijken/")) == {"Goede praktijken": "page"}


def test_deeper_pages_mark_their_section(client, member, municipality):
    question = make_question(author=member, visibility="public")

    assert current_items(client.get(question.get_absolute_url())) == {"Vragen": "true"}
    assert current_items(client.get("/thema/jongeren/")) == {"Thema's": "true"}
    assert current_items(client.get(municipality.get_absolute_url())) == {"Gemeenten": "true"}


def test_pages_outside_the_menu_mark_nothing(client):
    assert current_items(client.get("/")) == {}
    assert current_items(client.get("/toegankelijkheid/")) == {}


def test_the_start_page_is_marked_in_the_members_menu(client_as, member):
    response = client_as(member).get("/mijn-kennisnetwerk/")

    assert current_items(response) == {"Mijn kennisnetwerk": "page"}


def test_the_start_page_is_in_the_header_for_verified_members_only(
    client, client_as, member, pending_member
):
    link = 'href="/mijn-kennisnetwerk/"'
    assert link in client_as(member).get("/").content.decode()
    assert link not in client_as(pending_member).get("/").content.decode()
    client.logout()
    assert link not in client.get("/").content.decode()


def test_the_menu_button_is_a_disclosure_that_controls_the_whole_menu(client):
    response = client.get("/")
    page = BeautifulSoup(response.content, "html.parser")
    header = page.find("header")

    button = header.find("button", class_="kn-menu-toggle")
    assert button["type"] == "button"
    assert button["aria-expanded"] == "false"
    menu = header.find(id=button["aria-controls"])
    assert menu is not None
    assert menu.find("nav", attrs={"aria-label": "Hoofdmenu"})
    assert menu.find("form", attrs={"role": "search"})
    assert menu.find("nav", attrs={"aria-label": "Account"})
    # Without JavaScript nothing is hidden: the menu carries no `hidden`, the CSS folds it
    # only under `.kn-js`, which the external script sets.
    assert not menu.has_attr("hidden")
    scripts = page.find_all("script")
    assert all(script.get("src") for script in scripts), "inline script on a public page"
    assert page.head.find("script", src="/static/js/disclosure.js")


def test_the_disclosure_script_and_styles_exist():
    script = Path(finders.find("js/disclosure.js")).read_text()
    assert 'classList.add("kn-js")' in script
    assert "aria-expanded" in script
    css = Path(finders.find("css/theme.css")).read_text()
    assert ".kn-js .kn-header__menu:not([data-open]) { display: none; }" in css


def test_the_favicon_is_linked_and_served_from_our_own_static_files(client):
    page = BeautifulSoup(client.get("/").content, "html.parser")

    icons = page.head.find_all("link", rel="icon")
    assert {icon["href"] for icon in icons} == {"/static/favicon.svg", "/static/favicon.ico"}
    svg = Path(finders.find("favicon.svg")).read_text()
    assert svg.startswith("<svg") and "http://www.w3.org/2000/svg" in svg
    assert "href" not in svg  # nothing fetched from elsewhere
    with open(finders.find("favicon.ico"), "rb") as ico:
        assert ico.read(4) == b"\x00\x00\x01\x00"


def test_the_account_menu_leads_verified_members_to_conversations_and_inventories(
    client_as, member, pending_member
):
    menu = header_of(client_as(member).get("/")).find("details", class_="kn-account-menu")
    links = {a["href"] for a in menu.find_all("a")}
    assert {"/contact/", "/inventarisaties/"} <= links

    pending = header_of(client_as(pending_member).get("/")).find("details")
    assert not {"/contact/", "/inventarisaties/"} & {a["href"] for a in pending.find_all("a")}
