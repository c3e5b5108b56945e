"""Version 1 of the code of conduct, and the moderators' right to edit it as a snippet."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

TEXT_V1 = """\
Het Kennisnetwerk Sociale Stabiliteit is een besloten plek waar gemeenten en hun partners
ervaringen delen over radicalisering, polarisatie en maatschappelijke spanningen. Dat werkt
alleen als iedereen erop kan vertrouwen dat hier zorgvuldig en respectvol wordt gewerkt. Met
het accepteren van deze gedragscode spreekt u het volgende af.

### 1. Respectvol en collegiaal

- U behandelt collega's met respect, ook als u het met hen oneens bent. Kritiek gaat over
  de aanpak, niet over de persoon.
- U plaatst geen discriminerende, beledigende of intimiderende uitingen, ook niet over
  groepen inwoners.

### 2. Geen persoonsgegevens over casussen

- U deelt geen gegevens waarmee inwoners, cliënten of andere betrokkenen in een casus
  herkenbaar zijn: geen namen, adressen, geboortedata, foto's of combinaties van details die
  naar één persoon leiden.
- Individuele casussen bespreekt u in het Zorg- en Veiligheidshuis, het casusoverleg of met
  de politie, niet op dit forum.

### 3. Vertrouwelijkheid

- Inhoud die alleen voor leden of voor gekozen gemeenten zichtbaar is, blijft binnen het
  netwerk. U deelt die niet met de pers, op sociale media of met mensen buiten het netwerk
  zonder toestemming van de auteur.
- Wilt u iets breder gebruiken in uw eigen organisatie? Vraag het eerst aan de auteur.

### 4. Geen commercieel gebruik

- Het netwerk is er voor kennisdeling tussen overheden en hun partners. U gebruikt het niet
  om diensten of producten aan te bieden, klanten te werven of inhoud door te verkopen.

### 5. Zorgvuldig en eerlijk

- U deelt ervaringen zo feitelijk mogelijk en zegt erbij wat u niet zeker weet.
- U spreekt vanuit uw eigen functie en organisatie en doet u niet voor als iemand anders.

### 6. Moderatie

- Moderatoren mogen bijdragen aanpassen of onleesbaar maken (bijvoorbeeld om
  persoonsgegevens te verwijderen), verbergen of sluiten, en leden waarschuwen of schorsen
  als deze gedragscode wordt overtreden.
- Ziet u een bijdrage die niet door de beugel kan? Gebruik de knop "Melden" bij die bijdrage.

### 7. Nieuwe versies

- Verandert de gedragscode, dan vragen we u de nieuwe versie te lezen en te accepteren
  voordat u verdergaat.
"""

EDITOR_GROUPS = ("Moderators", "Beheerders")
CODENAMES = ("add_codeofconduct", "change_codeofconduct", "delete_codeofconduct",
             "view_codeofconduct")  # fmt: skip


def create_version_1(apps, schema_editor):
    from exchange.core.markdown import render_markdown

    CodeOfConduct = apps.get_model("accounts", "CodeOfConduct")
    if not CodeOfConduct.objects.exists():
        CodeOfConduct.objects.create(
            version=1,
            text=TEXT_V1,
            text_html=render_markdown(TEXT_V1),
            published_at=timezone.now(),
        )


def grant_editing(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("accounts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="accounts", codename__in=CODENAMES
    )
    for name in EDITOR_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_profile_anonymised_at_code_of_conduct"),
    ]

    operations = [
        migrations.RunPython(create_version_1, migrations.RunPython.noop),
        migrations.RunPython(grant_editing, migrations.RunPython.noop),
    ]
