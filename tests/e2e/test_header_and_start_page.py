"""Browser tests: the member's start page, the header on small and wide screens, and the
catalogue and /zoeken/ with their filters folded away on small screens."""

import pytest
from django.core.management import call_command

from exchange.municipalities.models import Municipality
from exchange.notifications.models import Notification
from exchange.questions.models import Follow
from exchange.themes.models import Theme
from tests.factories import MemberFactory, ModeratorFactory
from tests.practices.factories import make_practice
from tests.questions.factories import make_answer, make_question

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MOBILE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def network():
    call_command("load_municipalities", verbosity=0)
    utrecht = Municipality.objects.get(code="GM0344")
    zwolle = Municipality.objects.get(code="GM0193")
    member = MemberFactory(
        first_name="Fatima",
        profile__municipality=utrecht,
        profile__job_title="Beleidsadviseur radicalisering",
        profile__expertise_themes=list(Theme.objects.filter(slug__in=("jongeren", "onderwijs"))),
    )
    colleague = MemberFactory(profile__municipality=utrecht)
    stranger = MemberFactory(profile__municipality=zwolle)
    Follow.objects.create(user=member, theme=Theme.objects.get(slug="polarisatie"))
    Follow.objects.create(user=member, municipality=zwolle)
    for i in range(8):
        make_practice(
            title=f"Gesprekstafels in de wijk {i}",
            municipality=(utrecht, zwolle)[i % 2],
            themes=("polarisatie", "jongeren"),
            target_groups=("jongeren 14-18", "ouders", "docenten", "buurtbewoners"),
            evidence_level="beschreven",
        )
    make_practice(title="Ons concept over scholen", municipality=utrecht, live=False)
    asked = make_question(author=stranger, title="Hoe betrekken jullie scholen?")
    make_question(author=member, title="Wie heeft ervaring met sleutelfiguren?")
    make_answer(question=asked, author=colleague)
    make_question(author=stranger, title="Spanningen na een incident", themes=("polarisatie",))
    return member


def test_start_page_has_no_violations(network, login, axe_check, page):
    login(network)
    axe_check("/mijn-kennisnetwerk/")
    assert page.locator("h1").inner_text() == "Mijn kennisnetwerk"
    assert page.get_by_role("link", name="Deel een praktijk").count() >= 1


def test_mobile_header_folds_the_menu_behind_a_button(network, page, axe_check):
    page.set_viewport_size(MOBILE)
    page.goto("/")
    toggle = page.locator("header button.kn-menu-toggle")
    menu = page.locator("#kn-menu")

    assert toggle.is_visible()
    assert not menu.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    header_height = page.locator("header").bounding_box()["height"]
    assert header_height < 120, f"the closed header is {header_height}px high"
    axe_check()

    # Keyboard only: skip link, site name, then the menu button.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "kn-menu-toggle" in focused
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    assert page.locator("#header-search-q").is_visible()
    axe_check()

    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()

    # Escape closes an open menu and brings focus back to its button.
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert "kn-menu-toggle" in page.evaluate("document.activeElement.className")


def test_mobile_header_for_a_member_has_no_violations(network, page, login, axe_check):
    login(network)
    page.set_viewport_size(MOBILE)
    page.goto("/mijn-kennisnetwerk/")
    axe_check()
    page.locator("header button.kn-menu-toggle").click()
    assert page.get_by_role("link", name="Mijn kennisnetwerk").is_visible()
    axe_check()


def test_without_javascript_the_menu_stays_open(network, browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=MOBILE
    )
    page = context.new_page()
    page.goto("/")
    assert page.locator("#kn-menu").is_visible()
    assert not page.locator("header button.kn-menu-toggle").is_visible()
    context.close()


def test_wide_screens_show_the_menu_without_a_button(network, page):
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    assert page.locator("#kn-menu").is_visible()
    assert not page.locator("header button.kn-menu-toggle").is_visible()


