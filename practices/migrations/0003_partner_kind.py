"""Practice partners choose their kind from the network's moderated vocabulary.

The fixed organisation types become rows of `themes.OrganisationKind` with the same codes
(themes 0006 creates them), so every partner, and every partner inside a stored revision
(drafts, history), keeps its kind.
"""

import django.db.models.deletion
from django.db import migrations, models


def _kind_ids(apps) -> dict[str, int]:
    OrganisationKind = apps.get_model("themes", "OrganisationKind")
    return dict(OrganisationKind.objects.values_list("slug", "pk"))


def types_to_kinds(apps, schema_editor):
    PracticePartner = apps.get_model("practices", "PracticePartner")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kinds = _kind_ids(apps)
    for partner in PracticePartner.objects.all().only("pk", "organisation_type"):
        kind_id = kinds.get(partner.organisation_type) or kinds["other"]
        PracticePartner.objects.filter(pk=partner.pk).update(kind_id=kind_id)
    page_type = ContentType.objects.filter(app_label="practices", model="practicepage").first()
    if page_type is None:
        return
    revisions = Revision.objects.filter(content_type=page_type)
    for revision in revisions.iterator():
        partners = (revision.content or {}).get("partners") or []
        if not any("organisation_type" in partner for partner in partners):
            continue
        for partner in partners:
            code = partner.pop("organisation_type", None)
            partner["kind"] = kinds.get(code) or kinds["other"]
        Revision.objects.filter(pk=revision.pk).update(content=revision.content)


def kinds_to_types(apps, schema_editor):
    PracticePartner = apps.get_model("practices", "PracticePartner")
    OrganisationKind = apps.get_model("themes", "OrganisationKind")
    slugs = dict(OrganisationKind.objects.values_list("pk", "slug"))
    for partner in PracticePartner.objects.all().only("pk", "kind_id"):
        PracticePartner.objects.filter(pk=partner.pk).update(
            organisation_type=slugs.get(partner.kind_id, "other")[:30]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_practicepage_source_question"),
        ("themes", "0006_organisation_kinds"),
        ("wagtailcore", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="practicepartner",
            name="kind",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="practice_partners",
                to="themes.organisationkind",
                verbose_name="soort organisatie",
            ),
        ),
        migrations.AlterField(
            model_name="practicepartner",
            name="organisation_type",
            field=models.CharField(blank=True, default="other", max_length=30),
        ),
        migrations.RunPython(types_to_kinds, kinds_to_types),
        migrations.RemoveField(model_name="practicepartner", name="organisation_type"),
        migrations.AlterField(
            model_name="practicepartner",
            name="kind",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="practice_partners",
                to="themes.organisationkind",
                verbose_name="soort organisatie",
            ),
        ),
    ]
