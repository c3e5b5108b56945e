"""A register of Utrecht with a shareable mosque board, a private school and key figures, and
the seven kinds of visitor that every register page must treat right."""

import datetime

import pytest
from django.utils import timezone

from exchange.partners.models import ConsentMethod, Cooperation, KeyFigure, Organisation
from exchange.themes.models import ModeratorScope, OrganisationKind
from tests.factories import MemberFactory, ModeratorFactory, ThemeFactory

# Words that exist nowhere else, so a leak is easy to find.
ORGANISATION_NAME = "Stichting Zeldzaamwoord"
KEY_FIGURE_ROLE = "voorzitter bewonersvereniging Krommewilgenhof"
KEY_FIGURE_NAME = "Fatima Quetzalcoatl"
KEY_FIGURE_EMAIL = "f.quetzalcoatl@voorbeeld.nl"


def kind(slug: str) -> OrganisationKind:
    return OrganisationKind.objects.get(slug=slug)


def make_organisation(municipality, *, name=None, kind_slug="mosque", themes=(), **fields):
    fields.setdefault("cooperation", Cooperation.REGULAR)
    fields.setdefault("last_checked_on", timezone.localdate())
    organisation = Organisation.objects.create(
        municipality=municipality,
        name=name or f"Organisatie {Organisation.objects.count() + 1}",
        kind=kind(kind_slug),
        **fields,
    )
    organisation.themes.set(themes)
    return organisation


def make_key_figure(
    municipality, *, organisation=None, role="jongerenwerker", consent=False, **fields
):
    fields.setdefault("last_checked_on", timezone.localdate())
    if consent:
        fields.setdefault("consent_given_at", timezone.now())
        fields.setdefault("consent_method", ConsentMethod.WRITTEN)
    return KeyFigure.objects.create(
        municipality=municipality, organisation=organisation, role=role, **fields
    )


@pytest.fixture
def polarisation(db):
    return ThemeFactory(name="Polarisatie", slug="polarisatie")


@pytest.fixture
def radicalisation(db):
    return ThemeFactory(name="Radicalisering", slug="radicalisering")


@pytest.fixture
def mosque_board(municipality, polarisation):
    return make_organisation(
        municipality,
        name=ORGANISATION_NAME,
        kind_slug="mosque",
        themes=[polarisation],
        shareable=True,
        contact_role="bestuurssecretaris",
        neighbourhoods="Overvecht",
    )


@pytest.fixture
def key_figure(municipality, mosque_board):
    return make_key_figure(
        municipality,
        organisation=mosque_board,
        role=KEY_FIGURE_ROLE,
        consent=True,
        name=KEY_FIGURE_NAME,
        email=KEY_FIGURE_EMAIL,
        phone="030 123 4567",
    )


@pytest.fixture
def colleague(municipality):
    return MemberFactory(profile__municipality=municipality)


@pytest.fixture
def visitors(municipality, other_municipality, polarisation):
    """The seven visitors: name -> user (None: anonymous)."""
    theme_moderator = ModeratorFactory()
    scope = ModeratorScope.objects.create(user=theme_moderator)
    scope.themes.set([polarisation])
    return {
        "anonymous": None,
        "pending member": MemberFactory(
            profile__status="pending", profile__municipality=municipality
        ),
        "member of the same municipality": MemberFactory(profile__municipality=municipality),
        "member of another municipality": MemberFactory(profile__municipality=other_municipality),
        "member for a partner organisation": MemberFactory(
            profile__municipality=None, profile__organisation="Stichting Jeugdwerk Midden"
        ),
        "theme moderator": theme_moderator,
        "moderator": ModeratorFactory(),
    }


@pytest.fixture
def long_ago():
    return timezone.localdate() - datetime.timedelta(days=800)
