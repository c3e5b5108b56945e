"""Log capture as the stack writes it: the JSON formatter behind the request-context filter."""

import io
import json
import logging

import pytest
from prometheus_client.parser import text_string_to_metric_families

from exchange.core.observability.logs import JsonFormatter, RequestContextFilter


@pytest.fixture
def json_log():
    """Records of every logger from INFO up, as the parsed JSON lines an operator would read."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
def scrape(client, settings):
    """GET /metrics with the monitoring token; the samples as {(name, labels): value}."""
    settings.METRICS_TOKEN = "monitoring-token-for-tests"

    def _scrape() -> dict:
        response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer monitoring-token-for-tests")
        assert response.status_code == 200
        samples = {}
        for family in text_string_to_metric_families(response.content.decode()):
            for sample in family.samples:
                samples[sample.name, tuple(sorted(sample.labels.items()))] = sample.value
        return samples

    return _scrape
