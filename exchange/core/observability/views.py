"""/metrics in the Prometheus text format, for monitoring only; to anyone else a plain 404."""

from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client.exposition import choose_encoder

from .access import monitoring_allowed
from .metrics import scrape_registry


@never_cache
def metrics(request):
    # The site's own 404, so the address does not tell a stranger that something is here.
    if not monitoring_allowed(request):
        raise Http404
    # The text format Prometheus asks for in its Accept header (OpenMetrics or plain text).
    encode, content_type = choose_encoder(request.headers.get("Accept", ""))
    return HttpResponse(encode(scrape_registry()), content_type=content_type)
