"""Who may read /metrics: monitoring's addresses (METRICS_ALLOWED_IPS) or its token.

The client address is the one allauth's adapter reads for rate limits, so TRUSTED_PROXY_COUNT
and TRUSTED_CLIENT_IP_HEADER mean the same here: a forwarded header is believed only as far
as the settings say proxies stand in front.
"""

import hmac
import ipaddress
import logging
from functools import lru_cache

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

logger = logging.getLogger(__name__)


def monitoring_allowed(request) -> bool:
    return _has_token(request) or _from_allowed_address(request)


def _has_token(request) -> bool:
    expected = settings.METRICS_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if not expected or scheme.lower() != "bearer" or not given:
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


def _from_allowed_address(request) -> bool:
    networks = _networks(tuple(settings.METRICS_ALLOWED_IPS))
    if not networks:
        return False
    try:
        address = ipaddress.ip_address(get_adapter(request).get_client_ip(request))
    except (ImproperlyConfigured, PermissionDenied, TypeError, ValueError):
        # A header that does not match the configured proxies is nobody we know.
        logger.warning("Metrics: could not tell the client address", exc_info=True)
        return False
    return any(address in network for network in networks)


@lru_cache(maxsize=4)
def _networks(entries: tuple[str, ...]) -> tuple:
    try:
        return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
    except ValueError as error:
        raise ImproperlyConfigured(f"METRICS_ALLOWED_IPS: {error}") from error
