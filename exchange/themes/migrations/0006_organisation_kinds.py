"""The starting vocabulary of organisation kinds; moderators curate it afterwards."""

from django.db import migrations

# (slug, name, group): the kinds municipalities named in the network inventory, and the
# general ones the fixed list of practice partners had (mapped in practices 0003).
KINDS = [
    ("youth_work", "Jongerenwerk", "Jeugd en welzijn"),
    ("welfare", "Welzijns- en buurtwerk", "Jeugd en welzijn"),
    ("neighbourhood_team", "Wijkteam", "Jeugd en welzijn"),
    ("parents", "Oudernetwerk", "Jeugd en welzijn"),
    ("primary_education", "Primair onderwijs", "Onderwijs"),
    ("secondary_education", "Voortgezet onderwijs", "Onderwijs"),
    ("vocational_education", "Middelbaar beroepsonderwijs (mbo)", "Onderwijs"),
    ("school", "Onderwijs (overig)", "Onderwijs"),
    ("mosque", "Moskee", "Levensbeschouwing"),
    ("church", "Kerk", "Levensbeschouwing"),
    ("synagogue", "Synagoge", "Levensbeschouwing"),
    ("religious", "Andere levensbeschouwelijke organisatie", "Levensbeschouwing"),
    ("migrant_organisation", "Migranten- of zelforganisatie", "Maatschappelijke organisaties"),
    ("sports", "Sportvereniging", "Maatschappelijke organisaties"),
    ("housing", "Woningcorporatie", "Maatschappelijke organisaties"),
    ("police", "Politie", "Veiligheid"),
    ("public_prosecutor", "Openbaar Ministerie", "Veiligheid"),
    ("safety_house", "Zorg- en Veiligheidshuis", "Veiligheid"),
    ("health", "GGD / zorg", "Zorg"),
    ("mental_health", "Geestelijke gezondheidszorg (ggz)", "Zorg"),
    ("asylum", "COA / asielopvang", "Zorg"),
    ("other", "Anders", "Overig"),
]


def add_kinds(apps, schema_editor):
    OrganisationKind = apps.get_model("themes", "OrganisationKind")
    for position, (slug, name, group) in enumerate(KINDS, start=1):
        OrganisationKind.objects.get_or_create(
            slug=slug, defaults={"name": name, "group": group, "position": position * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("themes", "0005_organisationkind")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
