"""Only participants see a conversation: every URL of the app answers 404 to anyone else."""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from exchange.contact import urls as contact_urls
from exchange.contact.models import Message
from tests.factories import MemberFactory, ModeratorFactory

pytestmark = pytest.mark.django_db


def contact_patterns():
    """Every named pattern of the app, from the site's resolver (so none is forgotten)."""
    names = {p.name for p in contact_urls.urlpatterns if isinstance(p, URLPattern)}
    resolver = get_resolver()
    found = {name for name in names if name in resolver.reverse_dict}
    assert found == names
    return sorted(names)


def addresses_of(conversation, zwolle):
    addresses = []
    for name in contact_patterns():
        pattern = next(p for p in contact_urls.urlpatterns if p.name == name)
        converters = pattern.pattern.converters
        if "pk" in converters:
            addresses.append(reverse(name, args=[conversation.pk]))
        elif "slug" in converters:
            continue  # the write page: about a municipality, not a conversation
        else:
            addresses.append(reverse(name))
    return addresses


@pytest.fixture
def outsiders(zwolle, municipality):
    return {
        "member of another municipality": MemberFactory(profile__municipality=municipality),
        "colleague of the recipient": MemberFactory(
            profile__municipality=zwolle, profile__open_to_contact=True
        ),
        "moderator": ModeratorFactory(),
    }


def test_non_participants_get_404_on_every_address_of_a_conversation(
    client, log_in, conversation, outsiders, zwolle
):
    thread_addresses = [a for a in addresses_of(conversation, zwolle) if str(conversation.pk) in a]
    assert len(thread_addresses) >= 2  # the thread and leaving it
    for who, user in outsiders.items():
        log_in(client, user)
        for address in thread_addresses:
            for method in (client.get, client.post):
                response = method(address, {"body": "Ik lees mee"})
                assert response.status_code == 404, (who, method.__name__, address)
        inbox = client.get(reverse("contact_inbox")).content.decode()
        assert "Sleutelfiguren" not in inbox, who
        client.logout()
    assert Message.objects.count() == 1


def test_a_participant_sees_every_address_of_their_conversation(
    client_as, conversation, open_member, zwolle
):
    client = client_as(open_member)
    for address in addresses_of(conversation, zwolle):
        # Leaving answers a GET with the conversation; leaving itself is tested on its own.
        assert client.get(address, follow=True).status_code == 200, address
