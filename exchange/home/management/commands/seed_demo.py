import datetime
import json
from contextlib import nullcontext
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

import practices
from exchange.accounts.conduct import code_accept_current
from exchange.accounts.models import Profile
from exchange.core.roles import ADMINS_GROUP, MODERATORS_GROUP
from exchange.home import demo
from exchange.home.demo_network import demo_network_seed
from exchange.inventories.demo import quickscan_demo_seed
from exchange.municipalities.models import Municipality
from exchange.questions import services as question_services
from exchange.questions.models import Answer, Question
from exchange.themes.models import OrganisationKind, Theme
from practices.importing import (
    ContentImportError,
    content_import,
    practice_publish_keeping_dates,
    quiet_page_logging,
)
from practices.models import PracticePage, PracticePartner

User = get_user_model()
DEMO_CONTENT = Path(practices.__file__).resolve().parent / "data" / "demo_content.jsonl"

# What the import file cannot say: partners, highlights and reviews, keyed by the item's id.
PARTNERS = {
    "p-001": [
        ("police", "Politie, basisteam Zwolle", "wijkagenten dragen sleutelfiguren aan"),
        ("welfare", "Welzijnswerk Zwolle-Zuid", "organiseert de bijeenkomsten"),
    ],
    "p-002": [
        ("youth_work", "Jongerenwerkorganisaties Rotterdam", "signaleren en bespreken zorgen"),
        ("police", "Politie Rotterdam", "geeft de training mee"),
    ],
    "p-003": [("secondary_education", "Scholen voor voortgezet onderwijs", "geven de lessen")],
    "p-007": [("parents", "Moedernetwerk in de wijk", "nodigt ouders uit voor gesprekken")],
    "p-010": [("mosque", "Bestuur van de moskee", "vaste gesprekspartner")],
    "p-012": [("mental_health", "GGZ-instelling in de regio", "vaste lijn voor het casusoverleg")],
    "p-017": [("sports", "Vechtsportschool in Almere", "trainers als rolmodel")],
    "p-024": [
        (
            "primary_education",
            "Basisscholen in Den Haag Zuidwest",
            "bieden de training aan in groep 8",
        ),
        ("youth_work", "Jongerenwerk Zuidwest", "begeleidt de terugkombijeenkomsten"),
    ],
    "p-027": [
        ("sports", "Voetbalvereniging in de wijk", "stelt velden en trainers beschikbaar"),
        ("asylum", "COA-locatie Utrecht", "brengt jonge asielzoekers in contact"),
    ],
    "p-demo-001": [
        ("asylum", "COA", "neemt deel aan het omgevingsoverleg"),
        ("police", "Politie Noord-Nederland", "wijkagent schuift aan"),
        ("other", "Vereniging Dorpsbelangen", "vertegenwoordigt de omwonenden"),
    ],
    "p-demo-004": [
        ("other", "VluchtelingenWerk", "werft en traint de buddy's"),
        ("housing", "Woningcorporatie", "stelt buren voor aan nieuwe bewoners"),
    ],
    "p-demo-005": [
        ("police", "Politie Limburg", "brengt informatie in over de casus"),
        ("mental_health", "GGZ Noord-Limburg", "beoordeelt de zorgbehoefte"),
    ],
    "p-demo-009": [
        ("mosque", "Moskeebesturen in Lelystad", "bepalen de agenda mee"),
        ("police", "Politie Midden-Nederland", "wijkagenten in het overleg"),
    ],
}
FEATURED = ("p-001", "p-024", "p-demo-004")
# Old and never reviewed, so the moderators' review list has something to show.
UNREVIEWED = ("p-demo-003", "p-demo-007")
# Seeding posts far more than a member may per hour; the production limits stay as they are.
SEED_RATE_LIMITS = {"question": (10_000, 3600), "answer": (10_000, 3600)}
# Demo addresses look real: notifications are created in the site, their e-mails go nowhere.
SEED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


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
        with quiet_page_logging() if options["verbosity"] < 2 else nullcontext():
            try:
                summary = content_import(path=DEMO_CONTENT, progress=False, stdout=self.stdout)
            except ContentImportError as exc:
                raise CommandError("\n".join(exc.errors)) from exc
            enriched = self.enrich_practices()
        total = summary.created + summary.updated + summary.unchanged
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-praktijken: {total} ({summary.created} nieuw, {summary.updated} "
                f"bijgewerkt, {enriched} aangevuld met partners, contactpersoon of beoordeling)."
            )
        )
        with override_settings(
            QUESTION_RATE_LIMITS=SEED_RATE_LIMITS, EMAIL_BACKEND=SEED_EMAIL_BACKEND
        ):
            asked, answered = self.seed_exchange()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-vragen: {Question.objects.count()} ({asked} nieuw gesteld, "
                f"{answered} nieuwe antwoorden van leden)."
            )
        )
        # Fatima (Utrecht) can fill the quickscan in; Jeroen (Zwolle) sees his results.
        responses = quickscan_demo_seed(keep_free={"GM0344"}, include={"GM0193"})
        self.stdout.write(
            self.style.SUCCESS(
                f"Quickscan: {responses} nieuwe ingediende antwoorden van gemeenten."
            )
        )
        organisations, meetings = demo_network_seed(moderator=moderator)
        self.stdout.write(
            self.style.SUCCESS(
                f"Lokaal netwerk: {organisations} nieuwe organisaties in registers; "
                f"bijeenkomsten: {meetings} nieuw."
            )
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
            # Demo municipal officers are open to contact through the site, so the
            # municipality pages show "Neem contact op" (members opt in themselves).
            profile.open_to_contact = item.status == "verified" and bool(item.municipality)
            if profile.status != item.status:
                profile.status = item.status
                profile.status_changed_at = timezone.now()
            profile.save()
            profile.expertise_themes.set([themes[s] for s in item.themes if s in themes])
        return len(demo.MEMBERS)

    @transaction.atomic
    def enrich_practices(self) -> int:
        """Partners, contact persons, highlights and review dates; only what is still missing."""
        contacts = {
            item.municipality: item.email
            for item in reversed(demo.MEMBERS)
            if item.municipality and item.status == Profile.Status.VERIFIED
        }
        users = {u.email: u for u in User.objects.filter(email__in=contacts.values())}
        lines = DEMO_CONTENT.read_text(encoding="utf-8").split("\n")
        ids = [json.loads(line)["id"] for line in lines if line.strip()]
        pages = PracticePage.objects.filter(external_id__in=ids).select_related("municipality")
        today = timezone.localdate()
        kinds = {kind.slug: kind for kind in OrganisationKind.objects.all()}
        changed = 0
        for number, page in enumerate(pages.order_by("external_id")):
            dirty = False
            email = contacts.get(page.municipality.code if page.municipality else None)
            if page.contact_person_id is None and email in users:
                page.contact_person, dirty = users[email], True
            if page.external_id in FEATURED and not page.featured:
                page.featured, dirty = True, True
            if page.last_reviewed_at is None and page.external_id not in UNREVIEWED:
                reviewed = today - datetime.timedelta(days=20 + (number * 23) % 330)
                published = page.first_published_at
                page.last_reviewed_at = max(reviewed, published.date()) if published else reviewed
                dirty = True
            partners = PARTNERS.get(page.external_id)
            if partners and not page.partners.exists():
                page.partners = [
                    PracticePartner(kind=kinds[slug], name=name, role=role)
                    for slug, name, role in partners
                ]
                dirty = True
            if dirty:
                # Through a published revision, so the admin's editor shows the same page.
                practice_publish_keeping_dates(page=page)
                changed += 1
        return changed

    @transaction.atomic
    def seed_exchange(self) -> tuple[int, int]:
        """Questions, answers, votes, accepted answers and follows, through the services.

        Keyed on titles and texts, so a second run finds everything and adds nothing.
        """
        emails = [item.email for item in demo.MEMBERS]
        members = User.objects.filter(email__in=emails).select_related("profile")
        users = {user.email: user for user in members}
        themes = {t.slug: t for t in Theme.objects.all()}
        municipalities = {m.code: m for m in Municipality.objects.all()}
        asked = answered = 0
        for item in demo.QUESTIONS:
            asker = users[item.author]
            question = Question.objects.filter(title=item.title).first()
            if question is None:
                question = question_services.question_create(
                    author=asker,
                    title=item.title,
                    body=item.body,
                    themes=[themes[slug] for slug in item.themes],
                    visibility=item.visibility,
                    allowed_municipalities=[
                        municipalities[code] for code in item.allowed_municipalities
                    ],
                )
                asked += 1
            answered += self.seed_answers(question, item.answers, users, acceptor=asker)
        for title, answers in demo.ANSWERS_TO_IMPORTED.items():
            question = Question.objects.filter(title=title).first()
            if question is not None:
                answered += self.seed_answers(question, answers, users, acceptor=None)
        for email, (theme_slugs, codes) in demo.FOLLOWS.items():
            for slug in theme_slugs:
                question_services.follow(user=users[email], theme=themes[slug])
            for code in codes:
                question_services.follow(user=users[email], municipality=municipalities[code])
        return asked, answered

    def seed_answers(self, question, answers, users, *, acceptor) -> int:
        posted = 0
        for item in answers:
            author = users[item.author]
            answer = Answer.objects.filter(
                question=question, author=author, body_markdown=item.body.strip()
            ).first()
            if answer is None:
                answer = question_services.answer_post(
                    author=author, question=question, body=item.body
                )
                posted += 1
            for email in item.voters:
                question_services.vote_helpful(
                    user=users[email], answer=answer
                )  # False if voted before
            if item.accepted and acceptor is not None and not answer.accepted:
                question_services.answer_accept(actor=acceptor, answer=answer)
        return posted

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
        # Demo members have accepted the code of conduct in force, so their logins go straight in.
        code_accept_current(user=user)
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
