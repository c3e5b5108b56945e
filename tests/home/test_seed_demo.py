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


def test_seed_demo_fills_a_dozen_registers_and_upcoming_and_past_meetings():
    from django.utils import timezone

    from exchange.meetings.models import MeetingPage, Registration
    from exchange.partners.models import KeyFigure, Organisation

    call_command("load_municipalities", verbosity=0)
    call_command("seed_demo", stdout=StringIO())
    counts = (Organisation.objects.count(), MeetingPage.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Organisation.objects.count(), MeetingPage.objects.count()) == counts

    assert Organisation.objects.values("municipality").distinct().count() == 12
    assert Organisation.objects.filter(shareable=True).exists()
    # Demo key figures are roles: nobody's consent is pretended.
    assert KeyFigure.objects.exists()
    assert not KeyFigure.objects.exclude(name="").exists()
    now = timezone.now()
    assert MeetingPage.objects.live().filter(starts_at__gt=now).count() >= 3
    past = MeetingPage.objects.live().filter(starts_at__lt=now)
    assert past.count() >= 2 and not past.filter(report="").exists()
    full = MeetingPage.objects.get(capacity=3)
    assert full.registrations.filter(status=Registration.Status.WAITING).exists()


def test_seed_demo_needs_municipalities_first():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="load_municipalities"):
        call_command("seed_demo")
