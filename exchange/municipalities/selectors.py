"""Read paths for municipalities."""

from .models import EmailDomain, Municipality


def municipality_for_email(email: str) -> Municipality | None:
    """The active municipality whose registered domain (or a parent of it) the address uses.

    `jan@utrecht.nl` and `jan@sociaal.utrecht.nl` both match `utrecht.nl`; the most specific
    registered domain wins.
    """
    _, _, domain = email.strip().lower().rpartition("@")
    if not domain:
        return None
    parts = domain.split(".")
    candidates = [".".join(parts[i:]) for i in range(len(parts) - 1)]
    matches = {
        d.domain: d.municipality
        for d in EmailDomain.objects.filter(
            domain__in=candidates, municipality__active=True
        ).select_related("municipality")
    }
    for candidate in candidates:
        if candidate in matches:
            return matches[candidate]
    return None
