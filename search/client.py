"""The search engine client, built from SEARCH_URL.

`opensearch://host:port` and `opensearch+https://user:pass@host:port` give an opensearch-py
client; `elasticsearch://…` and `elasticsearch+https://…` an elasticsearch-py client. Both take
the same request bodies (built with elasticsearch.dsl), so callers do not care which it is.

A cluster: name several nodes, comma-separated, in one URL (one scheme, one user and password
for all of them; a missing port is 9200):

    opensearch://127.0.0.1:9211,127.0.0.1:9212,127.0.0.1:9213
    opensearch+https://user:pass@search-1.example:9200,search-2.example:9200

The client then spreads requests over the nodes, and a request that finds a node down (refused,
reset, timed out, or answering 502/503/504) is retried at once on another node, so a search
survives one node going away. SEARCH_TIMEOUT stays the wait for one node: each node is tried at
most once per request, and a node that failed is skipped (for 60 s, then tried again) by later
requests, so only the first request after a failure pays for it. With one node nothing changes:
one retry on connection errors, none after a timeout (the database fallback takes over).
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
    host: str  # the first node; `hosts` has them all
    port: int
    username: str | None
    password: str | None
    hosts: tuple[tuple[str, int], ...] = ()

    @property
    def base_url(self) -> str:
        return self.base_urls[0]

    @property
    def base_urls(self) -> list[str]:
        return [f"{self.scheme}://{_bracketed(host)}:{port}" for host, port in self.nodes]

    @property
    def nodes(self) -> tuple[tuple[str, int], ...]:
        return self.hosts or ((self.host, self.port),)


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def parse_search_url(url: str) -> SearchURL:
    scheme, sep, rest = url.partition("://")
    engine, _, transport = scheme.partition("+")
    transport = transport or "http"
    if not sep or engine not in ENGINES or transport not in {"http", "https"}:
        raise ImproperlyConfigured(
            f"SEARCH_URL {url!r}: use opensearch://, opensearch+https://, "
            "elasticsearch:// or elasticsearch+https://"
        )
    netloc = rest.split("/", 1)[0].split("?", 1)[0]
    userinfo, _, hostlist = netloc.rpartition("@")
    username, has_password, password = userinfo.partition(":")
    hosts = tuple(_parse_host(url, item) for item in hostlist.split(",") if item.strip())
    if not hosts:
        raise ImproperlyConfigured(f"SEARCH_URL {url!r} names no host")
    return SearchURL(
        engine=engine,
        scheme=transport,
        host=hosts[0][0],
        port=hosts[0][1],
        username=unquote(username) if username else None,
        password=unquote(password) if has_password and password else None,
        hosts=hosts,
    )


def _parse_host(url: str, item: str) -> tuple[str, int]:
    """`host`, `host:port` or `[v6]:port` → (host, port), port 9200 when left out."""
    try:
        parts = urlsplit(f"//{item.strip()}")
        port = parts.port or 9200
    except ValueError as error:
        raise ImproperlyConfigured(f"SEARCH_URL {url!r}: bad host {item!r} ({error})") from None
    if not parts.hostname:
        raise ImproperlyConfigured(f"SEARCH_URL {url!r}: bad host {item!r}")
    return parts.hostname, port


DEAD_NODE_SECONDS = 2
DEAD_NODE_DOUBLINGS = 3


def build_client(url: str, *, timeout: float | None = None):
    """A client for the engine (one node or a cluster) at `url`; no request is sent until used."""
    target = parse_search_url(url)
    timeout = timeout if timeout is not None else settings.SEARCH_TIMEOUT
    auth = (target.username, target.password or "") if target.username else None
    several = len(target.nodes) > 1
    # One node: one retry on a connection error, as before. Several: each node at most once,
    # and a timeout moves on to the next node too (the one that timed out is marked dead).
    retries = {
        "max_retries": len(target.nodes) - 1 if several else 1,
        "retry_on_timeout": several,
    }
    if target.engine == "opensearch":
        from opensearchpy import OpenSearch

        return OpenSearch(
            hosts=[{"host": host, "port": port} for host, port in target.nodes],
            use_ssl=target.scheme == "https",
            verify_certs=target.scheme == "https",
            http_auth=auth,
            timeout=timeout,
            # Rebuilds send bulks from BulkLoader's threads next to the caller's requests.
            pool_maxsize=4,
            # A node that failed is skipped for 2 s, doubling up to 16 s (not the default 60 s
            # up to 32 minutes): a long-lived worker must notice a cluster that came back.
            dead_timeout=DEAD_NODE_SECONDS,
            timeout_cutoff=DEAD_NODE_DOUBLINGS,
            **retries,
        )
    from elasticsearch import Elasticsearch

    return Elasticsearch(
        target.base_urls,
        basic_auth=auth,
        request_timeout=timeout,
        dead_node_backoff_factor=DEAD_NODE_SECONDS,
        max_dead_node_backoff=DEAD_NODE_SECONDS * 2**DEAD_NODE_DOUBLINGS,
        **retries,
    )


@cache
def _client_for(url: str):
    return build_client(url)


def get_client():
    """The client for the configured SEARCH_URL (one per process, connection-pooled)."""
    if not settings.SEARCH_URL:
        raise ImproperlyConfigured("SEARCH_URL is not set: the site uses database search.")
    return _client_for(settings.SEARCH_URL)
