"""The search engine client, built from SEARCH_URL.

`opensearch://host:port` and `opensearch+https://user:pass@host:port` give an opensearch-py
client; `elasticsearch://…` and `elasticsearch+https://…` an elasticsearch-py client. Both take
the same request bodies (built with elasticsearch.dsl), so callers do not care which it is.
"""

from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ENGINES = {"opensearch", "elasticsearch"}


@dataclass(frozen=True)
class SearchURL:
    engine: str
    scheme: str
    host: str
    port: int
    username: str | None
    password: str | None

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


def parse_search_url(url: str) -> SearchURL:
    parts = urlsplit(url)
    engine, _, transport = parts.scheme.partition("+")
    transport = transport or "http"
    if engine not in ENGINES or transport not in {"http", "https"}:
        raise ImproperlyConfigured(
            f"SEARCH_URL {url!r}: use opensearch://, opensearch+https://, "
            "elasticsearch:// or elasticsearch+https://"
        )
    if not parts.hostname:
        raise ImproperlyConfigured(f"SEARCH_URL {url!r} names no host")
    return SearchURL(
        engine=engine,
        scheme=transport,
        host=parts.hostname,
        port=parts.port or 9200,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def build_client(url: str, *, timeout: float | None = None):
    """A client for the engine at `url`; no request is sent until it is used."""
    target = parse_search_url(url)
    timeout = timeout if timeout is not None else settings.SEARCH_TIMEOUT
    auth = (target.username, target.password or "") if target.username else None
    if target.engine == "opensearch":
        from opensearchpy import OpenSearch

        return OpenSearch(
            hosts=[{"host": target.host, "port": target.port}],
            use_ssl=target.scheme == "https",
            verify_certs=target.scheme == "https",
            http_auth=auth,
            timeout=timeout,
            max_retries=1,
            retry_on_timeout=False,
            # Rebuilds send bulks from BulkLoader's threads next to the caller's requests.
            pool_maxsize=4,
        )
    from elasticsearch import Elasticsearch

    return Elasticsearch(target.base_url, basic_auth=auth, request_timeout=timeout, max_retries=1)


@cache
def _client_for(url: str):
    return build_client(url)


def get_client():
    """The client for the configured SEARCH_URL (one per process, connection-pooled)."""
    if not settings.SEARCH_URL:
        raise ImproperlyConfigured("SEARCH_URL is not set: the site uses database search.")
    return _client_for(settings.SEARCH_URL)
