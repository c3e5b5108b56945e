"""The starting vocabulary. Other parts of the product and data files refer to these slugs."""

from django.db import migrations

THEMES = [
    (
        "radicalisering",
        "Radicalisering",
        "Het proces waarin iemand steeds extremere denkbeelden ontwikkelt en bereid raakt daar "
        "ongeoorloofde middelen voor in te zetten; signalering, duiding en aanpak.",
        ["radicaliseren", "extremisme", "jihadisme", "rechts-extremisme", "links-extremisme"],
    ),
    (
        "polarisatie",
        "Polarisatie",
        "Toenemende wij-zij-tegenstellingen tussen groepen in de samenleving en hoe je die "
        "verkleint.",
        ["wij-zij-denken", "tegenstellingen", "verharding"],
    ),
    (
        "maatschappelijke-spanningen",
        "Maatschappelijke spanningen",
        "Spanningen in wijken en gemeenten, bijvoorbeeld na incidenten of rond besluiten, en hoe "
        "je ze vroeg ziet en dempt.",
        ["onrust", "spanningen in de wijk", "sociale onrust"],
    ),
    (
        "jongeren",
        "Jongeren",
        "Preventie en begeleiding van jongeren en jongvolwassenen, met jongerenwerk en jeugdhulp.",
        ["jeugd", "jongvolwassenen", "tieners", "jongerenwerk"],
    ),
    (
        "onderwijs",
        "Onderwijs",
        "Scholen, docenten en burgerschapsonderwijs: lastige gesprekken in de klas en signalen "
        "herkennen.",
        ["school", "scholen", "docenten", "vo-school", "mbo", "burgerschap"],
    ),
    (
        "online-extremisme",
        "Online extremisme",
        "Extremistische content, desinformatie en radicalisering via sociale media, games en "
        "chatgroepen.",
        ["sociale media", "desinformatie", "complotdenken", "online radicalisering"],
    ),
    (
        "sleutelfiguren-netwerk",
        "Sleutelfiguren en netwerken",
        "Netwerken van sleutelfiguren in wijken en gemeenschappen die signalen opvangen en "
        "spanningen helpen dempen.",
        ["sleutelfigurennetwerk", "sleutelpersonen", "informele netwerken"],
    ),
    (
        "religieuze-organisaties",
        "Religieuze organisaties",
        "Samenwerking met moskeeën, kerken en andere religieuze en levensbeschouwelijke "
        "organisaties.",
        ["moskee", "moskeeën", "kerk", "geloofsgemeenschap", "imam"],
    ),
    (
        "ouders-en-gezin",
        "Ouders en gezin",
        "Ouders betrekken en ondersteunen, opvoedondersteuning en de rol van het gezin bij "
        "preventie.",
        ["ouders", "gezin", "opvoeding", "opvoedondersteuning"],
    ),
    (
        "discriminatie",
        "Discriminatie",
        "Discriminatie, racisme, antisemitisme en moslimhaat: melden, aanpakken en voorkomen.",
        ["racisme", "antisemitisme", "moslimhaat", "uitsluiting"],
    ),
    (
        "vluchtelingen-en-azc",
        "Vluchtelingen en azc",
        "Opvang van vluchtelingen en statushouders, de komst van een azc en de gesprekken in de "
        "buurt.",
        ["azc", "asielzoekerscentrum", "statushouders", "asielopvang", "COA"],
    ),
    (
        "weerbaarheid",
        "Weerbaarheid",
        "Weerbaarheid van jongeren, ouders, professionals en gemeenschappen tegen extremisme en "
        "polarisatie.",
        ["veerkracht", "weerbaar", "democratische weerbaarheid"],
    ),
    (
        "casusoverleg",
        "Casusoverleg",
        "Multidisciplinair casusoverleg en de persoonsgerichte aanpak radicalisering, met "
        "Zorg- en Veiligheidshuis en partners.",
        ["persoonsgerichte aanpak", "PGA", "zorg- en veiligheidshuis", "multidisciplinair overleg"],
    ),
    (
        "communicatie-bij-incidenten",
        "Communicatie bij incidenten",
        "Communiceren na aanslagen, rellen of andere incidenten: bewoners, media en partners.",
        ["crisiscommunicatie", "incidentcommunicatie", "woordvoering"],
    ),
    (
        "training-professionals",
        "Training van professionals",
        "Trainingen voor eerstelijnsprofessionals in signaleren, duiden en handelen.",
        ["training", "deskundigheidsbevordering", "scholing", "signaleren"],
    ),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("themes", "Theme")
    for slug, name, description, synonyms in THEMES:
        Theme.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "synonyms": "\n".join(synonyms)},
        )


def remove_themes(apps, schema_editor):
    apps.get_model("themes", "Theme").objects.filter(slug__in=[t[0] for t in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("themes", "0001_initial")]
    operations = [migrations.RunPython(create_themes, remove_themes)]
