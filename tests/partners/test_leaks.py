"""Nothing of a register is in public search, suggestions, the API, feeds or the sitemap, for
any of the seven visitors: the register is not indexed at all (the shareable part is found
through /lokaal-netwerk/wie-werkt-met/ only)."""

import pytest

from search.sync import sync_item
from tests.practices.factories import make_practice

from .conftest import KEY_FIGURE_EMAIL, KEY_FIGURE_NAME, KEY_FIGURE_ROLE, ORGANISATION_NAME

pytestmark = pytest.mark.django_db

# Whole names and roles: a search page repeats the single words it was asked for.
MARKERS = [ORGANISATION_NAME, KEY_FIGURE_ROLE, KEY_FIGURE_NAME, KEY_FIGURE_EMAIL]


def paths():
    for query in ("Zeldzaamwoord", "Krommewilgenhof", "Quetzalcoatl", "moskee"):
        yield f"/zoeken/?q={query}"
        yield f"/zoeken/?q={query}&soort=practice&soort=question"
        yield f"/zoeken/suggesties/?q={query[:6]}"
        yield f"/api/v1/search?q={query}"
    yield "/api/v1/practices"
    yield "/api/v1/questions"
    yield "/praktijken/feed/"
    yield "/vragen/feed/"
    yield "/thema/polarisatie/feed/"
    yield "/sitemap.xml"


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "pending member",
        "member of the same municipality",
        "member of another municipality",
        "member for a partner organisation",
        "theme moderator",
        "moderator",
    ],
)
def test_no_path_outside_the_register_reveals_an_entry(
    client, log_in, visitors, municipality, mosque_board, key_figure, polarisation, who
):
    # A practice about the same theme and municipality, so searches and feeds have content.
    practice = make_practice(
        title="Dialoog met moskeebesturen", municipality=municipality, themes=("polarisatie",)
    )
    sync_item("practice", practice.pk)
    if visitors[who] is not None:
        log_in(client, visitors[who])
    for path in paths():
        response = client.get(path)
        assert response.status_code in (200, 302, 400), path
        body = response.content.decode()
        for marker in MARKERS:
            assert marker.lower() not in body.lower(), (path, marker)
    # The paths do answer with content: the practice about the same theme is found.
    assert "Dialoog met moskeebesturen" in client.get("/zoeken/?q=moskeebesturen").content.decode()
