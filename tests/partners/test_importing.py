"""CSV import of register entries: validated first, Dutch errors per line and column, nothing
written on any error; by command and by upload on the register page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from exchange.partners.importing import ImportRefused, organisations_import
from exchange.partners.models import Cooperation, Organisation

pytestmark = pytest.mark.django_db

GOOD = (
    "naam;soort;wijken;themas;samenwerking;contactrol;deelbaar;laatst_gecontroleerd\n"
    "Moskee Al Fath;Moskee;Overvecht;polarisatie;regulier overleg;secretaris;ja;2026-01-15\n"
    'Jongerenwerk Noord;youth_work;Noord, Oost;"Polarisatie;Radicalisering";formele afspraak;;'
    "nee;\n"
)


def test_a_good_file_adds_every_entry(colleague, municipality, polarisation, radicalisation):
    assert organisations_import(user=colleague, municipality=municipality, text=GOOD) == 2

    mosque = Organisation.objects.get(name="Moskee Al Fath")
    assert mosque.kind.slug == "mosque" and mosque.shareable
    assert mosque.cooperation == Cooperation.REGULAR
    assert str(mosque.last_checked_on) == "2026-01-15"
    youth = Organisation.objects.get(name="Jongerenwerk Noord")
    assert sorted(t.slug for t in youth.themes.all()) == ["polarisatie", "radicalisering"]
    assert youth.neighbourhood_list == ["Noord", "Oost"] and not youth.shareable


def test_a_dutch_file_imports_for_a_member_reading_the_site_in_english(
    colleague, municipality, polarisation, radicalisation
):
    from django.utils import translation

    with translation.override("en"):
        assert organisations_import(user=colleague, municipality=municipality, text=GOOD) == 2
    assert Organisation.objects.get(name="Jongerenwerk Noord").cooperation == Cooperation.FORMAL


def test_one_bad_line_writes_nothing_and_every_error_is_named(
    colleague, municipality, polarisation
):
    text = (
        "naam,soort,themas,samenwerking,deelbaar,laatst_gecontroleerd\n"
        "Moskee Al Fath,Moskee,polarisatie,regulier overleg,ja,\n"
        "Kerk,onbekend,polarisatie,af en toe,misschien,15-01-2026\n"
        ",Moskee,nergens,ad hoc,nee,\n"
    )

    with pytest.raises(ImportRefused) as refused:
        organisations_import(user=colleague, municipality=municipality, text=text)

    errors = refused.value.errors
    assert "Regel 3, kolom soort: onbekende soort 'onbekend'." in errors
    assert any(e.startswith("Regel 3, kolom samenwerking:") for e in errors)
    assert any(e.startswith("Regel 3, kolom deelbaar:") for e in errors)
    assert "Regel 3, kolom laatst_gecontroleerd: schrijf de datum als JJJJ-MM-DD." in errors
    assert "Regel 4, kolom naam: vul de naam van de organisatie in." in errors
    assert "Regel 4, kolom themas: onbekend thema 'nergens'." in errors
    assert not Organisation.objects.exists()


def test_missing_columns_and_names_already_in_the_register_are_refused(
    colleague, municipality, mosque_board
):
    with pytest.raises(ImportRefused, match="ontbreken: soort, samenwerking"):
        organisations_import(user=colleague, municipality=municipality, text="naam\nX\n")
    with pytest.raises(ImportRefused, match="staat al in het register"):
        organisations_import(
            user=colleague,
            municipality=municipality,
            text=f"naam,soort,samenwerking\n{mosque_board.name},Moskee,ad hoc\n",
        )
    assert Organisation.objects.count() == 1


def test_the_command_imports_into_the_chosen_municipality(
    tmp_path, municipality, polarisation, radicalisation, capsys
):
    path = tmp_path / "netwerk.csv"
    path.write_text("\ufeffnaam;soort;samenwerking\nWijkteam Zuid;Wijkteam;ad hoc\n", "utf-8")

    call_command("import_partners", str(path), "--municipality", municipality.code)

    assert "1 organisaties geïmporteerd" in capsys.readouterr().out
    assert Organisation.objects.get().municipality == municipality


def test_the_command_refuses_a_bad_file_and_writes_nothing(tmp_path, municipality):
    path = tmp_path / "netwerk.csv"
    path.write_text("naam;soort;samenwerking\nWijkteam Zuid;Wijkteam;soms\n", "utf-8")

    with pytest.raises(CommandError, match="Regel 2, kolom samenwerking"):
        call_command("import_partners", str(path), "--municipality", municipality.code)
    assert not Organisation.objects.exists()


def test_the_upload_on_the_register_page_shows_the_errors(client_as, colleague):
    client = client_as(colleague)
    bad = SimpleUploadedFile("netwerk.csv", b"naam;soort;samenwerking\nX;Moskee;soms\n")

    response = client.post(reverse("partners_import"), {"bestand": bad})

    assert response.status_code == 400
    assert "Niets geïmporteerd" in response.content.decode()
    assert "Regel 2, kolom samenwerking" in response.content.decode()
    assert not Organisation.objects.exists()

    good = SimpleUploadedFile("netwerk.csv", b"naam;soort;samenwerking\nX;Moskee;ad hoc\n")
    response = client.post(reverse("partners_import"), {"bestand": good})
    assert response.status_code == 302
    assert Organisation.objects.get().municipality == colleague.profile.municipality


@pytest.mark.parametrize(
    "content, message",
    [
        # A field longer than the csv module's limit (it fits within the 1 MB upload).
        (
            'naam;soort;samenwerking\n"' + "x" * 140_000 + '";Moskee;ad hoc\n',
            "geen leesbare CSV",
        ),
        ("naam;soort;samenwerking\nWijk\x00team;Wijkteam;ad hoc\n", "ongeldige tekens"),
        (
            "naam;soort;samenwerking;contactrol\n"
            "Moskee Noord;Moskee;ad hoc;mevrouw Jansen 06-12345678\n",
            "Regel 2, kolom contactrol: lijkt persoonsgegevens te bevatten",
        ),
    ],
    ids=["huge field", "nul byte", "personal data"],
)
def test_a_file_that_is_not_a_register_is_refused_in_dutch_and_writes_nothing(
    client_as, colleague, content, message
):
    upload = SimpleUploadedFile("netwerk.csv", content.encode())

    response = client_as(colleague).post(reverse("partners_import"), {"bestand": upload})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Organisation.objects.exists()
