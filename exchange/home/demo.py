"""Demo members for `seed_demo`: realistic Dutch names, roles and expertise, idempotent."""

from dataclasses import dataclass

DEMO_PASSWORD = "demo-wachtwoord-2025"  # noqa: S105 - documented demo credential, dev only
MODERATOR_EMAIL = "moderator@kennisnetwerk.example"
MODERATOR_TOTP_SECRET = "JBSWY3DPEHPK3PXPKENNISNETWERKDEM"  # noqa: S105 - demo only


@dataclass(frozen=True)
class DemoMember:
    first_name: str
    last_name: str
    email: str
    job_title: str
    municipality: str | None  # CBS code
    themes: tuple[str, ...]
    organisation: str = ""
    status: str = "verified"


MEMBERS = [
    DemoMember(
        "Fatima",
        "El Amrani",
        "f.elamrani@utrecht.nl",
        "Beleidsadviseur radicalisering",
        "GM0344",
        ("radicalisering", "jongeren", "casusoverleg"),
    ),
    DemoMember(
        "Jeroen",
        "de Vries",
        "j.devries@zwolle.nl",
        "Beleidsmedewerker sociale stabiliteit",
        "GM0193",
        ("polarisatie", "maatschappelijke-spanningen"),
    ),
    DemoMember(
        "Anouk",
        "Bakker",
        "a.bakker@tilburg.nl",
        "Coördinator veiligheid en zorg",
        "GM0855",
        ("casusoverleg", "weerbaarheid"),
    ),
    DemoMember(
        "Mohamed",
        "Ouali",
        "m.ouali@rotterdam.nl",
        "Adviseur maatschappelijke spanningen",
        "GM0599",
        ("maatschappelijke-spanningen", "religieuze-organisaties", "sleutelfiguren-netwerk"),
    ),
    DemoMember(
        "Sanne",
        "Visser",
        "s.visser@amsterdam.nl",
        "Programmamanager polarisatie",
        "GM0363",
        ("polarisatie", "online-extremisme", "discriminatie"),
    ),
    DemoMember(
        "Pieter",
        "Jansen",
        "p.jansen@denhaag.nl",
        "Senior beleidsadviseur openbare orde",
        "GM0518",
        ("communicatie-bij-incidenten", "maatschappelijke-spanningen"),
    ),
    DemoMember(
        "Lotte",
        "Mulder",
        "l.mulder@groningen.nl",
        "Beleidsadviseur jeugd",
        "GM0014",
        ("jongeren", "onderwijs", "ouders-en-gezin"),
    ),
    DemoMember(
        "Hasan",
        "Yilmaz",
        "h.yilmaz@eindhoven.nl",
        "Wijkregisseur",
        "GM0772",
        ("sleutelfiguren-netwerk", "jongeren"),
    ),
    DemoMember(
        "Marloes",
        "van Dijk",
        "m.vandijk@almere.nl",
        "Beleidsadviseur onderwijs",
        "GM0034",
        ("onderwijs", "weerbaarheid"),
    ),
    DemoMember(
        "Bram",
        "Smit",
        "b.smit@arnhem.nl",
        "Adviseur veiligheid",
        "GM0202",
        ("radicalisering", "training-professionals"),
    ),
    DemoMember(
        "Esther",
        "de Boer",
        "e.deboer@leeuwarden.nl",
        "Beleidsmedewerker inburgering",
        "GM0080",
        ("vluchtelingen-en-azc", "maatschappelijke-spanningen"),
    ),
    DemoMember(
        "Youssef",
        "Benali",
        "y.benali@nijmegen.nl",
        "Jongerenwerker",
        "GM0268",
        ("jongeren", "online-extremisme"),
    ),
    DemoMember(
        "Ingrid",
        "Meijer",
        "i.meijer@maastricht.nl",
        "Beleidsadviseur zorg en veiligheid",
        "GM0935",
        ("casusoverleg", "ouders-en-gezin"),
    ),
    DemoMember(
        "Thomas",
        "Hendriks",
        "t.hendriks@enschede.nl",
        "Beleidsadviseur openbare orde",
        "GM0153",
        ("polarisatie", "communicatie-bij-incidenten"),
    ),
    DemoMember(
        "Naima",
        "Chaouch",
        "n.chaouch@haarlem.nl",
        "Adviseur diversiteit en inclusie",
        "GM0392",
        ("discriminatie", "religieuze-organisaties"),
    ),
    DemoMember(
        "Koen",
        "van Leeuwen",
        "k.vanleeuwen@westerwolde.nl",
        "Beleidsadviseur azc",
        "GM1950",
        ("vluchtelingen-en-azc", "communicatie-bij-incidenten"),
    ),
    DemoMember(
        "Iris",
        "Vermeulen",
        "i.vermeulen@breda.nl",
        "Strategisch adviseur veiligheid",
        "GM0758",
        ("radicalisering", "weerbaarheid"),
    ),
    DemoMember(
        "Daan",
        "Kok",
        "d.kok@apeldoorn.nl",
        "Beleidsmedewerker jeugd",
        "GM0200",
        ("jongeren", "ouders-en-gezin"),
    ),
    DemoMember(
        "Samira",
        "Haddou",
        "s.haddou@zaanstad.nl",
        "Sleutelfigurencoördinator",
        "GM0479",
        ("sleutelfiguren-netwerk", "religieuze-organisaties"),
    ),
    DemoMember(
        "Ruud",
        "Dekker",
        "r.dekker@amersfoort.nl",
        "Adviseur online veiligheid",
        "GM0307",
        ("online-extremisme", "training-professionals"),
    ),
    DemoMember(
        "Femke",
        "Brouwer",
        "f.brouwer@deventer.nl",
        "Beleidsadviseur sociale stabiliteit",
        "GM0150",
        ("polarisatie", "onderwijs"),
    ),
    DemoMember(
        "Ahmed",
        "Saidi",
        "a.saidi@schiedam.nl",
        "Adviseur wijkveiligheid",
        "GM0606",
        ("maatschappelijke-spanningen", "sleutelfiguren-netwerk"),
    ),
    DemoMember(
        "Wendy",
        "Bos",
        "w.bos@emmen.nl",
        "Beleidsmedewerker veiligheid",
        "GM0114",
        ("vluchtelingen-en-azc", "weerbaarheid"),
    ),
    DemoMember(
        "Gerrit",
        "Willems",
        "g.willems@venlo.nl",
        "Coördinator zorg- en veiligheidshuis",
        "GM0983",
        ("casusoverleg", "radicalisering"),
    ),
    DemoMember(
        "Laura",
        "Peters",
        "l.peters@middelburg.nl",
        "Beleidsadviseur",
        "GM0687",
        ("communicatie-bij-incidenten",),
    ),
    # Partner organisations and members still waiting for a moderator.
    DemoMember(
        "Karin",
        "Vos",
        "k.vos@expertise-unit.example",
        "Trainer signaleren radicalisering",
        None,
        ("training-professionals", "radicalisering"),
        organisation="Expertise-unit Sociale Stabiliteit",
    ),
    DemoMember(
        "Marco",
        "Huisman",
        "m.huisman@politie.example",
        "Wijkagent, netwerk radicalisering",
        None,
        ("radicalisering", "casusoverleg"),
        organisation="Politie Eenheid Midden-Nederland",
    ),
    DemoMember(
        "Nadia",
        "Amrani",
        "nadia.amrani@gmail.example",
        "Onderzoeker",
        None,
        ("polarisatie",),
        organisation="Hogeschool",
        status="pending",
    ),
    DemoMember(
        "Joris",
        "Kuipers",
        "joris@adviesbureau.example",
        "Zelfstandig adviseur",
        None,
        ("weerbaarheid",),
        organisation="Kuipers Advies",
        status="pending",
    ),
]


