"""Every e-mail the site sends links to SITE_URL, whatever host the request came in on.

Each flow below makes the site send its e-mails the way it does in use (sign-up, password reset,
notifications, digests, moderators' messages and decisions, Wagtail's workflow mails) while
the browser talks to "localhost:8000" and SITE_URL says https://kennisnetwerk.example.nl. A
last test proves that together they render every e-mail template in templates/: a new template
needs a flow here.
"""

import datetime
import re
import zoneinfo
from pathlib import Path
from types import SimpleNamespace

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core import mail
from django.test import Client, RequestFactory
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site, WorkflowState

from exchange.accounts.services import member_approve, member_reject
from exchange.contact.services import contact_reply, contact_start
from exchange.core.links import default_site_sync
from exchange.meetings.services import meeting_cancel, registration_cancel, registration_register
from exchange.moderation.services import author_warn
from exchange.notifications.digests import digests_send
from exchange.notifications.meetings import meeting_reminders_send
from exchange.notifications.models import NotificationPreference, Rhythm
from exchange.questions.services import answer_post, follow, question_create
from exchange.themes.models import Theme
from tests.factories import MemberFactory, MunicipalityFactory
from tests.meetings.factories import make_meeting
from tests.practices.sharing_data import share

pytestmark = pytest.mark.django_db

SITE = "https://kennisnetwerk.example.nl"
BROWSER_HOST = "localhost:8000"
LINK = re.compile(r"""https?://[^\s"'<>]+""")
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PASSWORD = "een-Lang-wachtwoord-42"
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def env(settings, member, moderator, log_in, django_capture_on_commit_callbacks):
    settings.WAGTAILADMIN_BASE_URL = SITE
    default_site_sync()  # what `migrate` does on a deploy with this SITE_URL
    return SimpleNamespace(
        settings=settings,
        member=member,
        moderator=moderator,
        browser=Client(HTTP_HOST=BROWSER_HOST),
        log_in=log_in,
        committed=lambda: django_capture_on_commit_callbacks(execute=True),
    )


def browser_request():
    request = RequestFactory().get("/", HTTP_HOST=BROWSER_HOST)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


# -- the flows ------------------------------------------------------------------------------


def sign_up(env, email="nieuw.lid@utrecht.nl"):
    env.browser.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Nina",
            "last_name": "Nieuw",
            "job_title": "Beleidsadviseur",
            "organisation": "",
        },
    )


def sign_up_with_a_taken_address(env):
    sign_up(env, email=env.member.email)


def reset_a_password(env):
    env.browser.post(reverse("account_reset_password"), {"email": env.member.email})


def reset_a_password_of_nobody(env):
    env.browser.post(reverse("account_reset_password"), {"email": "niemand@utrecht.nl"})


def resend_a_confirmation(env):
    user = MemberFactory(email="onbevestigd@utrecht.nl")
    address, _created = EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": False}
    )
    request = browser_request()
    with allauth_context.request_context(request):
        send_verification_email_to_address(request, address)


def account_changes_and_codes(env):
    env.settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    request = browser_request()
    user = env.member
    with allauth_context.request_context(request):
        adapter = get_adapter()
        for name, context in (
            ("password_changed", {}),
            ("password_set", {}),
            ("password_reset", {}),
            ("email_confirm", {}),
            ("email_changed", {"from_email": "oud@utrecht.nl", "to_email": user.email}),
            ("email_deleted", {"deleted_email": "oud@utrecht.nl"}),
        ):
            adapter.send_notification_mail(f"account/email/{name}", user, context)
        for name in ("login_code", "password_reset_code"):
            adapter.send_mail(f"account/email/{name}", user.email, {"code": "K7P2QX", "user": user})


def answer_a_question(env):
    question = question_create(author=env.member, title="Hoe werken jullie met ouders?", body="")
    with env.committed():
        answer_post(author=MemberFactory(), question=question, body="Met ouderavonden.")


def send_a_daily_digest(env):
    follower = MemberFactory()
    question = question_create(author=env.member, title="Wie zit er aan tafel?", body="")
    follow(user=follower, question=question)
    NotificationPreference.objects.create(user=follower, followed_question=Rhythm.DAILY)
    with env.committed():
        answer_post(author=MemberFactory(), question=question, body="Gemeente en politie.")
    mail.outbox.clear()
    digests_send(rhythm="daily")


def warn_an_author(env):
    question = question_create(author=env.member, title="Een vraag met een naam", body="")
    with env.committed():
        author_warn(actor=env.moderator, post=question, message="Haal de naam weg, a.u.b.")


