import pytest

from exchange.themes.models import Theme
from tests.factories import MemberFactory
from tests.search.conftest import engine_index  # noqa: F401  (the live-node fixture)


@pytest.fixture
def source(db):
    return Theme.objects.create(
        name="Online radicalisering", slug="online-radicalisering", synonyms="online extremisme"
    )


@pytest.fixture
def target(db):
    return Theme.objects.create(name="Radicalisering online", slug="radicalisering-online")


@pytest.fixture
def asker(municipality):
    return MemberFactory(profile__municipality=municipality)
