"""The moderators' reports ('Meldingen') and the members' notifications ('Notificaties') are
different words, and in English too they must not come out the same."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from exchange.moderation.wagtail_hooks import ReportQueueViewSet

pytestmark = pytest.mark.django_db


def menu_items(content: str) -> dict[str, str]:
    """Name → label of the admin sidebar's menu items, from the sidebar's (telepath) JSON."""
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', content, re.S)
    assert props, "no sidebar props on the page"
    items = {}

    def collect(node):
        if isinstance(node, dict):
            name, label = node.get("name"), node.get("label")
            if isinstance(name, str) and isinstance(label, str):
                items[name] = label
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(json.loads(props.group(1)))
    return items


def test_report_menu_label_says_reports_in_english_and_meldingen_in_dutch():
    item = ReportQueueViewSet().get_menu_item()
    with translation.override("en"):
        assert str(item.label) == "Reports"
    with translation.override("nl"):
        assert str(item.label) == "Meldingen"


def test_report_queue_in_english_is_about_reports(client_as, moderator):
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"  # the admin speaks each user's own language
    profile.save()
    content = client_as(moderator).get(reverse("kn_reports:index")).content.decode()
    assert re.search(r"<title>\s*Reports", content)
    items = menu_items(content)
    assert items["meldingen"] == "Reports"
    assert "Notifications" not in items.values()


def test_notifications_page_in_english_says_notifications(client_as, member):
    client = client_as(member)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    content = client.get(reverse("notification_list")).content.decode()
    assert re.search(r'<h1 class="utrecht-heading-1">\s*Notifications\s*</h1>', content)
    assert "Reports" not in content
