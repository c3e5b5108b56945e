"""A member deletes their account: personal data goes, their posts stay as "voormalig lid"."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import Q
from wagtail.log_actions import log
from wagtail.models import APIToken, ModelLogEntry, Page, PageSubscription, UploadedFile

from exchange.accounts.models import CodeOfConductAcceptance, Profile
from exchange.accounts.services import member_approve, member_restore
from exchange.accounts.tokens import api_token_create
from exchange.notifications.models import (
    ExpertRouting,
    Kind,
    Notification,
    NotificationPreference,
)
from exchange.questions.models import Answer, Follow, Question, Vote
from exchange.themes.models import ModeratorScope
from practices.models import PracticePage
from search import documents
from search.models import SearchEntry
from tests.factories import TOTP_SECRET, MemberFactory, ThemeFactory
from tests.practices.factories import make_practice
from tests.questions.factories import make_answer, make_question

pytestmark = pytest.mark.django_db

URL = "/account/verwijderen/"
PASSWORD = "geheim-wachtwoord-123"  # noqa: S105 - the factories' password
User = get_user_model()


@pytest.fixture
def leaving(municipality, moderator):
    """A Utrecht member with a name, profile, posts, follows, tokens, MFA and a log entry."""
    user = MemberFactory(
        email="jolien.verlaat@utrecht.nl",
        first_name="Jolien",
        last_name="Verlaat",
        profile__municipality=municipality,
        profile__job_title="Beleidsadviseur polarisatie",
        profile__bio="Jolien werkt aan sleutelfigurennetwerken.",
        profile__organisation="Wijkteam Overvecht",
        profile__expertise_themes=[ThemeFactory(slug="polarisatie", name="Polarisatie")],
    )
    TOTP.activate(user, TOTP_SECRET)
    api_token_create(user=user, name="dashboard")
    log(user.profile, "kennisnetwerk.member.approve", user=moderator)
    return user


@pytest.fixture
def posts(leaving, other_member):
    question = make_question(
        author=leaving, title="Hoe organiseren jullie een wijkgesprek?", visibility="members"
    )
    theirs = make_question(author=other_member, title="Wie betrekken jullie bij een azc?")
    answer = make_answer(question=theirs, author=leaving, body="Wij nodigen dorpsbelang uit.")
    helpful = make_answer(question=question, author=other_member, body="Begin klein.")
    Vote.objects.create(answer=helpful, user=leaving)
    Answer.objects.filter(pk=helpful.pk).update(helpful_count=1)
    Follow.objects.create(user=leaving, question=theirs)
    NotificationPreference.objects.create(user=leaving)
    Notification.objects.create(recipient=leaving, kind=Kind.NEW_ANSWER, question=question)
    ExpertRouting.objects.create(question=theirs, user=leaving)
    return {"question": question, "theirs": theirs, "answer": answer, "helpful": helpful}


def delete(client, password=PASSWORD):
    return client.post(URL, {"password": password})


def test_wrong_password_changes_nothing(client_as, leaving, posts):
    client = client_as(leaving)

    response = delete(client, password="niet-mijn-wachtwoord")

    assert response.status_code == 200
    assert "Het wachtwoord klopt niet. Er is niets gewijzigd." in response.content.decode()
    leaving.refresh_from_db()
    assert leaving.email == "jolien.verlaat@utrecht.nl"
    assert (leaving.first_name, leaving.last_name) == ("Jolien", "Verlaat")
    assert leaving.is_active and leaving.has_usable_password()
    assert leaving.profile.bio and leaving.profile.anonymised_at is None
    assert EmailAddress.objects.filter(user=leaving).exists()
    assert APIToken.objects.filter(user=leaving).exists()
    assert Follow.objects.filter(user=leaving).exists()
    assert client.get("/account/mijn-gegevens/").status_code == 200  # still signed in


def test_empty_password_is_refused(client_as, leaving):
    response = delete(client_as(leaving), password="")

    assert response.status_code == 200
    assert "Vul uw huidige wachtwoord in." in response.content.decode()
    leaving.refresh_from_db()
    assert leaving.is_active


def test_deleting_removes_personal_data(client_as, leaving, posts):
    client = client_as(leaving)
    client.get(URL)
    assert UserSession.objects.filter(user=leaving).exists()

    response = delete(client)

    assert response.status_code == 302
    assert response["Location"] == "/"
    leaving.refresh_from_db()
    assert leaving.email.endswith("@verwijderd.invalid")
    assert (leaving.first_name, leaving.last_name) == ("", "")
    assert not leaving.has_usable_password()
    assert not leaving.is_active
    profile = Profile.objects.get(user=leaving)
    assert profile.anonymised_at is not None
    assert (profile.job_title, profile.bio, profile.organisation) == ("", "", "")
    assert not profile.expertise_themes.exists()
    assert profile.municipality.name == "Utrecht"  # kept: it is what the posts still say
    for model, field in (
        (EmailAddress, "user"),
        (Authenticator, "user"),
        (UserSession, "user"),
        (APIToken, "user"),
        (Follow, "user"),
        (Notification, "recipient"),
        (NotificationPreference, "user"),
        (ExpertRouting, "user"),
        (CodeOfConductAcceptance, "user"),
    ):
        assert not model.objects.filter(**{field: leaving}).exists(), model.__name__
    # Nothing anywhere still says who the member was.
    assert not User.objects.filter(
        Q(email__icontains="jolien") | Q(first_name="Jolien") | Q(last_name="Verlaat")
    ).exists()
    assert not EmailAddress.objects.filter(email__icontains="jolien").exists()
    assert not Profile.objects.filter(
        Q(bio__icontains="Jolien") | Q(job_title__icontains="polarisatie")
    ).exists()
    assert not ModelLogEntry.objects.filter(label__icontains="Verlaat").exists()


def test_posts_and_votes_stay_attributed_to_a_former_member(
    client_as, leaving, posts, other_member
):
    delete(client_as(leaving))

    assert Question.objects.get(pk=posts["question"].pk).author_id == leaving.pk
    assert Answer.objects.get(pk=posts["answer"].pk).author_id == leaving.pk
    helpful = Answer.objects.get(pk=posts["helpful"].pk)
    assert helpful.helpful_count == helpful.votes.count() == 1
    client = client_as(other_member)
    for question in (posts["question"], posts["theirs"]):
        html = client.get(question.get_absolute_url()).content.decode()
        assert "voormalig lid van Utrecht" in html
        assert "Jolien" not in html and "Verlaat" not in html
    api = client.get(f"/api/v1/questions/{posts['question'].pk}").json()
    assert api["author"] == "voormalig lid van Utrecht"
    api = client.get(f"/api/v1/questions/{posts['theirs'].pk}").json()
    assert "voormalig lid van Utrecht" in [answer["author"] for answer in api["answers"]]


def test_member_is_signed_out_and_cannot_sign_in_again(client_as, client, leaving):
    signed_in = client_as(leaving)

    response = delete(signed_in)

    assert signed_in.get("/account/mijn-gegevens/").status_code == 302
    follow = signed_in.get(response["Location"])
    assert "Uw account is verwijderd." in follow.content.decode()
    login = client.post(
        "/account/login/", {"login": "jolien.verlaat@utrecht.nl", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert login.status_code == 200


def test_every_question_written_or_answered_is_reindexed(
    client_as, leaving, posts, monkeypatch, django_capture_on_commit_callbacks
):
    synced = []
    # Accounts announces the deletion after commit; the search app's receiver re-indexes.
    monkeypatch.setattr("search.signals.enqueue_sync", lambda kind, pk: synced.append((kind, pk)))

    with django_capture_on_commit_callbacks(execute=True):
        delete(client_as(leaving))

    assert sorted(synced) == sorted(
        [("question", posts["question"].pk), ("question", posts["theirs"].pk)]
    )


def test_index_documents_hold_no_trace_of_the_member(
    client_as, leaving, posts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delete(client_as(leaving))

    for question in (posts["question"], posts["theirs"]):
        document = json.dumps(documents.build("question", documents.load("question", question.pk)))
        for trace in ("Jolien", "Verlaat", "jolien.verlaat", "Overvecht"):
            assert trace not in document
        entry = SearchEntry.objects.get(kind="question", object_id=question.pk)
        assert "Verlaat" not in f"{entry.title} {entry.summary} {entry.body}"


def test_the_audit_trail_records_it_without_personal_data(client_as, leaving):
    delete(client_as(leaving))

    entry = ModelLogEntry.objects.get(action="kennisnetwerk.member.anonymise")
    assert entry.data == {"reason": "account_deleted"}
    assert entry.label == "voormalig lid van Utrecht"
    approve = ModelLogEntry.objects.get(action="kennisnetwerk.member.approve")
    assert approve.label == "voormalig lid van Utrecht"


@pytest.mark.parametrize(
    ("decide", "message"),
    [
        (member_restore, "Dit account is verwijderd en kan niet worden hersteld."),
        (member_approve, "Dit account is verwijderd en kan niet worden goedgekeurd."),
    ],
)
def test_a_deleted_account_cannot_be_restored_or_approved(
    client_as, leaving, moderator, decide, message
):
    delete(client_as(leaving))
    profile = Profile.objects.select_related("user").get(user=leaving)
    before = (profile.status, profile.status_changed_at, profile.status_reason)
    entries = ModelLogEntry.objects.count()

    with pytest.raises(ValidationError) as refused:
        decide(actor=moderator, profile=profile)

    assert refused.value.messages == [message]
    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert (profile.status, profile.status_changed_at, profile.status_reason) == before
    assert not profile.user.is_active
    assert not profile.user.has_usable_password()
    assert ModelLogEntry.objects.count() == entries


def test_moderators_cannot_delete_themselves(client_as, moderator):
    client = client_as(moderator)

    page = client.get(URL)
    response = client.post(URL, {"password": PASSWORD})

    assert page.status_code == 200
    assert "Moderatoren en beheerders kunnen hun account niet zelf verwijderen" in (
        page.content.decode()
    )
    assert 'name="password"' not in page.content.decode()
    assert response.status_code == 403
    moderator.refresh_from_db()
    assert moderator.is_active and moderator.first_name


def test_delete_page_requires_login(client):
    for response in (client.get(URL), client.post(URL, {"password": PASSWORD})):
        assert response.status_code == 302
        assert response["Location"].startswith("/account/login/")


def test_deleting_also_clears_what_other_apps_keep_only_for_the_member(
    client_as, leaving, django_capture_on_commit_callbacks
):
    """Each app erases its own part (its personal_data.py): the contact person on a practice,
    the member's lock on a page, page subscriptions, unfinished uploads, a theme scope."""
    practice = make_practice(contact_person=leaving, owner=leaving)
    Page.objects.filter(pk=practice.pk).update(locked=True, locked_by=leaving)
    PageSubscription.objects.create(page=practice, user=leaving, comment_notifications=True)
    upload = UploadedFile(uploaded_by_user=leaving)
    upload.file.save("half-af.pdf", ContentFile(b"%PDF-1.4 concept"), save=True)
    storage, name = upload.file.storage, upload.file.name
    ModeratorScope.objects.create(user=leaving)

    with django_capture_on_commit_callbacks(execute=True):
        delete(client_as(leaving))

    practice = PracticePage.objects.get(pk=practice.pk)
    assert practice.contact_person_id is None
    assert not practice.locked and practice.locked_by_id is None
    assert practice.owner_id == leaving.pk  # kept: the page's history, shown as former member
    assert not PageSubscription.objects.filter(user=leaving).exists()
    assert not UploadedFile.objects.filter(uploaded_by_user=leaving).exists()
    assert not storage.exists(name)
    assert not ModeratorScope.objects.filter(user=leaving).exists()
