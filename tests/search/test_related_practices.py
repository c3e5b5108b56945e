"""With an engine configured, a practice's related practices come from more-like-this."""

import pytest

from exchange.themes.models import Theme
from tests.factories import MunicipalityFactory
from tests.practices.factories import make_practice

pytestmark = pytest.mark.engine


@pytest.fixture
def themes(engine_index):
    for slug, name in (("jongeren", "Jongeren"), ("onderwijs", "Onderwijs")):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})


def test_related_practices_use_more_like_this_and_respect_visibility(
    client, engine_index, themes, django_capture_on_commit_callbacks
):
    utrecht = MunicipalityFactory(code="GM0344", name="Utrecht")
    zwolle = MunicipalityFactory(code="GM0193", name="Zwolle", province="Overijssel")
    text = "Gastlessen over online radicalisering voor docenten en leerlingen in het mbo"
    with django_capture_on_commit_callbacks(execute=True):
        anchor = make_practice(
            title="Gastlessen online radicalisering",
            municipality=utrecht,
            summary=text,
            themes=("onderwijs",),
        )
        similar = make_practice(
            title="Lessen over online radicalisering op school",
            municipality=zwolle,
            summary=text,
            themes=("onderwijs",),
        )
        hidden = make_practice(
            title="Beperkte lessen online radicalisering",
            municipality=zwolle,
            summary=text,
            visibility="restricted",
            themes=("onderwijs",),
        )
        make_practice(
            title="Sportclub en buurt",
            municipality=zwolle,
            summary="Voetbaltoernooi in de wijk",
            themes=("jongeren",),
        )
    engine_index.refresh()
    related = client.get(anchor.url).context["related"]
    assert similar in related
    assert hidden not in related
