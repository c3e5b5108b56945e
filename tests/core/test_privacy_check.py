"""The personal-data check on free text: what it finds, and what ordinary policy text is not."""

import json
from pathlib import Path

import pytest
from django import forms

from exchange.core.privacy_check import (
    Kind,
    PersonalDataCheckMixin,
    find_personal_data,
    fingerprint,
    passes_eleven_test,
)

ROOT = Path(__file__).resolve().parents[2]
DEMO_CONTENT = (
    ROOT / "practices" / "data" / "demo_content.jsonl",
    ROOT / "bench" / "relevance" / "judged" / "content.jsonl",
)


def found(text: str) -> list[tuple[str, str]]:
    return [(finding.kind, finding.fragment) for finding in find_personal_data(text)]


# -- each kind ------------------------------------------------------------------------------


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "123.456.782", "1234 56 782"])
def test_a_citizen_service_number_that_passes_the_eleven_test_is_found(bsn):
    assert found(f"Zijn BSN is {bsn}, zei de school.") == [(Kind.BSN, bsn)]


@pytest.mark.parametrize("number", ["123456789", "111222334", "000000000"])
def test_nine_digits_failing_the_eleven_test_are_no_bsn(number):
    assert not passes_eleven_test(number)
    assert found(f"Dossiernummer {number}") == []


def test_an_amount_with_bsn_like_digits_is_no_bsn():
    assert found("Het budget was € 123.456.782 en daarna 123.456.782 euro.") == []


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 1234 5678",
        "0612345678",
        "+31 6 12345678",
        "+316-12345678",
        "0031612345678",
        "010-1234567",
        "(020) 123 45 67",
        "+31 (0)20 123 4567",
        "0591-123456",
    ],
)
def test_dutch_mobile_and_landline_numbers_are_found(phone):
    assert found(f"Bel haar op {phone} na vijven.") == [(Kind.PHONE, phone)]


@pytest.mark.parametrize(
    "text",
    [
        "Politie zonder spoed: 0900-8844. Veilig Thuis: 0800-2000. Spoed: 112.",
        "Het landelijke nummer 088-1234567 en gemeentenummer 14 020.",
        "De bijeenkomst is op 06-12-2023 10.30 uur.",
        "Op 01-02-2023 om 10:30 begon het.",
    ],
)
def test_service_numbers_dates_and_times_are_no_phone_numbers(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "email", ["jan.jansen@gmail.com", "piet@Hotmail.NL", "fam.devries@ziggo.nl", "x@kpnmail.nl"]
)
def test_an_address_at_a_consumer_mail_provider_is_found(email):
    assert found(f"Zijn moeder mailde vanaf {email} aan de school.") == [(Kind.EMAIL, email)]


@pytest.mark.parametrize(
    "email", ["j.devries@utrecht.nl", "info@utrecht.nl", "veiligheid@zwolle.nl", "info@politie.nl"]
)
def test_addresses_of_municipalities_and_organisations_are_not_flagged(email):
    assert found(f"Mail gerust naar {email} voor het draaiboek.") == []


@pytest.mark.parametrize(
    "address",
    ["Kerkstraat 12a", "Van Goghstraat 3-2", "Oudegracht 245", "Grote Markt 5", "Dorpsweg 7"],
)
def test_a_street_with_a_house_number_is_found(address):
    assert found(f"Het gezin woont aan de {address} in de wijk.") == [(Kind.ADDRESS, address)]


@pytest.mark.parametrize(
    "text",
    [
        "Postcode 3511 AB en de Kerkstraat zonder nummer.",
        "In het Stadspark 3 keer een bijeenkomst, Wijkpark 2023.",
        "Het actieplan Ringweg 10 km korter.",
    ],
)
def test_postcodes_streets_without_number_counts_and_years_are_no_address(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "geboren op 12-03-2009",
        "geb. 3 maart 2009",
        "Geboortedatum: 2009-03-12",
        "Geboren op 12 Maart 2009",
    ],
)
def test_a_date_next_to_a_birth_word_is_a_birth_date(text):
    assert found(f"De jongen, {text}, zit op het mbo.") == [(Kind.BIRTH_DATE, text)]


def test_a_date_without_birth_context_is_no_birth_date():
    assert found("De training was op 12-03-2024 en de evaluatie op 3 april 2024.") == []


