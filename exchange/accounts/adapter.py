"""allauth hooks: every new account gets a profile linked to its municipality by e-mail domain;
failed logins count per account and client address (see ratelimits.py); allauth's e-mails link
to SITE_URL and name the site, whatever host the request came in on."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from exchange.core import links

from .ratelimits import attempt_key
from .services import member_link_by_email


@dataclass(frozen=True)
class SiteIdentity:
    """What allauth's templates read from `current_site` (without django.contrib.sites)."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            member_link_by_email(user=user)
        return user

    def send_mail(self, template_prefix, email, context):
        # allauth builds its links (confirm, reset, sign up) from the request's host, and
        # names the site by that host ("Hallo van 127.0.0.1:8000"): use SITE_URL and the name.
        context = {
            key: links.rebase_url(value) if _is_link(value) else value
            for key, value in context.items()
        }
        context["current_site"] = SiteIdentity(
            name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(links.site_url()).netloc
        )
        super().send_mail(template_prefix, email, context)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth keys the per-account limit on the login alone, so wrong passwords from
        # anywhere would lock the owner out too; with the address the owner stays in.
        return attempt_key(request, super()._get_login_attempts_cache_key(request, **credentials))


def _is_link(value) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))
