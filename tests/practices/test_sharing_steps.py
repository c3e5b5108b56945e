"""Each step of sharing a practice refuses bad input in Dutch, on its field, and saves nothing."""

import re
from html import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import PageLogEntry, Revision

from exchange.themes.models import Theme
from practices.models import PracticePage
from tests.factories import MemberFactory
from tests.practices.files import PROGRAM, pdf_bytes
from tests.practices.sharing_data import step_data, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client_as, member):
    client = client_as(member)
    client.post(reverse("practice_share"), step_data("titel"))
    return PracticePage.objects.get()


@pytest.fixture
def author(client_as, member, draft):
    return client_as(member)


def revisions(page) -> int:
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def refused(client, page, slug, changes, **files):
    """Post a step with `changes`; assert it was refused and nothing was saved."""
    before = revisions(page)
    response = client.post(step_url(page, slug), {**step_data(slug), **changes, **files})
    assert response.status_code == 400, response.content.decode()[:2000]
    assert revisions(page) == before
    return response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"title": ""}, "Dit veld is verplicht.", "id_title"),
        ({"title": "?!"}, "Geef een titel met woorden, niet alleen leestekens.", "id_title"),
        ({"title": "x" * 201}, "De titel is te lang: maximaal 200 tekens.", "id_title"),
        ({"summary": ""}, "Dit veld is verplicht.", "id_summary"),
        ({"summary": "x" * 601}, "De samenvatting is te lang: maximaal 600 tekens.", "id_summary"),
    ],
)
def test_the_title_step_refuses_with_a_dutch_message_linked_from_the_summary(
    author, draft, changes, message, field
):
    body = refused(author, draft, "titel", changes)
    assert message in body
    assert f'href="#{field}"' in body  # the error summary links to the field
    assert f'id="{field}"' in body
    assert "<title>Fout:" in body


def test_a_new_practice_with_bad_input_is_not_created(client_as, member):
    response = client_as(member).post(reverse("practice_share"), {"title": "", "summary": ""})
    assert response.status_code == 400
    assert "Er ging iets mis" in response.content.decode()
    assert not PracticePage.objects.exists()


@pytest.mark.parametrize(
    ("slug", "changes", "message"),
    [
        ("context", {"goal": "x" * 20_001}, "Deze tekst is te lang"),
        ("doelgroepen", {"themes": []}, "Kies ten minste één thema."),
        ("doelgroepen", {"themes": ["999999"]}, "Kies thema's uit de lijst."),
        ("doelgroepen", {"themes": ["abc"]}, "Kies thema's uit de lijst."),
        (
            "doelgroepen",
            {"other_target_groups": ", ".join(f"groep {n}" for n in range(13))},
            "Kies hoogstens 12 doelgroepen.",
        ),
        (
            "aanpak",
            {"stappen-1-title": "", "stappen-1-text": "Uitleg"},
            "Geef deze stap een korte titel.",
        ),
        ("aanpak", {"stappen-0-ORDER": "0"}, "Vul een volgnummer vanaf 1 in."),
        ("aanpak", {"partners-0-kind": ""}, "Kies wat voor organisatie dit is."),
        ("aanpak", {"partners-0-kind": "sekte"}, "Kies een soort organisatie"),
        ("aanpak", {"stappen-TOTAL_FORMS": "500"}, "Hoogstens 50 rijen."),
        ("resultaten", {"evidence_level": "bewezen"}, "Kies een van de genoemde niveaus."),
        ("resultaten", {"evidence_assessed_at": "2999-01-01"}, "ligt in de toekomst"),
        ("resultaten", {"evidence_assessed_at": "31-02-2024"}, "Vul een geldige datum in"),
        ("kosten", {"staffing_fte": "-1"}, "De inzet kan niet negatief zijn."),
        ("kosten", {"staffing_fte": "veel"}, "Vul een getal in, bijvoorbeeld 0,5."),
        ("kosten", {"staffing_fte": "0,125"}, "hoogstens twee cijfers achter de komma"),
        ("kosten", {"cost_range": "gratis"}, "Kies een van de genoemde bedragen."),
        ("periode", {"status": ""}, "Dit veld is verplicht."),
        (
            "periode",
            {"start_date": "2024-05-01", "end_date": "2024-01-01", "ongoing": ""},
            "De einddatum ligt vóór de startdatum.",
        ),
        ("periode", {"end_date": "2025-01-01"}, "Een praktijk die doorloopt heeft geen einddatum."),
        (
            "zichtbaarheid",
            {"visibility": "restricted", "allowed_municipalities": []},
            "Kies ten minste één gemeente",
        ),
        ("zichtbaarheid", {"visibility": "geheim"}, "Kies een van de genoemde mogelijkheden."),
    ],
)
def test_every_step_refuses_bad_input_in_dutch_and_saves_nothing(
    author, draft, slug, changes, message
):
    theme = Theme.objects.order_by("pk").first()
    data = {**step_data(slug, theme_ids=[theme.pk]), **changes}
    before = revisions(draft)
    response = author.post(step_url(draft, slug), data)
    assert response.status_code == 400, response.content.decode()[:2000]
    assert escape(message) in response.content.decode()
    assert revisions(draft) == before


