"""The versioned code of conduct: verified members accept the version in force before going on."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from exchange.accounts.models import CodeOfConduct, CodeOfConductAcceptance
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

CODE_URL = "/account/gedragscode/"


def publish(version: int, **fields) -> CodeOfConduct:
    fields.setdefault("published_at", timezone.now())
    return CodeOfConduct.objects.create(
        version=version, text=f"### Regel\n\nVersie {version}: wees *respectvol*.", **fields
    )


def test_migration_publishes_a_first_version():
    code = CodeOfConduct.objects.get()
    assert code.version == 1
    assert code.published_at <= timezone.now()
    assert "persoonsgegevens" in code.text_html
    assert "<h3>" in code.text_html


def test_members_who_accepted_the_current_version_go_on(client_as, member):
    response = client_as(member).get("/vragen/")

    assert response.status_code == 200


def test_a_new_version_sends_members_to_the_code_first(client_as, member):
    client = client_as(member)
    publish(2)

    response = client.get("/vragen/?thema=jongeren")

    assert response.status_code == 302
    assert response["Location"] == f"{CODE_URL}?next=%2Fvragen%2F%3Fthema%3Djongeren"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Versie 2: wees <em>respectvol</em>." in page.content.decode()


def test_members_signing_in_after_a_new_version_see_it_first(client_as, member):
    publish(2)

    response = client_as(member).get("/leden/")

    assert response.status_code == 302
    assert response["Location"].startswith(CODE_URL)


def test_accepting_records_it_and_returns_to_the_page(client_as, member):
    client = client_as(member)
    code = publish(2)

    response = client.post(f"{CODE_URL}?next=/vragen/", {"version": 2, "agree": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/vragen/"
    acceptance = CodeOfConductAcceptance.objects.get(user=member, code=code)
    assert acceptance.accepted_at <= timezone.now()
    assert client.get("/vragen/").status_code == 200
    assert client.get("/leden/").status_code == 200


def test_accepted_members_signing_in_again_are_not_asked_again(client, client_as, member):
    code = publish(2)
    CodeOfConductAcceptance.objects.create(user=member, code=code)

    assert client_as(member).get("/vragen/").status_code == 200


def test_not_ticking_the_box_records_nothing(client_as, member):
    client = client_as(member)
    publish(2)

    response = client.post(CODE_URL, {"version": 2})

    assert response.status_code == 200
    assert "Vink aan dat u akkoord gaat." in response.content.decode()
    assert not CodeOfConductAcceptance.objects.filter(user=member, code__version=2).exists()
    assert client.get("/vragen/").status_code == 302


def test_accepting_an_outdated_version_is_refused(client_as, member):
    client = client_as(member)
    publish(2)

    response = client.post(CODE_URL, {"version": 1, "agree": "on"}, follow=True)

    assert "Er is intussen een andere versie van de gedragscode." in response.content.decode()
    assert not CodeOfConductAcceptance.objects.filter(user=member, code__version=2).exists()


def test_next_pointing_elsewhere_is_ignored(client_as, member):
    client = client_as(member)
    publish(2)

    response = client.post(
        f"{CODE_URL}?next=https://elders.example/", {"version": 2, "agree": "on"}
    )

    assert response["Location"] == "/"


def test_drafts_and_future_versions_are_not_required_yet(client_as, member):
    client = client_as(member)
    publish(2, published_at=None)
    publish(3, published_at=timezone.now() + datetime.timedelta(days=7))

    assert client.get("/vragen/").status_code == 200


def test_without_any_code_nothing_is_required(client_as):
    CodeOfConductAcceptance.objects.all().delete()
    CodeOfConduct.objects.all().delete()
    newcomer = MemberFactory(code_of_conduct=False)

    assert client_as(newcomer).get("/vragen/").status_code == 200
    assert "nog geen gedragscode" in client_as(newcomer).get(CODE_URL).content.decode()


def test_members_who_never_accepted_are_asked(client_as):
    newcomer = MemberFactory(code_of_conduct=False)

    response = client_as(newcomer).get("/")

    assert response.status_code == 302
    assert response["Location"] == f"{CODE_URL}?next=%2F"


def test_anonymous_visitors_and_pending_members_are_not_asked(client, client_as, pending_member):
    publish(2)

    assert client.get("/vragen/").status_code == 200
    assert client.get(CODE_URL).status_code == 200
    pending = MemberFactory(code_of_conduct=False, profile__status="pending")
    assert client_as(pending).get("/account/profiel/").status_code == 200


def test_exempt_paths_answer_without_acceptance(client_as):
    newcomer = MemberFactory(code_of_conduct=False)
    client = client_as(newcomer)

    assert client.get("/healthz").status_code in (200, 503)
    assert client.get("/api/v1/questions").status_code == 200
    assert client.get("/account/mijn-gegevens/").status_code == 200
    assert client.get("/account/verwijderen/").status_code == 200
    assert client.post("/account/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_form_post_is_sent_to_the_code_without_next(client_as):
    newcomer = MemberFactory(code_of_conduct=False)

    response = client_as(newcomer).post("/vragen/stel-een-vraag/", {"title": "Een vraag"})

    assert response.status_code == 302
    assert response["Location"] == CODE_URL


def test_anonymous_visitors_cannot_accept(client):
    response = client.post(CODE_URL, {"version": 1, "agree": "on"})

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert not CodeOfConductAcceptance.objects.filter(user__isnull=True).exists()


def test_an_accepted_version_cannot_be_rewritten(member):
    code = CodeOfConduct.objects.get(version=1)
    code.text = "Iets heel anders."

    with pytest.raises(ValidationError, match="Maak een nieuwe versie"):
        code.full_clean()

    draft = publish(2, published_at=None)
    draft.text = "Nog niet geaccepteerd, dus aan te passen."
    draft.full_clean()


def test_moderators_edit_the_code_in_the_admin(client_as, moderator):
    client = client_as(moderator)

    listing = client.get("/beheer/snippets/accounts/codeofconduct/")
    create = client.get("/beheer/snippets/accounts/codeofconduct/add/")

    assert listing.status_code == 200
    assert create.status_code == 200
