from django.conf import settings
from django.core.management.base import BaseCommand

from exchange.accounts.retention import retention_apply, retention_plan


class Command(BaseCommand):
    help = (
        "Past het bewaarbeleid toe (docs/retention.md): anonimiseert leden die lang niet "
        "actief waren, wist redenen uit oude auditregels, verwijdert oude gelezen meldingen "
        "en oude zoekopdrachten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Laat zien wat er zou gebeuren, zonder iets te wijzigen.",
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            self.dry_run()
            return
        done = retention_apply()
        self.stdout.write(f"Leden geanonimiseerd: {done['members']}")
        self.stdout.write(f"Auditregels zonder reden: {done['audit_entries']}")
        self.stdout.write(f"Gelezen meldingen verwijderd: {done['notifications']}")
        self.stdout.write(f"Zoekopdrachten verwijderd: {done['query_logs']}")
        self.stdout.write(self.style.SUCCESS("Bewaarbeleid toegepast."))

    def dry_run(self):
        plan = retention_plan()
        counts = plan.counts()
        self.stdout.write("Droogloop: er wordt niets gewijzigd.")
        self.stdout.write(
            f"Zou {counts['members']} leden anonimiseren (langer dan "
            f"{settings.RETENTION_INACTIVE_MEMBER_DAYS} dagen niet actief):"
        )
        # Numbers and dates only: this output may end up in a log.
        for user in plan.members.only("pk", "last_login", "date_joined"):
            self.stdout.write(f"  lid #{user.pk}, laatst actief {user.last_seen:%Y-%m-%d}")
        self.stdout.write(
            f"Zou de reden wissen uit {counts['audit_entries']} auditregels (ouder dan "
            f"{settings.RETENTION_AUDIT_DETAIL_DAYS} dagen)."
        )
        self.stdout.write(
            f"Zou {counts['notifications']} gelezen meldingen verwijderen (ouder dan "
            f"{settings.RETENTION_NOTIFICATION_DAYS} dagen)."
        )
        self.stdout.write(
            f"Zou {counts['query_logs']} zoekopdrachten verwijderen (ouder dan "
            f"{settings.RETENTION_QUERY_LOG_DAYS} dagen)."
        )
