from django.conf import settings
from django.core.management.base import BaseCommand

from exchange.accounts.retention import retention_apply, retention_plan
from exchange.core.personal_data import retention_steps


class Command(BaseCommand):
    help = (
        "Past het bewaarbeleid toe (docs/retention.md): anonimiseert leden die lang niet "
        "actief waren, en voert de bewaarstappen van elke app uit (zoals redenen wissen uit "
        "oude auditregels, oude gelezen notificaties en oude zoekopdrachten verwijderen)."
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
        for step in retention_steps():  # each app's part, from its personal_data.py
            self.stdout.write(step.done.format(count=done[step.key], days=step.days))
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
        for step, _due in plan.steps:
            self.stdout.write(step.planned.format(count=counts[step.key], days=step.days))
