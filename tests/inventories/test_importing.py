"""Importing an earlier round from CSV: every line checked first, all or nothing."""

import pytest
from django.core.management import CommandError, call_command

from exchange.inventories.importing import ImportRefused, responses_import
from exchange.inventories.models import AnswerChange, Response

HEADER = "gemeente;fte;voldoende;netwerk;partners;zorg;aanpak"


def test_a_valid_file_imports_submitted_responses(closed_questionnaire, network):
    text = "\n".join(
        [
            HEADER,
            "GM8000;1,5;4;Ja;Politie|Zorg;Onrust;",
            "gm8001;0;2;Nee;;;Een netwerk van sleutelfiguren",
        ]
    )
    assert responses_import(questionnaire=closed_questionnaire, text=text) == 2
    first = Response.objects.get(municipality__code="GM8000")
    assert first.is_submitted
    values = {a.question.code: a.value for a in first.answers.select_related("question")}
    assert values == {
        "fte": 1.5,
        "voldoende": 4,
        "netwerk": "Ja",
        "partners": ["Politie", "Zorg"],
        "zorg": "Onrust",
    }
    assert AnswerChange.objects.filter(response=first).count() == 5


def test_one_bad_line_imports_nothing_and_every_error_is_named(closed_questionnaire, network):
    text = "\n".join(
        [
            HEADER,
            "GM8000;1,5;4;Ja;;;",
            "GM8001;veel;7;Misschien;Kerk;;",
            "GM9999;1;1;Ja;;;",
            "GM8000;1;1;Ja;;;",
            "GM8002;1;1;Ja;;Bel mevrouw Jansen op 0612345678;",
        ]
    )
    with pytest.raises(ImportRefused) as refused:
        responses_import(questionnaire=closed_questionnaire, text=text)
    errors = "\n".join(refused.value.errors)
    assert "Regel 3, fte" in errors
    assert "Regel 3, voldoende" in errors
    assert "Regel 3, netwerk" in errors
    assert "Regel 3, partners" in errors
    assert "Regel 4: onbekende gemeente 'GM9999'" in errors
    assert "Regel 5: GM8000 staat er twee keer in" in errors
    assert "Regel 6: de tekst lijkt persoonsgegevens te bevatten" in errors
    assert not Response.objects.exists()


def test_unknown_columns_and_existing_responses_are_refused(closed_questionnaire, network):
    with pytest.raises(ImportRefused, match="Onbekende kolommen: onzin"):
        responses_import(questionnaire=closed_questionnaire, text="gemeente;onzin\nGM8000;1\n")
    responses_import(questionnaire=closed_questionnaire, text=f"{HEADER}\nGM8000;1;3;Ja;;;\n")
    with pytest.raises(ImportRefused, match="heeft al een antwoord"):
        responses_import(
            questionnaire=closed_questionnaire,
            text=f"{HEADER}\nGM8001;1;3;Ja;;;\nGM8000;1;3;Ja;;;\n",
        )
    assert Response.objects.count() == 1


def test_the_command_reports_errors_and_writes_nothing(closed_questionnaire, network, tmp_path):
    path = tmp_path / "ronde.csv"
    path.write_text(f"{HEADER}\nGM8000;1;9;Ja;;;\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Niets geïmporteerd"):
        call_command("import_inventory_responses", closed_questionnaire.slug, str(path))
    assert not Response.objects.exists()
    path.write_text(f"\ufeff{HEADER}\nGM8000;1;3;Ja;;;\n", encoding="utf-8")
    call_command("import_inventory_responses", closed_questionnaire.slug, str(path))
    assert Response.objects.count() == 1
