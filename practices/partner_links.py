"""Links from a practice's partners to entries in a municipality's network register.

The register (exchange.partners) sits above practices, so practices cannot ask it directly:
it registers a provider here from its `AppConfig.ready()`. A provider answers, for one
viewer and a list of partners, the address of each partner's register entry that this viewer
may see; partners it leaves out are shown without a link. With no provider (the register app
not installed) no partner links anywhere.
"""

from collections.abc import Callable, Sequence

Provider = Callable[[object, Sequence], dict[int, str]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def partner_entry_urls(user, partners: Sequence) -> dict[int, str]:
    """{partner pk: URL of its register entry} for the entries `user` may see."""
    urls: dict[int, str] = {}
    if not partners:
        return urls
    for provider in _providers:
        urls.update(provider(user, partners))
    return urls
