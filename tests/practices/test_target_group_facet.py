"""The target-group filter: free tags shown alphabetically under the kind of group they name
(young people, parents, professionals, organisations, residents), on the catalogue and in
exchange.core.facets on its own."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import translation

from exchange.core.facets import SLUG, Facet, FacetList
from practices.facets import target_group_kind
from tests.practices.factories import make_practice


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("jongeren 14-18", "Jongeren en kinderen"),
        ("leerlingen groep 7 en 8", "Jongeren en kinderen"),
        ("jonge asielzoekers", "Jongeren en kinderen"),
        ("jongerenwerkers", "Professionals"),
        ("professionals jeugd en onderwijs", "Professionals"),
        ("wijkagenten", "Professionals"),
        ("leerkrachten basisonderwijs", "Professionals"),
        ("ouders", "Ouders en gezinnen"),
        ("moeders en vaders uit migrantengemeenschappen", "Ouders en gezinnen"),
        ("bestuur van de moskee", "Organisaties en bestuur"),
        ("gebedshuizen", "Organisaties en bestuur"),
        ("raadsleden", "Organisaties en bestuur"),
        ("sportscholen", "Organisaties en bestuur"),
        ("sleutelfiguren", "Inwoners en gemeenschappen"),
        ("imam", "Inwoners en gemeenschappen"),
        ("inwoners kleine kernen", "Inwoners en gemeenschappen"),
        ("ouderen", "Inwoners en gemeenschappen"),
        ("iedereen", "Overige doelgroepen"),
    ],
)
def test_a_target_group_is_put_under_the_kind_its_name_says(name, kind):
    assert str(target_group_kind(name)[1]) == kind


def test_the_kinds_come_in_a_fixed_order_with_the_rest_last():
    orders = [
        target_group_kind(name)[0]
        for name in ("docenten", "ouders", "jongeren", "scholen", "buurtbewoners", "iedereen")
    ]
    assert orders == sorted(orders) and len(set(orders)) == 6


GROUPS = Facet("target_group", "doelgroep", "Doelgroep", SLUG, kind_of=target_group_kind, limit=5)
LIST = FacetList(facets=(GROUPS,), sorts={"nieuw": "nieuwste"})


def test_values_are_sorted_by_label_within_their_kind_and_chosen_ones_are_kept():
    chosen = LIST.read(RequestFactory().get("/lijst/?doelgroep=ouders"))
    counts = {
        "target_group": [  # the selector's order: most used first
            ("jongeren", "jongeren", 9),
            ("docenten", "docenten", 7),
            ("buurtbewoners", "buurtbewoners", 5),
            ("Agenten", "Agenten", 4),
            ("leerlingen", "leerlingen", 3),
            ("imam", "imam", 2),
            ("ouders", "ouders", 1),
        ]
    }

    (group,) = chosen.groups(counts)

    assert [(section.label, [row.label for row in section.rows]) for section in group.sections] == [
        ("Professionals", ["Agenten", "docenten"]),
        ("Ouders en gezinnen", ["ouders"]),
        ("Jongeren en kinderen", ["jongeren", "leerlingen"]),
        ("Inwoners en gemeenschappen", ["buurtbewoners"]),
    ]
    # The five most used plus the chosen one; "imam" (sixth) is left out.
    assert [row.label for row in group.rows] == [
        "Agenten",
        "docenten",
        "ouders",
        "jongeren",
        "leerlingen",
        "buurtbewoners",
    ]
    assert [row.value for row in group.rows if row.selected] == ["ouders"]


@pytest.mark.django_db
def test_the_catalogue_shows_target_groups_under_headings_alphabetically(client):
    make_practice(target_groups=("jongeren 14-18", "ouders", "docenten"))
    make_practice(target_groups=("wijkagenten", "buurtbewoners", "leerlingen"))
    make_practice(target_groups=("ouders", "Anonieme groep"))

    page = BeautifulSoup(client.get("/praktijken/?doelgroep=ouders").content, "html.parser")

    facet = next(
        fieldset
        for fieldset in page.select("fieldset.kn-facet")
        if fieldset.legend.get_text(strip=True) == "Doelgroep"
    )
    sections = {
        section.legend.get_text(strip=True): [
            label.contents[0].strip() for label in section.select("label")
        ]
        for section in facet.select("fieldset.kn-facet__section")
    }
    assert sections == {
        "Professionals": ["docenten", "wijkagenten"],
        "Ouders en gezinnen": ["ouders"],
        "Jongeren en kinderen": ["jongeren 14-18", "leerlingen"],
        "Inwoners en gemeenschappen": ["buurtbewoners"],
        "Overige doelgroepen": ["Anonieme groep"],
    }
    assert [box["value"] for box in facet.select("input:checked")] == ["ouders"]
    ids = [box["id"] for box in facet.select("input")]
    assert len(ids) == len(set(ids))
