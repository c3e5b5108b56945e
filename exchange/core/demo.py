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
