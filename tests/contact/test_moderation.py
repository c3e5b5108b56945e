"""Moderators see that contact happened (who, which municipalities, when), never what was said."""

import pytest
from django.urls import reverse

from exchange.themes.models import ModeratorScope
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_moderators_see_who_wrote_to_whom_but_not_the_subject_or_messages(
    client_as, moderator, conversation
):
    page = client_as(moderator).get(reverse("kn_contacts:index")).content.decode()
    assert "Anna de Vries" in page and "gemeente Utrecht" in page
    assert "Bram Jansen" in page and "gemeente Zwolle" in page
    assert "Sleutelfiguren" not in page
    assert "sleutelfiguren na een incident" not in page
    assert "anna@utrecht.nl" not in page and "bram@zwolle.nl" not in page


def test_moderators_cannot_open_the_conversation(client_as, moderator, conversation):
    assert client_as(moderator).get(conversation.get_absolute_url()).status_code == 404


def test_members_and_theme_moderators_do_not_reach_the_contact_listing(
    client_as, sender, moderator, conversation
):
    assert client_as(sender).get(reverse("kn_contacts:index")).status_code in (302, 403)
    scope = ModeratorScope.objects.create(user=moderator)
    scope.themes.add(ThemeFactory())
    assert client_as(moderator).get(reverse("kn_contacts:index")).status_code in (302, 403)


def test_the_contact_listing_costs_the_same_queries_for_one_or_many(
    client_as, moderator, conversation, sender, open_member, django_assert_max_num_queries
):
    from exchange.contact.services import contact_start

    client = client_as(moderator)
    client.get(reverse("kn_contacts:index"))
    with django_assert_max_num_queries(40) as first:
        client.get(reverse("kn_contacts:index"))
    for index in range(4):
        contact_start(sender=sender, recipients=[open_member], subject=f"V{index}", body="Hoi")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("kn_contacts:index"))
