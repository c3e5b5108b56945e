"""The notifications app's maintenance job: mail what a dead worker claimed and never sent."""

from .digests import recover_abandoned_digests
from .emails import recover_abandoned_instant


def recover_abandoned_mail(sender=None, **kwargs) -> dict | None:
    """maintenance_due receiver (exchange/core/maintenance.py)."""
    sent = {"instant": recover_abandoned_instant(), "digests": recover_abandoned_digests()}
    return sent if any(sent.values()) else None
