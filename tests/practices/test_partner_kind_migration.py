"""Practice partners keep their kind when the fixed types become the moderated vocabulary:
in the table and inside stored revisions (drafts, history)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("practices", "0002_practicepage_source_question"), ("themes", "0004_moderatorscope")]
AFTER = [("practices", "0003_partner_kind"), ("themes", "0007_religious_kind_label")]


@pytest.mark.django_db(transaction=True)
def test_partners_and_their_revisions_move_to_the_kind_with_the_old_code():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    ContentType = old.get_model("contenttypes", "ContentType")
    Page = old.get_model("wagtailcore", "Page")
    PracticePage = old.get_model("practices", "PracticePage")
    Revision = old.get_model("wagtailcore", "Revision")
    page_type, _ = ContentType.objects.get_or_create(app_label="practices", model="practicepage")
    root = Page.objects.filter(depth=1).first()
    Locale = old.get_model("wagtailcore", "Locale")
    locale = Locale.objects.first() or Locale.objects.create(language_code="nl")
    practice = PracticePage.objects.create(
        locale=locale,
        title="Oude praktijk",
        slug="oude-praktijk-migratie",
        path=f"{root.path}9999" if root else "99990001",
        depth=(root.depth + 1) if root else 1,
        content_type=page_type,
        summary="Van voor de woordenlijst.",
    )
    Partner = old.get_model("practices", "PracticePartner")
    Partner.objects.create(practice=practice, organisation_type="religious", name="Moskee", role="")
    Partner.objects.create(practice=practice, organisation_type="school", name="Lyceum", role="")
    revision = Revision.objects.create(
        content_type=page_type,
        base_content_type=page_type,
        object_id=str(practice.pk),
        created_at=timezone.now(),
        content={"title": "Oude praktijk", "partners": [{"organisation_type": "police"}]},
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    # Back to the latest schema of every app (going back also undid the apps that depend on
    # practices, such as the network register), for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from wagtail.models import Revision as NewRevision

    from exchange.themes.models import OrganisationKind
    from practices.models import PracticePartner

    kinds = {p.name: p.kind for p in PracticePartner.objects.filter(practice_id=practice.pk)}
    assert kinds["Moskee"].slug == "religious"
    assert kinds["Moskee"].name == "Levensbeschouwelijke organisatie (overig of niet nader genoemd)"
    assert kinds["Lyceum"].slug == "school"
    stored = NewRevision.objects.get(pk=revision.pk).content["partners"]
    assert stored == [{"kind": OrganisationKind.objects.get(slug="police").pk}]
