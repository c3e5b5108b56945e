"""load_municipalities: idempotent upsert by code, mergers kept as history, all-or-nothing."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from exchange.municipalities.models import EmailDomain, Municipality
from exchange.municipalities.services import DEFAULT_CSV

pytestmark = pytest.mark.django_db

HEADER = "code,name,province,population,population_date,email_domain,aliases\n"


def write_csv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "gemeenten.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def load(path=None) -> str:
    from io import StringIO

    out = StringIO()
    call_command("load_municipalities", *([str(path)] if path else []), stdout=out)
    return out.getvalue()


def test_loads_the_shipped_list_of_342(tmp_path):
    output = load()
    assert Municipality.objects.count() == 342
    assert "342 nieuw" in output
    the_hague = Municipality.objects.get(code="GM0518")
    assert the_hague.name == "'s-Gravenhage"
    assert "Den Haag" in the_hague.alias_list
    assert Municipality.objects.filter(province="Fryslân").exists()
    assert DEFAULT_CSV.exists()


def test_second_run_changes_nothing():
    load()
    snapshot = list(Municipality.objects.order_by("code").values())
    domains = EmailDomain.objects.count()
    output = load()
    assert "0 nieuw, 0 bijgewerkt, 342 ongewijzigd, 0 inactief" in output
    assert list(Municipality.objects.order_by("code").values()) == snapshot
    assert EmailDomain.objects.count() == domains


def test_merged_municipality_becomes_inactive_and_keeps_its_members(tmp_path, member):
    first = write_csv(
        tmp_path,
        [
            "GM0344,Utrecht,Utrecht,361924,2022-01-01,utrecht.nl,",
            "GM0457,Weesp,Noord-Holland,20000,2022-01-01,weesp.nl,",
        ],
    )
    load(first)
    weesp = Municipality.objects.get(code="GM0457")
    member.profile.municipality = weesp
    member.profile.save()

    merged = write_csv(tmp_path, ["GM0344,Utrecht,Utrecht,361924,2022-01-01,utrecht.nl,"])
    output = load(merged)
    weesp.refresh_from_db()
    assert not weesp.active
    assert "GM0457" in output
    member.profile.refresh_from_db()
    assert member.profile.municipality == weesp  # history kept, never deleted


def test_update_by_code_renames_without_duplicating(tmp_path):
    load(write_csv(tmp_path, ["GM0344,Utrecht,Utrecht,1,2022-01-01,,"]))
    load(write_csv(tmp_path, ["GM0344,Utrecht (stad),Utrecht,2,2023-01-01,,"]))
    assert Municipality.objects.filter(code="GM0344").count() == 1
    assert Municipality.objects.get(code="GM0344").name == "Utrecht (stad)"


def test_moderator_edited_domains_are_kept(tmp_path):
    path = write_csv(tmp_path, ["GM0344,Utrecht,Utrecht,1,2022-01-01,utrecht.nl,"])
    load(path)
    utrecht = Municipality.objects.get(code="GM0344")
    EmailDomain.objects.create(municipality=utrecht, domain="wijkteams-utrecht.nl")
    load(path)
    assert set(utrecht.email_domains.values_list("domain", flat=True)) == {
        "utrecht.nl",
        "wijkteams-utrecht.nl",
    }


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("GM03X4,Utrecht,Utrecht,1,2022-01-01,,", "ongeldige CBS-code"),
        ("GM0999,,Utrecht,1,2022-01-01,,", "naam ontbreekt"),
        ("GM0999,Nergens,Atlantis,1,2022-01-01,,", "onbekende provincie"),
        ("GM0999,Nergens,Utrecht,veel,2022-01-01,,", "geen geheel getal"),
        ("GM0999,Nergens,Utrecht,1,1 januari,,", "geen datum"),
        ("GM0999,Nergens,Utrecht,1,2022-01-01,geen domein,", "ongeldig e-maildomein"),
        ("GM0014,Groningen,Groningen,1,2022-01-01,,", "twee keer"),
        ("GM0999,Nergens,Utrecht,1,2022-01-01,,,extra", "te veel kolommen"),
    ],
)
def test_malformed_row_aborts_with_line_number_and_writes_nothing(tmp_path, bad_row, message):
    load()
    before = list(Municipality.objects.order_by("code").values())
    path = write_csv(
        tmp_path,
        [
            "GM0014,Groningen,Groningen,1,2022-01-01,groningen.nl,",
            "GM0034,Almere,Flevoland,1,2022-01-01,almere.nl,",
            bad_row,
        ],
    )
    with pytest.raises(CommandError) as excinfo:
        load(path)
    assert "regel 4" in str(excinfo.value)
    assert message in str(excinfo.value)
    assert list(Municipality.objects.order_by("code").values()) == before


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Kan .* niet openen"):
        load(tmp_path / "bestaat-niet.csv")
