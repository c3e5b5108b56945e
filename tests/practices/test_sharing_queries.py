"""The sharing pages run a fixed number of queries, however big the practice or the list."""

import pytest
from django.urls import reverse

from exchange.themes.models import OrganisationKind, Theme
from practices.models import PracticeAttachment, PracticePage, PracticePartner
from tests.factories import MemberFactory
from tests.practices.factories import make_document
from tests.practices.sharing_data import management, share, step_data, step_url
from tests.practices.test_sharing import request_changes

pytestmark = pytest.mark.django_db

STEPS = (
    "titel",
    "context",
    "doelgroepen",
    "aanpak",
    "resultaten",
    "kosten",
    "periode",
    "bijlagen",
    "zichtbaarheid",
    "voorbeeld",
    "indienen",
)
# Upper bounds per page; the same bound holds for a small and a big practice.
MAX_QUERIES_GET = 28
# Wagtail's own revision save and page checks are most of them (loading a revision checks
# that each kind of related row still exists: one query per model, partners' kinds too).
MAX_QUERIES_POST = 71
MAX_QUERIES_DRAFTS = 10
MAX_QUERIES_OVERVIEW = 25


def grown(page, member, size: int):
    """The practice with `size` partners, steps, attachments, themes and colleagues."""
    draft = page.get_latest_revision_as_object()
    draft.partners = [
        PracticePartner(
            kind=OrganisationKind.objects.get(slug="school"), name=f"School {n}", role="gastles"
        )
        for n in range(size)
    ]
    draft.attachments = [
        PracticeAttachment(document=make_document(title=f"Bijlage {n}"), visibility="")
        for n in range(size)
    ]
    draft.themes = list(Theme.objects.order_by("pk")[:size])
    draft.target_groups.set([f"doelgroep {n}" for n in range(size)])
    draft.approach = [
        {
            "type": "steps",
            "value": [
                {"type": "item", "value": {"title": f"Stap {n}", "text": "<p>Uitleg</p>"}}
                for n in range(size)
            ],
        }
    ]
    draft.save_revision(user=member)
    for _ in range(size):
        MemberFactory(profile__municipality=page.municipality)
    return PracticePage.objects.get(pk=page.pk)


@pytest.fixture
def author(client_as, member):
    return client_as(member)


def practice_of_size(author, member, size):
    theme = Theme.objects.order_by("pk").first()
    page = share(author, theme_ids=[theme.pk], submit=False)
    return grown(page, member, size)


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize("slug", STEPS)
def test_every_step_page_answers_in_a_fixed_number_of_queries(
    author, member, django_assert_max_num_queries, slug, size
):
    page = practice_of_size(author, member, size)
    with django_assert_max_num_queries(MAX_QUERIES_GET):
        response = author.get(step_url(page, slug))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 12])
@pytest.mark.parametrize("slug", [s for s in STEPS if s not in ("voorbeeld", "indienen")])
def test_saving_a_step_takes_a_fixed_number_of_queries(
    author, member, django_assert_max_num_queries, slug, size
):
    page = practice_of_size(author, member, size)
    theme_ids = list(Theme.objects.order_by("pk").values_list("pk", flat=True)[:size])
    data = step_data(slug, theme_ids=theme_ids)
    if slug == "bijlagen":
        draft = page.get_latest_revision_as_object()
        data = {**data, **management("bijlagen", size, size)}
        for n, attachment in enumerate(draft.attachments.all()):
            data[f"bijlagen-{n}-document"] = str(attachment.document_id)
            data[f"bijlagen-{n}-title"] = f"Bijlage {n}"
            data[f"bijlagen-{n}-visibility"] = ""
    with django_assert_max_num_queries(MAX_QUERIES_POST):
        response = author.post(step_url(page, slug), data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize("count", [2, 12])
def test_mijn_concepten_and_the_overview_take_a_fixed_number_of_queries(
    author, member, moderator, django_assert_max_num_queries, count
):
    theme = Theme.objects.order_by("pk").first()
    pages = [share(author, theme_ids=[theme.pk], submit=n % 2 == 0) for n in range(count)]
    request_changes(pages[0], moderator, "Graag aanvullen")
    with django_assert_max_num_queries(MAX_QUERIES_DRAFTS):
        response = author.get(reverse("practice_share_drafts"))
    assert response.content.decode().count("utrecht-badge-status") == count
    with django_assert_max_num_queries(MAX_QUERIES_OVERVIEW):
        author.get(reverse("practice_share_overview", args=[pages[0].pk]))
