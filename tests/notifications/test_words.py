"""Reports and notifications never share a word: members get "Notificaties" (as Wagtail's own
Dutch calls them), moderators handle "Meldingen" (reports). The addresses stay as they were."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from exchange.moderation.wagtail_hooks import ReportQueueViewSet
from exchange.notifications.digests import _subject
from exchange.notifications.models import Rhythm

pytestmark = pytest.mark.django_db

BASE = Path(settings.BASE_DIR)
# Everything a member reads about notifications: pages, e-mails, subjects, the data export.
NOTIFICATION_TEXTS = [
    *sorted((BASE / "templates/notifications").rglob("*.html")),
    *sorted((BASE / "templates/notifications").rglob("*.txt")),
    BASE / "exchange/notifications/digests.py",
    BASE / "exchange/notifications/emails.py",
    BASE / "exchange/notifications/personal_data.py",
    BASE / "exchange/notifications/views.py",
    BASE / "exchange/notifications/apps.py",
]


@pytest.mark.parametrize("path", NOTIFICATION_TEXTS, ids=lambda path: path.name)
def test_notification_texts_do_not_say_melding(path):
    text = path.read_text()
    # URL paths and names keep their old spelling (bookmarks, e-mailed links).
    text = re.sub(r"meldingen/", "", text)
    # A word starting with "melding" ("aanmelding", a sign-up, is another word).
    assert not re.search(r"\bmelding", text, re.IGNORECASE), f"{path} says 'melding'"


def test_the_header_and_the_page_say_notificaties(client_as, member):
    client = client_as(member)
    html = client.get(reverse("notification_list")).content.decode()

    assert "<title>Notificaties ·" in html
    assert '<h1 class="utrecht-heading-1">Notificaties</h1>' in html
    assert 'href="/meldingen/">Notificaties' in html
    assert ">Meldingen<" not in html


def test_digest_subjects_say_notificaties():
    with translation.override("nl"):
        assert _subject(Rhythm.DAILY, 1) == "Uw dagelijkse overzicht: 1 nieuwe notificatie"
        assert _subject(Rhythm.WEEKLY, 3) == "Uw wekelijkse overzicht: 3 nieuwe notificaties"
    with translation.override("en"):
        assert "notification" in _subject(Rhythm.DAILY, 2)


def test_the_moderators_reports_keep_meldingen_and_the_two_differ_in_both_languages():
    reports = ReportQueueViewSet().get_menu_item().label
    for language in ("nl", "en"):
        with translation.override(language):
            notifications = translation.gettext("Notificaties")
            assert str(reports) != notifications
    with translation.override("nl"):
        assert str(reports) == "Meldingen"
    with translation.override("en"):
        assert translation.gettext("Notificaties") == "Notifications"
        assert str(reports) == "Reports"
