import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from exchange.accounts.conduct import code_accept_current
from exchange.accounts.models import Profile
from exchange.municipalities.models import EmailDomain, Municipality
from exchange.themes.models import Theme

TOTP_SECRET = "JBSWY3DPEHPK3PXPTESTSECRETBASEAA"


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    # GM + four digits, as real codes (GM0014–GM1992) are, and never one of them; the
    # sequence runs over the whole session, so it wraps within GM2000–GM8999 (PostgreSQL
    # refuses the seven characters "GM10000" that SQLite silently stored).
    code = factory.Sequence(lambda n: f"GM{2000 + n % 7000:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    province = "Utrecht"
    population = 50000

    @factory.post_generation
    def domains(obj, create, extracted, **kwargs):
        for domain in extracted or []:
            EmailDomain.objects.get_or_create(domain=domain, defaults={"municipality": obj})


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"lid{n}@voorbeeld.nl")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        obj.save()
        EmailAddress.objects.get_or_create(
            user=obj, email=obj.email, defaults={"verified": True, "primary": True}
        )

    @factory.post_generation
    def code_of_conduct(obj, create, extracted, **kwargs):
        # Existing members have accepted the code in force; code_of_conduct=False: not yet.
        if create and extracted is not False:
            code_accept_current(user=obj)


class MemberFactory(UserFactory):
    """A user whose profile is set from `profile__…` keyword arguments (verified by default)."""

    @factory.post_generation
    def profile(obj, create, extracted, **kwargs):
        profile = obj.profile
        kwargs.setdefault("status", Profile.Status.VERIFIED)
        themes = kwargs.pop("expertise_themes", None)
        for name, value in kwargs.items():
            setattr(profile, name, value)
        profile.save()
        if themes:
            profile.expertise_themes.set(themes)


class ModeratorFactory(MemberFactory):
    is_staff = True

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        obj.groups.add(Group.objects.get(name="Moderators"))

    @factory.post_generation
    def mfa(obj, create, extracted, **kwargs):
        # Moderators use two-factor authentication; pass mfa=False for one who has not yet.
        if extracted is not False:
            TOTP.activate(obj, TOTP_SECRET)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
