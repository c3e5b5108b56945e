"""The inbox and a thread cost the same number of queries with one or many conversations."""

import pytest
from django.urls import reverse

from exchange.contact.services import contact_reply, contact_start
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def count_queries(client, address, django_assert_max_num_queries):
    client.get(address)  # warm caches (site, settings) the first request fills
    with django_assert_max_num_queries(100) as counted:
        assert client.get(address).status_code == 200
    return len(counted.captured_queries)


def test_the_inbox_costs_a_fixed_number_of_queries(
    client_as, sender, open_member, zwolle, conversation, django_assert_max_num_queries
):
    client = client_as(open_member)
    one = count_queries(client, reverse("contact_inbox"), django_assert_max_num_queries)
    for index in range(5):
        other = MemberFactory(profile__municipality=sender.profile.municipality)
        contact_start(sender=other, recipients=[open_member], subject=f"Vraag {index}", body="Hoi")
    many = count_queries(client, reverse("contact_inbox"), django_assert_max_num_queries)
    assert many == one


def test_a_thread_costs_a_fixed_number_of_queries(
    client_as, sender, open_member, conversation, django_assert_max_num_queries
):
    client = client_as(sender)
    address = conversation.get_absolute_url()
    one = count_queries(client, address, django_assert_max_num_queries)
    for index in range(6):
        author = open_member if index % 2 else sender
        contact_reply(author=author, conversation=conversation, body=f"Bericht {index}")
    many = count_queries(client, address, django_assert_max_num_queries)
    assert many == one