@pytest.mark.parametrize(
    "text,name",
    [
        ("Mevrouw De Vries belde", "Mevrouw De Vries"),
        ("Daarna sprak mevrouw El Amrani", "mevrouw El Amrani"),
        ("toen zei meneer Jansen", "meneer Jansen"),
        ("dhr. J.P. van der Berg kwam", "dhr. J.P. van der Berg"),
        ("Volgens de heer Bakker", "de heer Bakker"),
        ("Mw. Yilmaz en haar zoon", "Mw. Yilmaz"),
        ("mr. Visser adviseerde", "mr. Visser"),
    ],
)
def test_a_name_after_a_form_of_address_is_found(text, name):
    assert found(text) == [(Kind.NAME, name)]


@pytest.mark.parametrize(
    "text",
    [
        "Mevrouw X en meneer Y",
        "meneer de burgemeester",
        "Mevrouw de Burgemeester opende",
        "Een mevrouw in Utrecht belde",
    ],
)
def test_placeholders_and_functions_after_a_form_of_address_are_no_names(text):
    assert found(text) == []


# -- ordinary policy text -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "In 2023 kostte de aanpak € 25.000 en in 2024 € 1.250.000.",
        "Op grond van artikel 172 Gemeentewet en art. 2:3 Awb.",
        "Gemeente Amsterdam (GM0363) en Zwolle (GM0193) werkten samen.",
        "Het buurthuis in postcode 1012 AB en 3511AB.",
        "Een programma van 2019-2023, 40 uur per week, 0,5 fte.",
        "Zie https://www.utrecht.nl/veiligheid/ en bel 14 030.",
    ],
)
def test_years_amounts_articles_cbs_codes_and_postcodes_are_not_flagged(text):
    assert found(text) == []


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_nothing_is_flagged_in_the_policy_texts_of_the_demo_content():
    items = [json.loads(line) for path in DEMO_CONTENT for line in path.read_text().splitlines()]
    assert len(items) > 300
    flagged = {
        item["id"]: found(text)
        for item in items
        for text in _strings(item)
        if find_personal_data(text)
    }
    assert flagged == {}


def test_overlapping_findings_are_reported_once_in_reading_order():
    text = "Bel 06-12345678 of mail jan@gmail.com; mevrouw Jansen woont Kerkstraat 1."
    assert [kind for kind, _fragment in found(text)] == [
        Kind.PHONE,
        Kind.EMAIL,
        Kind.NAME,
        Kind.ADDRESS,
    ]


# -- the form mixin -------------------------------------------------------------------------


class NoteForm(PersonalDataCheckMixin, forms.Form):
    personal_data_fields = ("note",)
    note = forms.CharField(label="Notitie")


def test_the_form_warns_and_is_invalid_until_the_member_confirms_what_was_shown():
    text = "Bel mevrouw Jansen op 06-12345678."
    form = NoteForm({"note": text})
    assert not form.is_valid()
    assert [w["fragment"] for w in form.privacy_warnings] == ["mevrouw Jansen", "06-12345678"]
    assert form.privacy_warnings[0]["field"] == "Notitie"
    assert "privacy_confirmed" in form.errors
    shown = form.data["privacy_shown"]
    assert shown == fingerprint(f for _field, f in form.privacy_findings)

    confirmed = NoteForm({"note": text, "privacy_shown": shown, "privacy_confirmed": "on"})
    assert confirmed.is_valid()
    assert {f.kind for f in confirmed.privacy_override} == {Kind.NAME, Kind.PHONE}


def test_a_confirmation_does_not_cover_personal_data_added_afterwards():
    first = NoteForm({"note": "Bel 06-12345678."})
    first.is_valid()
    changed = NoteForm(
        {
            "note": "Bel 06-12345678 of mail jan@gmail.com.",
            "privacy_shown": first.data["privacy_shown"],
            "privacy_confirmed": "on",
        }
    )
    assert not changed.is_valid()
    assert [w["fragment"] for w in changed.privacy_warnings] == ["06-12345678", "jan@gmail.com"]
    assert "privacy_confirmed" not in changed.data  # the tick is asked for again


def test_text_without_personal_data_needs_no_confirmation():
    form = NoteForm({"note": "Wij werken met sleutelfiguren in de wijk."})
    assert form.is_valid()
    assert form.privacy_override == []
