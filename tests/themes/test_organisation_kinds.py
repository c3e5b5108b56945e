"""One moderated vocabulary of organisation kinds, for practice partners and the register."""

import pytest

from exchange.themes.models import ModeratorScope, OrganisationKind
from tests.factories import ModeratorFactory, ThemeFactory
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db
LIST_URL = "/beheer/snippets/themes/organisationkind/"


@pytest.fixture
def theme_moderator(db):
    user = ModeratorFactory()
    ModeratorScope.objects.create(user=user).themes.set([ThemeFactory()])
    return user


def test_the_starting_vocabulary_holds_the_kinds_municipalities_named():
    names = set(OrganisationKind.objects.values_list("name", flat=True))
    for expected in (
        "Jongerenwerk",
        "Primair onderwijs",
        "Voortgezet onderwijs",
        "Middelbaar beroepsonderwijs (mbo)",
        "Moskee",
        "Kerk",
        "Synagoge",
        "Migranten- of zelforganisatie",
        "Politie",
        "Openbaar Ministerie",
        "Zorg- en Veiligheidshuis",
        "Geestelijke gezondheidszorg (ggz)",
        "Welzijns- en buurtwerk",
        "Sportvereniging",
        "COA / asielopvang",
        "Wijkteam",
    ):
        assert expected in names


def test_moderators_add_a_kind_and_it_is_offered_to_practice_partners(client_as, moderator):
    admin = client_as(moderator)
    assert admin.get(LIST_URL).status_code == 200
    response = admin.post(
        f"{LIST_URL}add/",
        {
            "name": "Bibliotheek",
            "slug": "library",
            "group": "Cultuur",
            "position": 5,
            "active": "on",
        },
    )
    assert response.status_code == 302
    from practices.sharing.rows import kind_choices, kinds_offered

    choices = kind_choices(kinds_offered())
    assert ("Cultuur", [("library", "Bibliotheek")]) in choices


def test_a_kind_in_use_is_retired_not_deleted(client_as, moderator):
    practice = make_practice(partners=1)
    kind = practice.partners.get().kind
    admin = client_as(moderator)
    response = admin.post(f"{LIST_URL}delete/{kind.pk}/", follow=True)
    assert "in gebruik" in response.content.decode()
    assert OrganisationKind.objects.filter(pk=kind.pk).exists()
    unused = OrganisationKind.objects.create(name="Tijdelijk", slug="tijdelijk")
    admin.post(f"{LIST_URL}delete/{unused.pk}/")
    assert not OrganisationKind.objects.filter(pk=unused.pk).exists()


def test_a_retired_kind_is_not_offered_but_stays_on_a_draft_that_has_it():
    from practices.sharing.rows import kind_choices, kinds_offered

    kind = OrganisationKind.objects.get(slug="housing")
    kind.active = False
    kind.save()
    flat = lambda choices: {  # noqa: E731
        slug
        for choice in choices
        for slug, _name in (choice[1] if isinstance(choice[1], list) else [choice])
    }
    assert "housing" not in flat(kind_choices(kinds_offered()))
    assert "housing" in flat(kind_choices(kinds_offered([kind.pk])))


def test_theme_moderators_do_not_change_the_vocabulary(client_as, theme_moderator):
    admin = client_as(theme_moderator)
    response = admin.get(f"{LIST_URL}add/")
    assert response.status_code in (302, 403)
    assert admin.post(f"{LIST_URL}add/", {"name": "X", "slug": "x", "position": 1}).status_code in (
        302,
        403,
    )
    assert not OrganisationKind.objects.filter(slug="x").exists()


def test_the_practice_page_and_api_name_the_partner_kind(client):
    practice = make_practice(partners=1)
    page = client.get(practice.url).content.decode()
    assert "Onderwijs (overig)" in page
