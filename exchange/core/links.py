"""Absolute links for e-mails and other text read away from the site: always on SITE_URL.

A request's host is not the site's address (a mail sent while handling a request on
127.0.0.1:8000 or behind a proxy would link there), and Wagtail's `Page.full_url` uses the
Wagtail `Site`'s hostname and port, "localhost:80" until set. So every mail builds its links
here: `absolute_url` in Python, `{% absolute_url %}` / `{% site_url %}` in templates, and
`default_site_sync` keeps the Wagtail site on SITE_URL for the links Wagtail builds itself.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def site_url() -> str:
    """SITE_URL (settings.WAGTAILADMIN_BASE_URL) without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(target) -> str:
    """The link on SITE_URL to a path ("/vragen/1-x/"), a Wagtail page or a model with
    `get_absolute_url`. An absolute URL is returned unchanged (it may point elsewhere)."""
    if hasattr(target, "get_url_parts"):  # a Wagtail page: its path, not its Site's host
        parts = target.get_url_parts()
        if parts is None:
            return ""
        target = parts[2]
    elif hasattr(target, "get_absolute_url"):
        target = target.get_absolute_url()
    path = str(target or "")
    if urlsplit(path).scheme:
        return path
    return f"{site_url()}/{path.lstrip('/')}"


def rebase_url(url: str) -> str:
    """Our own absolute URL built from a request's host (allauth does this), moved to SITE_URL
    with the same path, query and fragment."""
    bits = urlsplit(url)
    if not bits.scheme:
        return absolute_url(url)
    rest = bits.path or "/"
    if bits.query:
        rest += f"?{bits.query}"
    if bits.fragment:
        rest += f"#{bits.fragment}"
    return absolute_url(rest)


def default_site_sync(sender=None, **kwargs) -> None:
    """post_migrate: the default Wagtail site answers on SITE_URL's host and port, so the
    links Wagtail builds itself (`Page.full_url` in its workflow e-mails, the sitemap) match."""
    bits = urlsplit(site_url())
    if not bits.hostname:
        return
    port = bits.port or (443 if bits.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True).exclude(hostname=bits.hostname, port=port).update(
        hostname=bits.hostname, port=port
    )
