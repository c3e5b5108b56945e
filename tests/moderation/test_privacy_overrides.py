"""Posts placed despite the personal-data warning, as moderators see them on the dashboard."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchange.core.privacy_check import find_personal_data, record_override
from exchange.moderation.dashboard import privacy_overrides
from exchange.questions.models import Answer
from tests.factories import ThemeFactory
from tests.practices.factories import make_practice
from tests.questions.factories import make_answer, make_question

pytestmark = pytest.mark.django_db

FINDINGS = find_personal_data("Bel mevrouw Jansen op 06-12345678.")


@pytest.fixture
def polarisation(db):
    return ThemeFactory(name="Polarisatie test", slug="polarisatie-test")


def overrides(member, *, count: int, themes=("jongeren",)):
    """`count` each of questions, answers and practices posted after a confirmed warning."""
    posts = []
    for n in range(count):
        question = make_question(author=member, title=f"Vraag {n}", themes=themes)
        answer = make_answer(question=question, author=member)
        practice = make_practice(title=f"Praktijk {n}", themes=themes)
        for post in (question, answer, practice):
            record_override(post, user=member, findings=FINDINGS)
            posts.append(post)
    return posts


def test_questions_answers_and_practices_are_listed_with_what_was_found(member):
    question, answer, practice = overrides(member, count=1)
    section = privacy_overrides()
    assert section.count == 3
    by_title = {(item.kind, item.title): item for item in section.items}
    assert by_title[("vraag", "Vraag 0")].url == question.get_absolute_url()
    assert by_title[("antwoord", "Vraag 0")].url == answer.get_absolute_url()
    assert by_title[("praktijk", "Praktijk 0")].url == reverse(
        "wagtailadmin_pages:edit", args=[practice.pk]
    )
    assert {item.found for item in section.items} == {"naam van een persoon, telefoonnummer"}
    assert {item.user for item in section.items} == {member}


def test_a_deleted_answer_keeps_its_entry_without_a_link(member):
    _question, answer, _practice = overrides(member, count=1)
    Answer.objects.filter(pk=answer.pk).delete()
    items = privacy_overrides().items
    assert [item.url for item in items if item.kind == ""] == [""]


def test_a_theme_moderator_sees_only_posts_with_their_themes(member, polarisation):
    inside = overrides(member, count=1, themes=("polarisatie-test",))
    overrides(member, count=1, themes=("jongeren",))
    section = privacy_overrides(scope={polarisation.pk})  # what theme_scope gives them
    assert section.count == 3
    assert {item.title for item in section.items} == {inside[0].title, inside[2].title}


def test_the_section_costs_the_same_queries_at_any_size(member):
    overrides(member, count=1)
    privacy_overrides()  # warm the content-type cache
    with CaptureQueriesContext(connection) as small:
        privacy_overrides()
    overrides(member, count=8)
    with CaptureQueriesContext(connection) as large:
        section = privacy_overrides()
    assert section.count == 27 and len(section.items) == 10
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_register_entrys_confirmation_is_no_post_on_the_dashboard(member):
    """The network register logs its confirmations too; they are not questions or answers
    (an organisation must not show as a deleted answer, or as the answer with its number)."""
    from exchange.partners.models import Cooperation, Organisation
    from exchange.themes.models import OrganisationKind

    _question, answer, _practice = overrides(member, count=1)
    organisation = Organisation.objects.create(
        pk=answer.pk,
        municipality=member.profile.municipality,
        name="Moskeebestuur Noord",
        kind=OrganisationKind.objects.get(slug="mosque"),
        cooperation=Cooperation.values[0],
        last_checked_on="2026-01-01",
    )
    record_override(organisation, user=member, findings=FINDINGS)

    section = privacy_overrides()

    assert section.count == 3
    assert "Moskeebestuur Noord" not in [item.title for item in section.items]
    assert [item.kind for item in section.items].count("antwoord") == 1