def _header_rows(page) -> int:
    """How many rows the header's menu items take: items whose vertical ranges overlap share one.

    The site's name is left out: set on two lines it is as tall as two rows of menu items and
    would join them into one.
    """
    boxes = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            'header nav > ul > li, header form[role=search]'
        )).map(el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom]; })"""
    )
    rows = []
    for top, bottom in sorted(boxes):
        if rows and top < rows[-1][1]:
            rows[-1][1] = max(rows[-1][1], bottom)
        else:
            rows.append([top, bottom])
    return len(rows)


def test_logged_in_header_fits_one_row_at_1280_pixels(network, page, login, axe_check):
    # The longest header: a moderator's, with "Leden", the start page and a two-digit count
    # of unread notifications.
    moderator = ModeratorFactory(
        first_name="Mirjam", profile__municipality=network.profile.municipality
    )
    for i in range(12):
        question = make_question(author=network, title=f"Vraag {i} voor de moderator")
        Notification.objects.create(
            recipient=moderator, kind="new_question_in_theme", question=question
        )
    login(moderator)
    page.set_viewport_size(DESKTOP)
    page.goto("/praktijken/")
    badge = page.locator("header a[href='/meldingen/']")
    assert badge.is_visible() and "Notificaties (12" in badge.inner_text()

    assert _header_rows(page) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]

    # Profile, admin and log out open below "Account" (a <details>: keyboard and no JS).
    page.locator(".kn-account-menu > summary").focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("link", name="Beheer").is_visible()
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    assert _header_rows(page) == 1
    axe_check()


def test_catalogue_on_a_phone_shows_results_first(network, page, axe_check):
    page.set_viewport_size(MOBILE)
    page.goto("/praktijken/?doelgroep=ouders")
    toggle = page.locator("button.kn-filters-toggle")
    filters = page.locator("#catalogue-filters")

    assert toggle.is_visible() and not filters.is_visible()
    assert "1 gekozen" in toggle.inner_text()
    first_result = page.locator("section[aria-labelledby=results-heading] li").first
    top = first_result.bounding_box()["y"]
    assert top < MOBILE["height"], f"the first result starts {top}px down"
    axe_check()

    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert filters.is_visible()
    axe_check()


def test_search_on_a_phone_shows_results_first(network, page, axe_check):
    page.set_viewport_size(MOBILE)
    page.goto("/zoeken/?q=gesprekstafels")
    toggle = page.locator("button.kn-filters-toggle")

    assert toggle.is_visible()
    assert not page.locator("#search-filters").is_visible()
    first_result = page.locator(".search-result").first
    assert first_result.bounding_box()["y"] < MOBILE["height"]
    axe_check()
    toggle.click()
    assert page.locator("#search-filters").is_visible()


def test_wide_catalogue_keeps_the_filters_as_a_sidebar(network, page):
    page.set_viewport_size(DESKTOP)
    page.goto("/praktijken/")
    assert not page.locator("button.kn-filters-toggle").is_visible()
    filters = page.locator("#catalogue-filters").bounding_box()
    results = page.locator("#results-heading").bounding_box()
    assert filters["x"] < results["x"] and abs(filters["y"] - results["y"]) < 60


def test_the_empty_answer_box_has_no_error_border(network, page, login):
    question = make_question(author=MemberFactory(), title="Een open vraag zonder antwoord")
    login(network)
    page.goto(question.get_absolute_url())
    box = page.locator("textarea[name=body]")
    assert box.get_attribute("aria-invalid") is None
    colours = page.evaluate(
        """() => {
            const box = document.querySelector('textarea[name=body]');
            const style = getComputedStyle(box);
            const probe = document.createElement('textarea');
            probe.className = box.className;
            box.parentNode.appendChild(probe);
            const normal = getComputedStyle(probe).borderTopColor;
            probe.remove();
            return [style.borderTopColor, normal, box.matches(':invalid')];
        }"""
    )
    border, normal, invalid = colours
    assert invalid  # required and empty: the browser calls it invalid...
    assert border == normal  # ...but it does not look like an error before anyone sent it
    assert border != "rgb(176, 42, 36)"  # the error colour (#b02a24)
