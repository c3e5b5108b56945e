"""Seven visitors, and meetings of the municipality of Utrecht."""

import pytest

from exchange.themes.models import ModeratorScope
from tests.factories import MemberFactory, ModeratorFactory, ThemeFactory


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the block schedules on commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Polarisatie", slug="polarisatie")


@pytest.fixture
def organiser(municipality):
    """A verified member of Utrecht, the organising municipality."""
    return MemberFactory(profile__municipality=municipality, first_name="Olga", last_name="Org")


@pytest.fixture
def partner_member(db):
    return MemberFactory(profile__municipality=None, profile__organisation="Politie Midden")


@pytest.fixture
def theme_moderator(theme):
    user = ModeratorFactory()
    scope = ModeratorScope.objects.create(user=user)
    scope.themes.set([theme])
    return user


@pytest.fixture
def visitors(member, other_member, pending_member, partner_member, theme_moderator, moderator):
    """The seven kinds of visitor; `member` belongs to the organising municipality."""
    return {
        "anonymous": None,
        "pending member": pending_member,
        "member of the organising municipality": member,
        "member of another municipality": other_member,
        "member for a partner organisation": partner_member,
        "theme moderator": theme_moderator,
        "moderator": moderator,
    }
