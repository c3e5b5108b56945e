"""Failed sign-ins are counted per account *and* client address, and per address alone.

A limit per account alone lets anyone lock the owner out by typing wrong passwords (or TOTP
codes) for their address; a limit per address alone lets a botnet guess one password from
many addresses. Counting per (account, address) keeps the owner's own address open, and the
per-address limit in ACCOUNT_RATE_LIMITS["login_failed"] still stops one address trying many
accounts. The address is allauth's: behind a proxy, ALLAUTH_TRUSTED_PROXY_COUNT or
ALLAUTH_TRUSTED_CLIENT_IP_HEADER (from the environment, see settings) say where to read it.
"""

from allauth.core.internal import ratelimit


def attempt_key(request, account: str) -> str:
    """The rate-limit key for attempts on `account` from this request's client address."""
    # get_ip shortens IPv6 addresses to their network, as the per-address limit does, so
    # hopping through one's own /64 does not give fresh attempts.
    return f"{account}|{ratelimit.get_ip(request)}"
