"""The moderators' network dashboard in a browser: no axe-core violations, charts with words."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme
from tests.factories import ModeratorFactory
from tests.insights.builders import ask, at, log_search, month
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DASHBOARD = "/beheer/netwerk/"


@pytest.fixture
def moderator_with_network():
    call_command("load_municipalities", verbosity=0)
    places = list(Municipality.objects.active().order_by("code")[:40])
    themes = list(Theme.objects.order_by("pk")[:7])
    for n in range(8):
        make_practice(
            themes=(themes[n % 7].slug,),
            municipality=places[n],
            published_at=month(n % 6).replace(day=3),
        )
    for n in range(24):
        ask(
            when=at(n % 6, 5 + n % 20),
            themes=themes[n % 7 : n % 7 + 2],
            municipality=places[n + 8],
            answers=[(3 + n * 5, False, places[(n * 7) % 40])] if n % 3 else [],
        )
    for n, query in enumerate(["jongeren", "azc", "polarisatie", "=HYPERLINK(1)", "moskee"]):
        for _ in range(5 - n):
            log_search(query, 0 if n % 2 else 4, n + 1)
    return ModeratorFactory()


def test_dashboard_has_no_violations(moderator_with_network, page, login, axe_check):
    login(moderator_with_network)
    axe_check(DASHBOARD)
    # The tables are folded away at first; open them and look again.
    for summary in page.locator("details.insights-table > summary").all():
        summary.click()
    axe_check()
    axe_check(f"{DASHBOARD}?periode=24&zoekperiode=90")


def test_every_chart_has_a_title_and_a_description(moderator_with_network, page, login):
    login(moderator_with_network)
    page.goto(DASHBOARD)
    charts = page.locator("main svg[role=img]")
    assert charts.count() >= 10
    names = page.evaluate(
        """() => [...document.querySelectorAll('main svg[role=img]')].map(svg => {
            const text = attr => (svg.getAttribute(attr) || '').split(' ').filter(Boolean)
                .map(id => document.getElementById(id)?.textContent.trim() || '').join(' ');
            return [text('aria-labelledby'), text('aria-describedby')];
        })"""
    )
    for name, description in names:
        assert name, "a chart without an accessible name"
        assert len(description) > 40, f"{name}: the description does not say much"
    # The summaries carry the figures a sighted reader takes from the chart.
    assert any("nieuwe praktijken en" in description for _name, description in names)
    assert page.get_by_role("img", name="Deelname per provincie op de kaart").count() == 1


def test_tables_follow_the_charts_and_csv_links_download(moderator_with_network, page, login):
    login(moderator_with_network)
    page.goto(DASHBOARD)
    section = page.locator("section#deelname")
    section.locator("summary").click()
    table = section.get_by_role("table", name="Actieve gemeenten per provincie")
    assert table.locator("tbody tr").count() == 12
    with page.expect_download() as download_info:
        # The link names its table for screen readers (visually it sits right under it).
        section.get_by_role(
            "link", name=re.compile(r"^Download als CSV\s*: Actieve gemeenten per provincie$")
        ).click()
    download = download_info.value
    assert download.suggested_filename == (
        f"netwerk-provincies-{timezone.localdate():%Y-%m-%d}.csv"
    )
