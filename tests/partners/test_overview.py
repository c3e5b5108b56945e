"""The network overview: counts of municipalities under the small-group rule, exact for
moderators; the province tiles; and "who works with …" showing shared entries only."""

import pytest
from django.urls import reverse

from exchange.partners.overview import network_overview
from tests.factories import MemberFactory, MunicipalityFactory, ThemeFactory

from .conftest import ORGANISATION_NAME, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(municipality, polarisation, radicalisation):
    """Eight municipalities keep a register: six work with a mosque board on polarisation, two
    with the police; one of the six (Utrecht) keeps its mosque board private."""
    places = [municipality] + [MunicipalityFactory(province="Utrecht") for _ in range(7)]
    for place in places[:6]:
        make_organisation(
            place, kind_slug="mosque", themes=[polarisation], shareable=place != municipality
        )
    for place in places[6:]:
        make_organisation(place, kind_slug="police", themes=[polarisation, radicalisation])
    for _ in range(6):
        MunicipalityFactory(province="Zeeland")  # no register
    return places


def cell(overview, label, theme):
    line = next(line for line in overview.kinds if line.label == label)
    return line.cells[overview.themes.index(theme)]


def test_members_see_counts_of_five_or_more_and_small_ones_withheld(network, member, polarisation):
    overview = network_overview(user=member)

    assert not overview.exact
    assert cell(overview, "Moskee", polarisation) == 6
    assert cell(overview, "Politie", polarisation) is None  # two municipalities: withheld


def test_moderators_see_the_exact_counts(network, moderator, polarisation, radicalisation):
    overview = network_overview(user=moderator)

    assert overview.exact
    assert cell(overview, "Politie", polarisation) == 2
    assert cell(overview, "Politie", radicalisation) == 2
    assert overview.network_size == 8


def test_gaps_count_municipalities_with_a_register_but_no_link(
    network, member, moderator, radicalisation
):
    exact = network_overview(user=moderator)
    safety = next(line for line in exact.gaps if line.label == "Veiligheid")
    assert safety.cells[exact.themes.index(radicalisation)] == 6  # 8 keep a register, 2 police

    protected = network_overview(user=member)
    safety = next(line for line in protected.gaps if line.label == "Veiligheid")
    # Six without means two with: shown, that would reveal the small group. Both go.
    assert safety.cells[protected.themes.index(radicalisation)] is None


def test_a_main_theme_no_register_mentions_is_the_widest_gap(network, moderator):
    unused = ThemeFactory(name="Online haat zonder partners", slug="online-haat-leeg")

    overview = network_overview(user=moderator)

    education = next(line for line in overview.gaps if line.label == "Onderwijs")
    assert education.cells[overview.themes.index(unused)] == 8  # every register, no link


def test_the_tile_map_counts_municipalities_with_a_register_per_province(network, moderator):
    overview = network_overview(user=moderator)

    tiles = {tile.label: tile for tile in overview.tiles.tiles}
    assert tiles["Utrecht"].counts == "8/8"
    assert tiles["Zeeland"].counts == "0/6"
    assert tiles["Groningen"].shade is None  # no municipalities at all
    assert (tiles["Groningen"].counts, tiles["Groningen"].share) == ("0/0", "–")


def test_a_province_with_few_registers_is_withheld_on_the_members_tile_map(
    network, member, moderator
):
    MunicipalityFactory(province="Limburg")
    make_organisation(MunicipalityFactory(province="Limburg"))
    for _ in range(4):
        MunicipalityFactory(province="Limburg")

    exact = {tile.label: tile for tile in network_overview(user=moderator).tiles.tiles}
    shown = {tile.label: tile for tile in network_overview(user=member).tiles.tiles}

    assert exact["Limburg"].counts == "1/6"
    assert shown["Limburg"].counts == "?/6"
    assert shown["Limburg"].share == "afgeschermd" and shown["Limburg"].shade is None
    assert shown["Zeeland"].counts == "0/6"  # zero is shown: nobody to single out
    assert shown["Groningen"].counts == "0/0"  # nothing to protect, nothing withheld


def test_the_overview_page_draws_the_map_and_tables(client_as, network, member):
    page = client_as(member).get(reverse("partners_overview")).content.decode()

    assert 'role="img"' in page and '<title id="kaart-netwerk-titel">' in page
    assert "afgeschermd" in page
    assert "Moskee" in page


def test_who_works_with_shows_kind_themes_and_municipality_but_never_the_name(
    client_as, network, other_member, municipality, mosque_board
):
    shared = network[1]
    MemberFactory(profile__municipality=shared, profile__open_to_contact=True)

    page = client_as(other_member).get(
        reverse("partners_who_works_with"), {"soort": "mosque", "thema": "polarisatie"}
    )

    content = page.content.decode()
    assert shared.name in content
    assert ORGANISATION_NAME not in content  # shared, but names are never shown
    assert "Organisatie " not in content
    assert reverse("contact_municipality", args=[shared.slug]) in content
    # Utrecht shares its mosque board; nobody there is open to contact, so no contact link.
    assert municipality.name in content
    assert reverse("contact_municipality", args=[municipality.slug]) not in content


def test_a_private_entry_is_not_in_who_works_with(client_as, network, other_member):
    private_only = network[0]  # Utrecht's network fixture entry is private
    page = client_as(other_member).get(reverse("partners_who_works_with"), {"soort": "police"})

    content = page.content.decode()
    assert "0 gemeenten gevonden" in content
    assert private_only.name not in content