# -- the exchange: questions asked by demo members, answers, votes and follows ------------------


@dataclass(frozen=True)
class DemoAnswer:
    author: str  # e-mail of a demo member of another municipality
    body: str
    voters: tuple[str, ...] = ()  # members who mark it helpful
    accepted: bool = False  # accepted by the asker


@dataclass(frozen=True)
class DemoQuestion:
    author: str
    title: str
    body: str
    themes: tuple[str, ...]
    answers: tuple[DemoAnswer, ...]
    visibility: str = "members"
    allowed_municipalities: tuple[str, ...] = ()


QUESTIONS = [
    DemoQuestion(
        "k.vanleeuwen@westerwolde.nl",
        "Hoe gaan jullie om met spanningen rond de komst van een AZC?",
        "Over drie maanden opent in een van onze dorpen een AZC voor 300 bewoners. Op sociale "
        "media circuleren geruchten en er is een handtekeningenactie gestart. Hoe hebben "
        "jullie omwonenden betrokken voordat het besluit viel en daarna?\n\n"
        "Wij denken aan een klankbordgroep, maar vragen ons af wie je daarvoor uitnodigt en "
        "hoe je voorkomt dat de hardste stemmen de toon zetten.",
        ("vluchtelingen-en-azc", "maatschappelijke-spanningen", "communicatie-bij-incidenten"),
        (
            DemoAnswer(
                "w.bos@emmen.nl",
                "Wij zijn gestart met keukentafelgesprekken bij de directe buren, nog vóór de "
                "grote informatieavond. Daarna een **klankbordgroep** met vaste leden: "
                "dorpsbelang, ondernemers, een school en het COA. Spreek vooraf af wat de "
                "groep wel en niet kan beïnvloeden, dat voorkomt teleurstelling.",
                voters=("e.deboer@leeuwarden.nl", "p.jansen@denhaag.nl", "i.vermeulen@breda.nl"),
                accepted=True,
            ),
            DemoAnswer(
                "e.deboer@leeuwarden.nl",
                "Geen grote zaalbijeenkomst met een microfoon! Wij werkten met een "
                "informatiemarkt met tafels per onderwerp (veiligheid, school, zorg). Mensen "
                "stellen hun vraag aan een deskundige en de sfeer blijft rustig.",
                voters=("w.bos@emmen.nl", "l.peters@middelburg.nl"),
            ),
            DemoAnswer(
                "p.jansen@denhaag.nl",
                "Zorg voor één vast aanspreekpunt bij de gemeente en publiceer wekelijks een "
                "korte feitenpagina. Geruchten verdwijnen niet vanzelf, maar je hebt dan wel "
                "iets om naar te verwijzen.",
            ),
        ),
        visibility="public",
    ),
    DemoQuestion(
        "l.mulder@groningen.nl",
        "Ervaringen met weerbaarheidstrainingen voor groep 8?",
        "We willen scholen een training aanbieden over groepsdruk, online haat en "
        "nepnieuws. Welke aanbieders hebben jullie gebruikt, en hoe meten jullie of het iets "
        "oplevert?",
        ("onderwijs", "weerbaarheid", "jongeren"),
        (
            DemoAnswer(
                "m.vandijk@almere.nl",
                "Wij werken met een training van vier lessen, waarvan één samen met ouders. "
                "Leerkrachten vullen vooraf en achteraf een korte vragenlijst in. Het "
                "belangrijkste effect: leerlingen durven vaker een volwassene in te schakelen.",
                voters=("l.mulder@groningen.nl", "f.brouwer@deventer.nl", "d.kok@apeldoorn.nl"),
                accepted=True,
            ),
            DemoAnswer(
                "y.benali@nijmegen.nl",
                "Laat jongerenwerkers meedraaien in de lessen. Kinderen kennen ze dan al als "
                "ze later in de wijk iets zien of meemaken.",
                voters=("m.vandijk@almere.nl",),
            ),
        ),
    ),
    DemoQuestion(
        "s.visser@amsterdam.nl",
        "Monitoren jullie online spanningen na een incident, en zo ja hoe?",
        "Na incidenten in het buitenland lopen de spanningen online snel op, ook in lokale "
        "groepen. Werken jullie met een vaste monitor, een extern bureau of met "
        "sleutelfiguren die signalen doorgeven? En hoe houden jullie dit binnen de kaders "
        "van de AVG?",
        ("online-extremisme", "polarisatie", "communicatie-bij-incidenten"),
        (
            DemoAnswer(
                "r.dekker@amersfoort.nl",
                "Wij monitoren alleen **openbare** bronnen en leggen geen persoonsgegevens "
                "vast; het gaat om trends en onderwerpen. Dat is ook met de FG afgestemd. "
                "Sleutelfiguren vullen aan wat in besloten groepen speelt.",
                voters=("s.visser@amsterdam.nl", "t.hendriks@enschede.nl"),
                accepted=True,
            ),
            DemoAnswer(
                "t.hendriks@enschede.nl",
                "Na de rellen vorig jaar hebben we een draaiboek gemaakt: binnen twee uur "
                "een duiding voor de burgemeester, binnen een dag een bericht aan "
                "sleutelfiguren. De monitoring zelf doet de politie.",
                voters=("p.jansen@denhaag.nl",),
            ),
        ),
    ),
    DemoQuestion(
        "a.bakker@tilburg.nl",
        "Wie zit er bij jullie aan tafel in het casusoverleg radicalisering?",
        "We herzien de samenstelling van ons casusoverleg. Nu zitten gemeente, politie en "
        "het wijkteam aan tafel. Schuiven bij jullie ook reclassering, GGZ of het onderwijs "
        "vast aan, of alleen op uitnodiging?",
        ("casusoverleg", "radicalisering"),
        (
            DemoAnswer(
                "g.willems@venlo.nl",
                "Bij ons is de kern gemeente, politie, reclassering en GGZ. Onderwijs en "
                "jeugdzorg schuiven aan per casus. Het Zorg- en Veiligheidshuis zit voor en "
                "bewaakt het privacyconvenant.",
                voters=("a.bakker@tilburg.nl", "i.meijer@maastricht.nl", "b.smit@arnhem.nl"),
                accepted=True,
            ),
            DemoAnswer(
                "i.meijer@maastricht.nl",
                "De GGZ vast aan tafel heeft bij ons veel opgeleverd: bij ongeveer de helft "
                "van de casussen speelt psychische problematiek mee.",
                voters=("g.willems@venlo.nl",),
            ),
        ),
    ),
    DemoQuestion(
        "m.ouali@rotterdam.nl",
        "Hoe houden jullie contact met moskeebesturen als het bestuur steeds wisselt?",
        "Wij hebben goede contacten opgebouwd, maar na bestuurswisselingen moeten we telkens "
        "opnieuw beginnen. Hoe borgen jullie de relatie?",
        ("religieuze-organisaties", "sleutelfiguren-netwerk"),
        (
            DemoAnswer(
                "n.chaouch@haarlem.nl",
                "Wij maken kennis met het hele bestuur en niet alleen met de voorzitter, en "
                "houden twee keer per jaar een overleg met alle gebedshuizen samen. Dan is er "
                "altijd iemand die de geschiedenis kent.",
                voters=("m.ouali@rotterdam.nl", "s.haddou@zaanstad.nl"),
            ),
            DemoAnswer(
                "s.haddou@zaanstad.nl",
                "Een vaste contactpersoon bij de gemeente helpt enorm. Bij ons is dat al "
                "zes jaar dezelfde collega, en dat vertrouwen gaat mee over besturen heen.",
                voters=("n.chaouch@haarlem.nl",),
            ),
        ),
        visibility="public",
    ),
    DemoQuestion(
        "i.vermeulen@breda.nl",
        "Terugkeerder komt in de gemeente wonen: wie informeer je?",
        "Binnenkort vestigt zich een terugkeerder in onze gemeente. Welke partners hebben "
        "jullie vooraf geïnformeerd, en hoe ging je om met vragen van buurtbewoners?",
        ("radicalisering", "casusoverleg"),
        (
            DemoAnswer(
                "f.elamrani@utrecht.nl",
                "Alleen wie het moet weten: wijkagent, reclassering en de woningcorporatie, "
                "via het casusoverleg. Buurtbewoners informeer je niet actief; bereid wel "
                "een lijn voor als het toch uitlekt.",
                voters=("i.vermeulen@breda.nl",),
                accepted=True,
            ),
        ),
        visibility="restricted",
        allowed_municipalities=("GM0344", "GM0772"),
    ),
]

