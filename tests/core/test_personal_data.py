"""Every relation to a member is declared by the app that keeps it (exchange/core/personal_data.py).

The declarations drive the data export, anonymisation and retention, so a relation nobody
declared would be neither exported nor erased: the first test fails until an app declares it.
"""

import dataclasses

import pytest
from django.core.exceptions import ImproperlyConfigured

from exchange.core import personal_data
from exchange.core.personal_data import ExportSection, PersonalData, Relation, Treatment


def without(app: str, relation: str) -> list[PersonalData]:
    """The registered declarations, with one relation left out of `app`'s."""
    chosen = []
    for declaration in personal_data.declarations():
        if declaration.app == app:
            kept = [r for r in declaration.relations if r.name != relation]
            assert len(kept) == len(declaration.relations) - 1, "the relation is declared"
            declaration = dataclasses.replace(declaration, relations=kept)
        chosen.append(declaration)
    return chosen


def test_every_relation_to_a_member_is_declared_by_an_app():
    assert personal_data.uncovered_relations() == [], (
        "Declare these in the personal_data.py of the app that keeps them (see docs/retention.md)."
    )
    assert personal_data.unknown_relations() == []


def test_a_relation_no_app_declares_is_reported():
    assert personal_data.uncovered_relations(without("questions", "questions.Follow.user")) == [
        "questions.Follow.user"
    ]


def test_third_party_and_inherited_relations_are_found_too():
    found = personal_data.uncovered_relations(declared=[])

    assert "account.EmailAddress.user" in found  # allauth
    assert "wagtailcore.APIToken.user" in found  # Wagtail
    assert "accounts.User.groups" in found  # a many-to-many's own table
    # A page type's owner is Page.owner: it is declared once, not per page type.
    assert "wagtailcore.Page.owner" in found
    assert not any(name.endswith("Page.owner") and "wagtailcore" not in name for name in found)


def test_a_declared_relation_that_does_not_exist_is_reported():
    typo = PersonalData(app="typo", relations=[Relation("questions.Follow", "usr", "erased")])

    assert personal_data.unknown_relations([*personal_data.declarations(), typo]) == [
        "questions.Follow.usr"
    ]


def test_a_kept_relation_must_say_why():
    with pytest.raises(ImproperlyConfigured, match="say why"):
        Relation("questions.Vote", "user", Treatment.KEPT)


@pytest.mark.django_db
def test_two_apps_cannot_fill_the_same_part_of_the_export(monkeypatch, member):
    clash = PersonalData(
        app="clash", export=lambda user: [ExportSection(key="x", title="X", data={"profile": {}})]
    )
    monkeypatch.setitem(personal_data._declarations, "clash", clash)

    with pytest.raises(ImproperlyConfigured, match="share a key"):
        personal_data.export(user=member)
