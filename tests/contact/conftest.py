"""Members of two municipalities, one open to contact, and a conversation between them."""

import pytest

from exchange.contact.services import contact_start
from tests.factories import MemberFactory, MunicipalityFactory


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the block schedules on commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def zwolle(db):
    return MunicipalityFactory(code="GM0193", name="Zwolle", slug="zwolle", province="Overijssel")


@pytest.fixture
def sender(municipality):
    return MemberFactory(
        email="anna@utrecht.nl",
        first_name="Anna",
        last_name="de Vries",
        profile__municipality=municipality,
        profile__job_title="beleidsadviseur",
    )


@pytest.fixture
def open_member(zwolle):
    return MemberFactory(
        email="bram@zwolle.nl",
        first_name="Bram",
        last_name="Jansen",
        profile__municipality=zwolle,
        profile__job_title="coördinator sociale stabiliteit",
        profile__open_to_contact=True,
    )


@pytest.fixture
def closed_member(zwolle):
    return MemberFactory(
        email="carla@zwolle.nl",
        first_name="Carla",
        last_name="Smit",
        profile__municipality=zwolle,
    )


@pytest.fixture
def conversation(sender, open_member, committed):
    with committed():
        return contact_start(
            sender=sender,
            recipients=[open_member],
            subject="Sleutelfiguren in de wijk",
            body="Hoe houden jullie contact met sleutelfiguren na een incident?",
        )
