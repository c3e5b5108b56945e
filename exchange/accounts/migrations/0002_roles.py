"""Role groups: moderators (curate, approve members) and admins (everything)."""

from django.db import migrations


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for name in ("Moderators", "Beheerders"):
        group, _ = Group.objects.get_or_create(name=name)
        if access_admin:
            group.permissions.add(access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