# Answers by demo members to imported questions, keyed on the imported question's title.
ANSWERS_TO_IMPORTED = {
    "Hoe houden jullie sleutelfiguren betrokken als het rustig is?": (
        DemoAnswer(
            "h.yilmaz@eindhoven.nl",
            "Wij vragen sleutelfiguren om mee te denken over het jaarplan. Dan hebben ze "
            "ook in rustige tijden een rol, en niet alleen als er iets misgaat.",
            voters=("m.ouali@rotterdam.nl", "a.saidi@schiedam.nl"),
        ),
    ),
    "Hoeveel uur heeft jullie coördinator radicalisering?": (
        DemoAnswer(
            "b.smit@arnhem.nl",
            "Bij ons 24 uur per week, gecombineerd met polarisatie. Minder is te weinig om "
            "het netwerk bij te houden.",
            voters=("j.devries@zwolle.nl",),
        ),
    ),
}

# Who follows which themes and municipalities (CBS codes).
FOLLOWS = {
    "f.elamrani@utrecht.nl": (("radicalisering", "casusoverleg"), ("GM0363",)),
    "j.devries@zwolle.nl": (("polarisatie",), ("GM0153",)),
    "w.bos@emmen.nl": (("vluchtelingen-en-azc",), ("GM1950", "GM0080")),
    "e.deboer@leeuwarden.nl": (("vluchtelingen-en-azc", "maatschappelijke-spanningen"), ()),
    "m.vandijk@almere.nl": (("onderwijs",), ("GM0014",)),
    "r.dekker@amersfoort.nl": (("online-extremisme",), ()),
    "g.willems@venlo.nl": (("casusoverleg",), ("GM0935",)),
    "s.haddou@zaanstad.nl": (("religieuze-organisaties", "sleutelfiguren-netwerk"), ()),
    "p.jansen@denhaag.nl": (("communicatie-bij-incidenten",), ("GM0599", "GM0363")),
}