def test_only_verified_colleagues_can_be_the_contact_person(
    author, draft, municipality, other_member
):
    colleague = MemberFactory(profile__municipality=municipality, first_name="Ria")
    pending = MemberFactory(profile__municipality=municipality, profile__status="pending")
    page = author.get(step_url(draft, "periode")).content.decode()
    assert f'<option value="{colleague.pk}"' in page
    assert f'<option value="{pending.pk}"' not in page
    assert f'<option value="{other_member.pk}"' not in page
    for stranger in (pending, other_member):
        body = refused(author, draft, "periode", {"contact_person": str(stranger.pk)})
        assert "Kies een collega uit de lijst." in body


# -- attachments -----------------------------------------------------------------------------


def test_an_upload_becomes_a_document_of_the_member_with_its_own_visibility(author, member, draft):
    upload = SimpleUploadedFile("evaluatie.pdf", pdf_bytes(), content_type="application/pdf")
    data = {**step_data("bijlagen"), "title": "Evaluatie 2024", "visibility": "members"}
    response = author.post(step_url(draft, "bijlagen"), {**data, "file": upload})
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert document.uploaded_by_user == member
    assert document.title == "Evaluatie 2024"
    [attachment] = PracticePage.objects.get().get_latest_revision_as_object().attachments.all()
    assert (attachment.document, attachment.visibility) == (document, "members")
    # The attachment is listed on the step, with its visibility to change, and can go.
    page = author.get(step_url(draft, "bijlagen")).content.decode()
    assert "Evaluatie 2024" in page
    rows = {
        "bijlagen-TOTAL_FORMS": "1",
        "bijlagen-INITIAL_FORMS": "1",
        "bijlagen-0-document": str(document.pk),
        "bijlagen-0-title": "Evaluatie",
        "bijlagen-0-visibility": "",
        "bijlagen-0-remove": "on",
    }
    author.post(step_url(draft, "bijlagen"), {**step_data("bijlagen"), **rows})
    assert not PracticePage.objects.get().get_latest_revision_as_object().attachments.all()


def test_a_program_renamed_to_pdf_is_refused_and_nothing_is_kept(author, draft):
    upload = SimpleUploadedFile("rapport.pdf", PROGRAM, content_type="application/pdf")
    body = refused(author, draft, "bijlagen", {"title": "Rapport"}, file=upload)
    assert "de inhoud past niet bij de extensie .pdf" in body
    assert not get_document_model().objects.exists()


def test_an_unknown_file_type_is_refused(author, draft):
    upload = SimpleUploadedFile("script.exe", PROGRAM)
    body = refused(author, draft, "bijlagen", {}, file=upload)
    assert "Dit bestandstype is niet toegestaan" in body


def test_a_file_over_the_size_limit_is_refused(author, draft, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("groot.pdf", pdf_bytes() + b"0" * 2048)
    body = refused(author, draft, "bijlagen", {}, file=upload)
    assert "Het bestand is groter dan" in body
    assert not get_document_model().objects.exists()


# -- Markdown in, rich text out, and back ----------------------------------------------------


def test_free_text_comes_back_as_it_was_written(author, draft):
    text = "Eerst **vet**, dan *schuin* en een [link](https://example.org).\n\n- een\n- twee"
    author.post(step_url(draft, "context"), {**step_data("context"), "context_problem": text})
    stored = PracticePage.objects.get().get_latest_revision_as_object().context_problem
    assert '<a href="https://example.org">link</a>' in stored
    page = author.get(step_url(draft, "context")).content.decode()
    assert "Eerst **vet**, dan *schuin* en een [link](https://example.org)." in page


def test_scripts_in_free_text_are_removed(author, draft):
    author.post(
        step_url(draft, "context"),
        {
            **step_data("context"),
            "goal": "Veilig <script>alert(1)</script> [x](javascript:alert(1))",
        },
    )
    stored = PracticePage.objects.get().get_latest_revision_as_object().goal
    assert "<script" not in stored
    assert "javascript:" not in stored


# -- the personal-data check -----------------------------------------------------------------


def test_personal_data_in_a_step_is_shown_and_nothing_is_saved_until_confirmed(author, draft):
    text = "Mevrouw Jansen, Dorpsstraat 12, belde ons over haar zoon."
    body = refused(author, draft, "context", {"context_problem": text})
    assert "Uw tekst lijkt persoonsgegevens te bevatten." in body
    assert "Dorpsstraat 12" in body
    shown = re.search(r'name="privacy_shown" value="([0-9a-f]+)"', body).group(1)
    confirmed = {
        **step_data("context"),
        "context_problem": text,
        "privacy_confirmed": "on",
        "privacy_shown": shown,
    }
    assert author.post(step_url(draft, "context"), confirmed).status_code == 302
    entry = PageLogEntry.objects.get(page_id=draft.pk, action="kennisnetwerk.privacy.override")
    assert "Dorpsstraat" not in str(entry.data)  # the kinds only, never the text


def test_personal_data_in_the_steps_of_the_approach_is_found_too(author, draft):
    body = refused(author, draft, "aanpak", {"stappen-0-text": "Bel 06-12345678 voor info."})
    assert "Stappen en partners" in body
    assert "telefoonnummer" in body
