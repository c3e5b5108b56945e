"""A small network with known figures for the dashboard's tests (see builders.py for dates)."""

from dataclasses import dataclass

import pytest

from tests.factories import MunicipalityFactory, ThemeFactory
from tests.insights.builders import PERIOD, ask, at, log_search, month
from tests.practices.factories import make_practice


@dataclass
class Network:
    utrecht: object
    zwolle: object
    amersfoort: object
    apeldoorn: object


@pytest.fixture
def period():
    return PERIOD


@pytest.fixture
def network(municipality, other_municipality):
    """Three themes (Alpha, Beta, Gamma) on five practices and six questions; see the tests."""
    utrecht, zwolle = municipality, other_municipality
    amersfoort = MunicipalityFactory(code="GM0307", name="Amersfoort", province="Utrecht")
    apeldoorn = MunicipalityFactory(code="GM0200", name="Apeldoorn", province="Gelderland")
    merged = MunicipalityFactory(code="GM0001", name="Opgeheven", province="Utrecht", active=False)
    alpha = ThemeFactory(name="Alpha", slug="alpha")
    beta = ThemeFactory(name="Beta", slug="beta")
    gamma = ThemeFactory(name="Gamma", slug="gamma")

    make_practice(
        themes=("alpha", "beta"), municipality=utrecht, published_at=month(0).replace(day=20)
    )
    make_practice(themes=("alpha",), published_at=month(2).replace(day=3))
    make_practice(themes=("gamma",), published_at=month(2).replace(day=4))
    make_practice(themes=("alpha",), municipality=amersfoort, live=False)  # a draft
    make_practice(themes=("alpha",), municipality=apeldoorn, published_at=month(-5))  # too early

    ask(
        when=at(0, 10),
        themes=[alpha, gamma],
        answers=[(1, True, None), (5, False, None)],  # the hidden answer does not count
    )
    ask(when=at(2, 5), themes=[beta], answers=[(24, False, zwolle)])
    # Half past midnight on the 1st is still the previous day in UTC: it counts in month 2.
    ask(when=at(2, 1, 0, 30), answers=[])
    ask(when=at(2, 25), themes=[alpha], municipality=amersfoort, hidden=True)
    ask(when=at(2, 27), themes=[gamma], answers=[(2, False, None)])
    ask(when=at(3, 2), themes=[beta], municipality=merged)

    for query, results, days_ago in [
        ("Jongeren", 5, 1),
        ("jongeren ", 7, 3),
        ("JONGEREN", 3, 10),
        ("azc", 0, 2),
        ("azc", 0, 20),
        ("=HYPERLINK(1)", 0, 5),
        ("oud", 0, 40),  # outside the last 30 days
        ("", 12, 1),  # filters only
    ]:
        log_search(query, results, days_ago)
    return Network(utrecht=utrecht, zwolle=zwolle, amersfoort=amersfoort, apeldoorn=apeldoorn)
