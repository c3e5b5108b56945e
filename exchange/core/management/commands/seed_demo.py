from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from exchange.accounts.models import Profile
from exchange.accounts.roles import ADMINS_GROUP, MODERATORS_GROUP
from exchange.core import demo
from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme

User = get_user_model()


class Command(BaseCommand):
    help = "Vult de database met realistische demo-inhoud (idempotent). Alleen voor ontwikkeling."

    def handle(self, *args, **options):
        if not Municipality.objects.exists():
            raise CommandError("Laad eerst de gemeenten: python manage.py load_municipalities")
        with transaction.atomic():
            members = self.seed_members()
            moderator = self.seed_moderator()
        self.stdout.write(
            self.style.SUCCESS(f"Demo-leden: {members} (wachtwoord {demo.DEMO_PASSWORD}).")
        )
        self.print_moderator_instructions(moderator)

    def seed_members(self) -> int:
        themes = {t.slug: t for t in Theme.objects.all()}
        municipalities = {m.code: m for m in Municipality.objects.all()}
        for item in demo.MEMBERS:
            user = self.ensure_user(item.email, item.first_name, item.last_name)
            profile = user.profile
            profile.job_title = item.job_title
            profile.organisation = item.organisation
            profile.municipality = (
                municipalities.get(item.municipality) if item.municipality else None
            )
            if profile.status != item.status:
                profile.status = item.status
                profile.status_changed_at = timezone.now()
            profile.save()
            profile.expertise_themes.set([themes[s] for s in item.themes if s in themes])
        return len(demo.MEMBERS)

    def ensure_user(self, email, first_name, last_name):
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_password(demo.DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def seed_moderator(self):
        user = self.ensure_user(demo.MODERATOR_EMAIL, "Mila", "Moderator")
        user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        Profile.objects.filter(user=user).update(
            status=Profile.Status.VERIFIED,
            organisation="Expertise-unit Sociale Stabiliteit",
            job_title="Moderator",
        )
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, demo.MODERATOR_TOTP_SECRET)
        Group.objects.get(name=ADMINS_GROUP)  # exists since the roles migration
        return user

    def print_moderator_instructions(self, moderator):
        self.stdout.write(
            "\nModerator: "
            f"{moderator.email} / {demo.DEMO_PASSWORD}\n"
            "Moderatoren moeten tweestapsverificatie gebruiken. Voor dit demo-account is die al\n"
            f"ingesteld met het geheim {demo.MODERATOR_TOTP_SECRET}: voeg het toe aan een\n"
            "authenticator-app (otpauth://totp/Kennisnetwerk:moderator?secret="
            f"{demo.MODERATOR_TOTP_SECRET}) en vul bij het inloggen de code van zes cijfers in.\n"
            "Zonder app: python manage.py totp_code " + moderator.email + "\n"
        )
