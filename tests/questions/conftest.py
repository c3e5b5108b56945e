import pytest

from tests.factories import MemberFactory


@pytest.fixture
def asker(municipality):
    """A verified member of Utrecht who asks the questions (not one of the visitors)."""
    return MemberFactory(profile__municipality=municipality, first_name="Vera", last_name="Vrager")


@pytest.fixture
def answerer(other_municipality):
    return MemberFactory(
        profile__municipality=other_municipality, first_name="Aart", last_name="Antwoorder"
    )
