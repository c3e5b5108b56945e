"""seed_demo: realistic members across municipalities and roles, safe to run twice."""

from io import StringIO

import pytest
from django.core.management import call_command

from exchange.accounts.models import Profile
from exchange.core.roles import is_moderator

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_prints_mfa_instructions(django_user_model):
    call_command("load_municipalities", verbosity=0)
    out = StringIO()
    call_command("seed_demo", stdout=out)
    users = django_user_model.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert django_user_model.objects.count() == users >= 25

    assert "tweestapsverificatie" in out.getvalue()
    moderator = django_user_model.objects.get(email="moderator@kennisnetwerk.example")
    assert is_moderator(moderator)
    verified = Profile.objects.filter(status="verified", municipality__isnull=False)
    assert verified.values("municipality").distinct().count() >= 20
    assert Profile.objects.filter(status="pending").exists()
    assert Profile.objects.filter(municipality__isnull=True).exclude(organisation="").exists()


def test_seed_demo_needs_municipalities_first():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="load_municipalities"):
        call_command("seed_demo")
