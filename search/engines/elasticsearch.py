"""The Elasticsearch engine: the same bodies as OpenSearch, spelled for elasticsearch-py 8."""

from django.conf import settings

from .opensearch import MERGE_TIMEOUT, OpenSearchEngine


class ElasticsearchEngine(OpenSearchEngine):
    name = "elasticsearch"

    def send_bulk(self, lines: list[dict], *, refresh: bool = False) -> dict:
        kwargs = {"refresh": "true"} if refresh else {}
        client = self.client.options(request_timeout=settings.SEARCH_BULK_TIMEOUT)
        return self._guard(client.bulk, operations=lines, **kwargs)

    def create_index(self, name: str, body: dict) -> None:
        self._guard(
            self.client.indices.create,
            index=name,
            settings=body.get("settings"),
            mappings=body.get("mappings"),
        )

    def update_aliases(self, actions: list[dict]) -> None:
        self._guard(self.client.indices.update_aliases, actions=actions)

    def merge_segments(self, index: str) -> None:
        client = self.client.options(request_timeout=MERGE_TIMEOUT)
        self._guard(client.indices.forcemerge, index=index, max_num_segments=1)

    def _green_health(self, index: str, seconds: int):
        client = self.client.options(request_timeout=seconds + 5, ignore_status=408)
        return self._guard(
            client.cluster.health, index=index, wait_for_status="green", timeout=f"{seconds}s"
        )

    def put_settings(self, index: str, body: dict) -> None:
        self._guard(self.client.indices.put_settings, index=index, settings=body)

    def delete_document(self, index: str, id: str) -> None:
        self._guard(self.client.options(ignore_status=404).delete, index=index, id=id)
