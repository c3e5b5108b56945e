"""Shared fixtures: members in every role, a logged-in client, the live search engine."""

import os

import pytest
from django.core.management import call_command


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # Browser tests carry the e2e marker, so `-m e2e` / `-m "not e2e"` split the suite.
    for item in items:
        if "/tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)
    # Tests of PostgreSQL's own tools (pg_dump, pg_restore) are deselected, not skipped, on
    # SQLite: CI runs them on PostgreSQL.
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        postgres_only = [item for item in items if item.get_closest_marker("postgres")]
        if postgres_only:
            config.hook.pytest_deselected(items=postgres_only)
            items[:] = [item for item in items if not item.get_closest_marker("postgres")]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Rate limits and sessions use Django's database cache, a real shared cache.
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


@pytest.fixture(autouse=True)
def _search_statistics():
    """Each test starts without the term statistics an earlier test's searches loaded into
    the process (search.feedback keeps them between searches)."""
    from search import feedback

    feedback.forget()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's language. A request through the test client leaves the
    language it chose active in the thread (LocaleMiddleware does not reset it), so a test
    after one in English would otherwise read English messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def municipality(db):
    from tests.factories import MunicipalityFactory

    return MunicipalityFactory(
        code="GM0344", name="Utrecht", province="Utrecht", domains=["utrecht.nl"]
    )


@pytest.fixture
def other_municipality(db):
    from tests.factories import MunicipalityFactory

    return MunicipalityFactory(
        code="GM0193", name="Zwolle", province="Overijssel", domains=["zwolle.nl"]
    )


@pytest.fixture
def member(municipality):
    from tests.factories import MemberFactory

    return MemberFactory(profile__municipality=municipality)


@pytest.fixture
def other_member(other_municipality):
    from tests.factories import MemberFactory

    return MemberFactory(profile__municipality=other_municipality)


@pytest.fixture
def pending_member(db):
    from tests.factories import MemberFactory

    return MemberFactory(profile__status="pending", profile__municipality=None)


@pytest.fixture
def moderator(db):
    from tests.factories import ModeratorFactory

    return ModeratorFactory()


def _log_in(client, user):
    """Log `client` in as `user`, as a real sign-in would: password, then (when the user has
    an authenticator) the TOTP step, which staff powers need in the session."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from django.test import RequestFactory

    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    if authenticator is not None:
        record_authentication(request, user, "mfa", id=authenticator.pk, type="totp")
    request.session.save()
    return client


@pytest.fixture
def log_in():
    """`log_in(client, user)` logs any test client in as that user (see client_as)."""
    return _log_in


@pytest.fixture
def client_as(client):
    """`client_as(user)` logs the client in as that user and returns it."""

    def login(user):
        return _log_in(client, user)

    return login


@pytest.fixture(scope="session")
def search_node():
    """A real OpenSearch node for the session: TEST_SEARCH_URL's, or one we start."""
    if url := os.environ.get("TEST_SEARCH_URL"):
        yield url
        return
    from tests.opensearch_node import OpenSearchNode

    node = OpenSearchNode().start()
    try:
        yield node.search_url
    finally:
        node.stop()


@pytest.fixture
def search_url(search_node, settings):
    settings.SEARCH_URL = search_node
    from search.client import _client_for

    _client_for.cache_clear()
    yield search_node
    _client_for.cache_clear()
