"""The kind the old "moskee of andere religieuze organisatie" partners moved to says so.

Practice partners recorded before the vocabulary carry `religious` without telling which
community; "Andere levensbeschouwelijke organisatie" would have called a mosque "other". The
label now covers both the unspecified old entries and a community the list does not name.
"""

from django.db import migrations

OLD = "Andere levensbeschouwelijke organisatie"
NEW = "Levensbeschouwelijke organisatie (overig of niet nader genoemd)"


def relabel(apps, schema_editor):
    kinds = apps.get_model("themes", "OrganisationKind").objects
    kinds.filter(slug="religious", name=OLD).update(name=NEW)


def restore(apps, schema_editor):
    kinds = apps.get_model("themes", "OrganisationKind").objects
    kinds.filter(slug="religious", name=NEW).update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [("themes", "0006_organisation_kinds")]

    operations = [migrations.RunPython(relabel, restore)]
