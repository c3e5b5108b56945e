"""The facets' checkboxes (exchange/core/templatetags/kn_facets.py): labelled, escaped, and
folded past the eighth value unless a folded one is chosen."""

from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.utils import translation

from exchange.core.facets import FacetGroup, FacetRow, FacetSection


def render(groups) -> BeautifulSoup:
    with translation.override("nl"):
        html = render_to_string("components/facet_fieldsets.html", {"facet_groups": groups})
    return BeautifulSoup(html, "html.parser")


def rows(n, chosen=()):
    return [
        FacetRow(f"v{i}", f"Waarde <{i}>", 1000 + i, f"v{i}" in chosen) for i in range(1, n + 1)
    ]


def test_every_checkbox_has_its_label_and_count():
    soup = render([FacetGroup("theme", "thema", "Thema", rows(3, chosen=("v2",)))])
    boxes = soup.select("input[type=checkbox]")
    assert [box["value"] for box in boxes] == ["v1", "v2", "v3"]
    assert [box.has_attr("checked") for box in boxes] == [False, True, False]
    for box in boxes:
        label = soup.find("label", attrs={"for": box["id"]})
        assert box["name"] == "thema"
        n = box["value"][1:]
        assert label.get_text(" ", strip=True) == f"Waarde <{n}> ({1000 + int(n)})"  # escaped


def test_values_past_the_eighth_fold_and_open_when_one_of_them_is_chosen():
    closed = render([FacetGroup("municipality", "gemeente", "Gemeente", rows(12))])
    details = closed.find("details", class_="kn-more")
    assert details is not None and not details.has_attr("open")
    assert len(details.select("input")) == 4
    assert details.summary.get_text() == "Toon alle 12"

    opened = render([FacetGroup("municipality", "gemeente", "Gemeente", rows(12, ("v10",)))])
    assert opened.find("details", class_="kn-more").has_attr("open")


def test_sections_get_their_own_ids_and_never_fold():
    first, second = rows(9), rows(2)
    group = FacetGroup(
        "target_group",
        "doelgroep",
        "Doelgroep",
        first + second,
        [FacetSection("Jongeren", first), FacetSection("Ouders", second)],
    )
    soup = render([group])
    assert soup.find("details") is None
    ids = [box["id"] for box in soup.select("input")]
    assert ids[0] == "f-doelgroep-1-1" and ids[-1] == "f-doelgroep-2-2"
    assert len(set(ids)) == 11


def test_values_and_labels_cannot_break_out_of_their_attribute_or_element():
    row = FacetRow('x" onfocus="alert(1)', "<script>alert(1)</script>", 1, False)
    soup = render([FacetGroup("theme", "thema", "Thema", [row])])
    box = soup.find("input")
    assert box["value"] == 'x" onfocus="alert(1)' and not box.has_attr("onfocus")
    assert soup.find("script") is None