def decide_on_sign_ups(env):
    approved = MemberFactory(profile__status="pending", profile__municipality=None)
    rejected = MemberFactory(profile__status="pending", profile__municipality=None)
    with env.committed():
        member_approve(actor=env.moderator, profile=approved.profile)
    with env.committed():
        member_reject(actor=env.moderator, profile=rejected.profile, reason="Geen gemeente.")


def share_and_decide_on_practices(env):
    theme = Theme.objects.order_by("pk").first()
    author = env.log_in(Client(HTTP_HOST=BROWSER_HOST), env.member)
    for action in ("reject", "approve"):
        with env.committed():  # Wagtail tells the moderators about the submission
            page = share(author, theme_ids=[theme.pk])
        state = WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()
        task_state = state.current_task_state
        with env.committed():
            task_state.task.specific.on_action(
                task_state, env.moderator, action, comment="Beschrijf ook de kosten."
            )


def write_to_a_colleague_and_reply(env):
    colleague = MemberFactory(
        profile__municipality=MunicipalityFactory(), profile__open_to_contact=True
    )
    with env.committed():
        conversation = contact_start(
            sender=env.member, recipients=[colleague], subject="Sleutelfiguren", body="Hoe?"
        )
    with env.committed():
        contact_reply(author=colleague, conversation=conversation, body="Zo.")


def wait_remind_and_cancel_a_meeting(env):
    """A place comes free, the reminder the day before, then the meeting is cancelled."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    starts = datetime.datetime.combine(tomorrow, datetime.time(14), tzinfo=AMSTERDAM)
    meeting = make_meeting(env.moderator, title="Netwerkdag", capacity=1, starts_at=starts)
    waiting = MemberFactory(profile__municipality=env.member.profile.municipality)
    registration_register(user=env.member, meeting=meeting)
    registration_register(user=waiting, meeting=meeting)
    with env.committed():
        registration_cancel(user=env.member, meeting=meeting)
    with env.committed():
        meeting_reminders_send()
    with env.committed():
        meeting_cancel(user=env.moderator, meeting=meeting)


def remind_to_check_the_network_register(env):
    """Entries unchecked for a year: the municipality's members hear how many."""
    from exchange.notifications.network_checks import network_check_reminders_send
    from exchange.partners.models import Cooperation, Organisation
    from exchange.themes.models import OrganisationKind

    Organisation.objects.create(
        municipality=env.member.profile.municipality,
        name="Jongerenwerk Oost",
        kind=OrganisationKind.objects.get(slug="youth_work"),
        cooperation=Cooperation.values[0],
        last_checked_on=timezone.localdate() - datetime.timedelta(days=400),
    )
    with env.committed():
        network_check_reminders_send()


FLOWS = [
    sign_up,
    sign_up_with_a_taken_address,
    reset_a_password,
    reset_a_password_of_nobody,
    resend_a_confirmation,
    account_changes_and_codes,
    answer_a_question,
    send_a_daily_digest,
    warn_an_author,
    decide_on_sign_ups,
    share_and_decide_on_practices,
    write_to_a_colleague_and_reply,
    wait_remind_and_cancel_a_meeting,
    remind_to_check_the_network_register,
]


def parts(message) -> list[str]:
    return [message.subject, message.body, *(body for body, _type in message.alternatives)]


# -- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("flow", FLOWS, ids=[flow.__name__ for flow in FLOWS])
def test_every_link_in_the_mails_starts_with_site_url(env, flow):
    mail.outbox.clear()
    flow(env)
    assert mail.outbox, f"{flow.__name__} sent no e-mail"
    for message in mail.outbox:
        links = [link for part in parts(message) for link in LINK.findall(part)]
        assert links, message.subject
        for link in links:
            assert link.startswith(f"{SITE}/"), (message.subject, link)
        for part in parts(message):
            assert BROWSER_HOST not in part and "localhost" not in part, message.subject


def test_a_site_url_on_localhost_is_kept(env):
    env.settings.WAGTAILADMIN_BASE_URL = "http://localhost:8000"
    default_site_sync()
    mail.outbox.clear()
    reset_a_password(env)
    [message] = mail.outbox
    assert "http://localhost:8000/account/password/reset/key/" in message.body


def test_the_wagtail_site_follows_site_url(env):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("kennisnetwerk.example.nl", 443, SITE)


def email_templates_on_disk() -> set[str]:
    return {
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.glob("**/email/*")
        if path.suffix in (".txt", ".html")
    }


def test_the_flows_render_every_email_template(env):
    rendered = set()

    def record(sender, template, context, **kwargs):
        rendered.add(template.name)

    template_rendered.connect(record)
    try:
        for flow in FLOWS:
            flow(env)
    finally:
        template_rendered.disconnect(record)
    assert email_templates_on_disk() - rendered == set()
