import django.db.models.deletion
from django.db import migrations, models


def scope_the_moderators_approval(apps, schema_editor):
    """Turn the Moderators' group approval task into a theme-scoped one, keeping its id, so
    workflows and pages waiting in it stay where they are."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ThemeScopedApprovalTask = apps.get_model("moderation", "ThemeScopedApprovalTask")
    plain = ContentType.objects.filter(app_label="wagtailcore", model="groupapprovaltask").first()
    if plain is None:
        return
    scoped, _created = ContentType.objects.get_or_create(
        app_label="moderation", model="themescopedapprovaltask"
    )
    tasks = GroupApprovalTask.objects.filter(
        content_type=plain, groups__name="Moderators"
    ).distinct()
    for task in tasks:
        child = ThemeScopedApprovalTask(groupapprovaltask_ptr_id=task.pk)
        for field in task._meta.concrete_fields:
            setattr(child, field.attname, getattr(task, field.attname))
        child.content_type_id = scoped.pk
        # raw: insert the child row only; the parent rows exist already.
        child.save_base(raw=True)
        Task.objects.filter(pk=task.pk).update(content_type=scoped)


def unscope(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    plain = ContentType.objects.filter(app_label="wagtailcore", model="groupapprovaltask").first()
    scoped = ContentType.objects.filter(
        app_label="moderation", model="themescopedapprovaltask"
    ).first()
    if plain and scoped:
        Task.objects.filter(content_type=scoped).update(content_type=plain)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("moderation", "0002_moderatorscope"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="ThemeScopedApprovalTask",
            fields=[
                (
                    "groupapprovaltask_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.groupapprovaltask",
                    ),
                ),
            ],
            options={
                "verbose_name": "goedkeuring door moderatoren (per thema)",
                "verbose_name_plural": "goedkeuringen door moderatoren (per thema)",
            },
            bases=("wagtailcore.groupapprovaltask",),
        ),
        migrations.RunPython(scope_the_moderators_approval, unscope),
    ]
