"""import_content: practices from JSON Lines, validated as a whole, imported all or nothing."""

import datetime
import json
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import ReferenceIndex

from exchange.municipalities.models import Municipality
from exchange.questions.models import Answer, Question
from practices.importing import ContentImportError, content_import
from practices.models import PracticeIndexPage, PracticePage

pytestmark = pytest.mark.django_db

DEMO_CONTENT = Path(__file__).resolve().parents[2] / "practices" / "data" / "demo_content.jsonl"


@pytest.fixture(autouse=True)
def municipalities(db):
    call_command("load_municipalities", verbosity=0)


def practice(item_id: str, **fields) -> dict:
    item = {
        "id": item_id,
        "kind": "practice",
        "title": f"Praktijk {item_id}",
        "summary": "Een korte samenvatting.",
        "body": "Eerste alinea.\n\nTweede alinea met <script>.",
        "municipality": "GM0193",
        "themes": ["jongeren"],
        "target_groups": ["jongeren 14-18"],
        "evidence_level": "beschreven",
        "visibility": "public",
        "published_at": "2024-02-14",
        "answers": [],
    }
    item.update(fields)
    return item


def question(item_id: str) -> dict:
    return {
        "id": item_id,
        "kind": "question",
        "title": "Hoe houden jullie sleutelfiguren betrokken?",
        "summary": "",
        "body": "Wij zoeken ervaringen.",
        "municipality": "GM0758",
        "themes": ["sleutelfiguren-netwerk"],
        "target_groups": [],
        "evidence_level": None,
        "visibility": "public",
        "published_at": "2024-03-12",
        "answers": [{"body": "Vier keer per jaar bijeenkomen.", "municipality": "GM0193"}],
    }


def write(tmp_path: Path, lines: list) -> Path:
    path = tmp_path / "content.jsonl"
    text = "".join(
        (json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x) + "\n" for x in lines
    )
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path) -> str:
    out = StringIO()
    call_command("import_content", str(path), "--no-progress", stdout=out)
    return out.getvalue()


def valid_items() -> list[dict]:
    return [
        practice(
            "p-1",
            title="Netwerk van sleutelfiguren",
            themes=["sleutelfiguren-netwerk", "maatschappelijke-spanningen"],
            target_groups=["sleutelfiguren", "wijkagenten"],
        ),
        practice("p-2", visibility="members", evidence_level=None, municipality="GM0599"),
        practice("p-3", visibility="restricted", municipality="GM0344", published_at="2023-12-01"),
        question("q-1"),
    ]


def test_valid_file_imports_practices_with_their_fields(tmp_path):
    output = run(write(tmp_path, valid_items()))

    assert "Praktijken: 3 nieuw" in output
    assert "Vragen: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd." in output
    assert PracticePage.objects.count() == 3
    index = PracticeIndexPage.objects.get()
    first = PracticePage.objects.get(external_id="p-1")
    assert first.get_parent().specific == index
    assert first.title == "Netwerk van sleutelfiguren"
    assert first.slug == "netwerk-van-sleutelfiguren"
    assert first.live and not first.has_unpublished_changes
    assert first.owner is None
    assert first.municipality.code == "GM0193"
    assert first.visibility == "public"
    assert first.evidence_level == "beschreven"
    assert sorted(first.themes.values_list("slug", flat=True)) == [
        "maatschappelijke-spanningen",
        "sleutelfiguren-netwerk",
    ]
    assert sorted(first.target_groups.names()) == ["sleutelfiguren", "wijkagenten"]
    assert first.description == "<p>Eerste alinea.</p><p>Tweede alinea met &lt;script&gt;.</p>"
    midnight = datetime.datetime(2024, 2, 14, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert first.first_published_at == midnight
    assert first.last_published_at == midnight

    members_only = PracticePage.objects.get(external_id="p-2")
    assert members_only.visibility == "members"
    assert members_only.evidence_level == ""
    assert not members_only.allowed_municipalities.exists()

    restricted = PracticePage.objects.get(external_id="p-3")
    assert list(restricted.allowed_municipalities.values_list("code", flat=True)) == ["GM0344"]


def test_restricted_practice_keeps_the_chosen_municipalities(tmp_path):
    item = practice("p-1", visibility="restricted", allowed_municipalities=["GM0599", "GM0622"])
    run(write(tmp_path, [item]))
    page = PracticePage.objects.get(external_id="p-1")
    codes = sorted(page.allowed_municipalities.values_list("code", flat=True))
    assert codes == ["GM0599", "GM0622"]


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        (practice("p-bad", municipality="GM9999"), "regel 2: onbekende gemeentecode GM9999"),
        (practice("p-bad", themes=["jongeren", "bestaat-niet"]), "onbekend thema 'bestaat-niet'"),
        (practice("p-bad", title="  "), "regel 2: 'title' ontbreekt"),
        ({k: v for k, v in practice("p-bad").items() if k != "title"}, "'title' ontbreekt"),
        (practice("p-bad", published_at="14-02-2024"), "regel 2: ongeldige datum"),
        (practice("p-bad", published_at="2024-02-30"), "regel 2: ongeldige datum"),
        ('{"id": "p-bad", "kind": "practice",', "regel 2: ongeldige JSON"),
        (practice("p-bad", evidence_level="bewezen"), "regel 2: ongeldige bewijskracht"),
        (practice("p-bad", visibility="geheim"), "regel 2: ongeldige zichtbaarheid"),
        (practice("p-bad", kind="event"), "regel 2: onbekende soort 'event'"),
        (practice("p-bad", themes="jongeren"), "'themes' moet een lijst zijn"),
        (practice("p-bad", title="x" * 256), "'title' is te lang (256 tekens"),
        (practice("p-1"), "regel 2: id 'p-1' komt ook voor op regel 1"),
        (
            practice("p-bad", visibility="restricted", allowed_municipalities=["GM0000"]),
            "regel 2: onbekende gemeentecode GM0000 in 'allowed_municipalities'",
        ),
        ('["geen", "object"]', "regel 2: verwacht een JSON-object"),
        (
            {**question("q-bad"), "answers": [{"body": "Ja.", "municipality": "GM9999"}]},
            "regel 2: onbekende gemeentecode GM9999 (antwoord 1)",
        ),
        (
            {**question("q-bad"), "answers": [{"municipality": "GM0193"}]},
            "regel 2: antwoord 1: 'body' ontbreekt of is leeg",
        ),
        ({**question("q-bad"), "title": "x" * 201}, "regel 2: 'title' is te lang voor een vraag"),
    ],
)
def test_one_bad_line_imports_nothing_and_names_the_line(tmp_path, bad_line, message):
    before = PracticePage.objects.count()
    path = write(tmp_path, [practice("p-1"), bad_line, practice("p-3")])

    with pytest.raises(CommandError) as excinfo:
        run(path)

    assert message in str(excinfo.value)
    assert "Er is niets geïmporteerd." in str(excinfo.value)
    assert PracticePage.objects.count() == before
    assert not Question.objects.exists()


def test_every_bad_line_is_reported(tmp_path):
    bad_question = question("q-1")
    bad_question["answers"] = [{"body": "", "municipality": "GM9998"}]
    path = write(
        tmp_path,
        [
            practice("p-1", municipality="GM9999"),
            "niet eens JSON",
            practice("p-3", themes=["onbekend"], published_at="gisteren"),
            practice("p-4"),
            bad_question,
        ],
    )

    with pytest.raises(ContentImportError) as excinfo:
        content_import(path=path, progress=False)

    errors = excinfo.value.errors
    assert any(e.startswith("regel 1: onbekende gemeentecode GM9999") for e in errors)
    assert any(e.startswith("regel 2: ongeldige JSON") for e in errors)
    assert any(e.startswith("regel 3: onbekend thema") for e in errors)
    assert any(e.startswith("regel 3: ongeldige datum") for e in errors)
    assert any(e.startswith("regel 5: antwoord 1: 'body'") for e in errors)
    assert any("GM9998" in e and e.startswith("regel 5") for e in errors)
    assert not any(e.startswith("regel 4") for e in errors)
    assert not PracticePage.objects.exists()


def test_reimport_is_idempotent_and_updates_what_changed(tmp_path):
    items = valid_items()
    content_import(path=write(tmp_path, items), progress=False)
    before = {
        p.external_id: (
            p.slug,
            p.summary,
            p.description,
            p.first_published_at,
            p.latest_revision_id,
        )
        for p in PracticePage.objects.all()
    }

    again = content_import(path=write(tmp_path, items), progress=False)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert (again.questions_created, again.questions_updated, again.questions_unchanged) == (
        0,
        0,
        1,
    )
    after = {
        p.external_id: (
            p.slug,
            p.summary,
            p.description,
            p.first_published_at,
            p.latest_revision_id,
        )
        for p in PracticePage.objects.all()
    }
    assert after == before

    items[0]["title"] = "Netwerk van sleutelfiguren, vernieuwd"
    items[0]["target_groups"] = ["sleutelfiguren"]
    changed = content_import(path=write(tmp_path, items), progress=False)

    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 2)
    assert PracticePage.objects.count() == 3
    page = PracticePage.objects.get(external_id="p-1")
    assert page.title == "Netwerk van sleutelfiguren, vernieuwd"
    assert page.slug == "netwerk-van-sleutelfiguren"  # links keep working
    assert list(page.target_groups.names()) == ["sleutelfiguren"]
    assert page.live and not page.has_unpublished_changes
    assert page.first_published_at == before["p-1"][3]
    assert page.last_published_at == before["p-1"][3]
    # Wagtail's reference index ("where is this used?") points at the saved target groups.
    paths = ReferenceIndex.get_references_for_object(page).values_list("content_path", flat=True)
    assert paths and not [path for path in paths if "None" in path]


def test_same_titles_get_distinct_slugs(tmp_path):
    run(
        write(
            tmp_path,
            [practice("p-1", title="Gesprekstafels"), practice("p-2", title="Gesprekstafels")],
        )
    )
    slugs = sorted(PracticePage.objects.values_list("slug", flat=True))
    assert slugs == ["gesprekstafels", "gesprekstafels-2"]


def test_works_on_a_fresh_database_without_catalogue(tmp_path):
    PracticeIndexPage.objects.all().delete()

    run(write(tmp_path, valid_items()))

    index = PracticeIndexPage.objects.get()
    assert index.live
    assert index.url == "/praktijken/"
    assert PracticePage.objects.child_of(index).count() == 3
    assert PracticePage.objects.get(external_id="p-1").url.startswith("/praktijken/")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        run(tmp_path / "bestaat-niet.jsonl")


def test_shipped_demo_content_imports_40_practices_and_17_questions():
    lines = DEMO_CONTENT.read_text(encoding="utf-8").splitlines()
    kinds = [json.loads(line)["kind"] for line in lines]

    summary = content_import(path=DEMO_CONTENT, progress=False)

    assert summary.created == kinds.count("practice") >= 40
    assert summary.questions_created == kinds.count("question") == 17
    pages = PracticePage.objects.live()
    assert pages.count() == summary.created
    assert pages.filter(visibility="members").count() >= 3
    restricted = pages.filter(visibility="restricted")
    assert restricted.count() >= 3
    assert all(page.allowed_municipalities.exists() for page in restricted)
    years = {page.first_published_at.year for page in pages}
    assert {2021, 2022, 2023, 2024, 2025} <= years
    assert Question.objects.count() == 17
    assert Answer.objects.count() == sum(q.answer_count for q in Question.objects.all()) > 17


def test_questions_import_with_their_answers_on_behalf_of_municipalities(tmp_path):
    item = question("q-1")
    item["visibility"] = "restricted"
    item["body"] = "Wij zoeken *ervaringen*. <script>alert(1)</script>"
    item["answers"].append({"body": "Met een **vaste** trekker.", "municipality": "GM0599"})

    run(write(tmp_path, [item]))

    imported = Question.objects.get(external_id="q-1")
    assert imported.title == "Hoe houden jullie sleutelfiguren betrokken?"
    assert imported.author is None
    assert imported.municipality.code == "GM0758"
    assert imported.body_markdown.startswith("Wij zoeken *ervaringen*.")
    assert "<em>ervaringen</em>" in imported.body_html and "<script" not in imported.body_html
    assert list(imported.themes.values_list("slug", flat=True)) == ["sleutelfiguren-netwerk"]
    assert list(imported.allowed_municipalities.values_list("code", flat=True)) == ["GM0758"]
    assert imported.status == "open"
    midnight = datetime.datetime(2024, 3, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert imported.created_at == midnight
    answers = list(imported.answers.order_by("position"))
    assert [(a.position, a.municipality.code, a.author) for a in answers] == [
        (0, "GM0193", None),
        (1, "GM0599", None),
    ]
    assert answers[1].body_html == "<p>Met een <strong>vaste</strong> trekker.</p>"
    assert imported.answer_count == 2
    assert imported.last_activity_at == answers[1].created_at > imported.created_at


def test_a_question_keeps_both_its_summary_and_its_body(tmp_path):
    item = question("q-1")
    item["summary"] = "Intimidatie van raadsleden na een debat."
    run(write(tmp_path, [item]))

    imported = Question.objects.get(external_id="q-1")
    assert (
        imported.body_markdown
        == "Intimidatie van raadsleden na een debat.\n\nWij zoeken ervaringen."
    )
    assert "Intimidatie" in imported.body_html and "ervaringen" in imported.body_html


def test_an_accepted_answer_marks_the_question_answered(tmp_path):
    item = question("q-1")
    item["answers"][0]["accepted"] = True

    run(write(tmp_path, [item]))

    imported = Question.objects.get(external_id="q-1")
    assert imported.status == "answered"
    assert imported.answers.get().accepted


def test_reimport_updates_answers_in_place_instead_of_adding_copies(tmp_path, member):
    from exchange.questions.services import answer_post

    item = question("q-1")
    item["answers"].append({"body": "Tweede antwoord.", "municipality": "GM0599"})
    content_import(path=write(tmp_path, [item]), progress=False)
    imported = Question.objects.get(external_id="q-1")
    first = imported.answers.get(position=0)
    # A member's own answer is never matched, changed or removed by an import.
    own = answer_post(author=member, question=imported, body="Ons eigen antwoord.")

    item["answers"][0]["body"] = "Vier keer per jaar, op wisselende plekken."
    again = content_import(path=write(tmp_path, [item]), progress=False)

    assert again.questions_updated == 1
    assert imported.answers.count() == 3
    first.refresh_from_db()
    assert first.body_markdown == "Vier keer per jaar, op wisselende plekken."
    imported.refresh_from_db()
    assert imported.answer_count == 3

    item["answers"] = item["answers"][:1]
    content_import(path=write(tmp_path, [item]), progress=False)
    remaining = set(imported.answers.values_list("pk", flat=True))
    assert remaining == {first.pk, own.pk}
    imported.refresh_from_db()
    assert imported.answer_count == 2

    unchanged = content_import(path=write(tmp_path, [item]), progress=False)
    assert unchanged.questions_unchanged == 1


def exchange_counts() -> tuple[int, ...]:
    from exchange.questions.models import Follow, Vote

    return (
        Question.objects.count(),
        Answer.objects.count(),
        Vote.objects.count(),
        Answer.objects.filter(accepted=True).count(),
        Follow.objects.count(),
    )


def test_seed_demo_twice_does_not_duplicate_practices_or_the_exchange():
    from practices.models import PracticePartner

    call_command("seed_demo", stdout=StringIO())
    counts = (
        PracticePage.objects.count(),
        PracticePartner.objects.count(),
        PracticePage.objects.filter(featured=True).count(),
    )
    revisions = sorted(PracticePage.objects.values_list("latest_revision_id", flat=True))
    exchange = exchange_counts()

    out = StringIO()
    call_command("seed_demo", stdout=out)

    assert exchange_counts() == exchange
    questions, answers, votes, accepted, follows = exchange
    assert questions > 17 and answers > questions and votes > 10 and accepted >= 3
    assert follows > questions  # askers and answerers follow their questions, plus themes
    assert Question.objects.filter(author__isnull=False, status="answered").exists()
    assert all(q.answer_count == q.answers.count() for q in Question.objects.all())
    assert "Vragen: 0 nieuw, 0 bijgewerkt, 17 ongewijzigd." in out.getvalue()

    assert "Demo-praktijken: 4" in out.getvalue()
    assert counts[0] >= 40 and counts[1] > 0 and counts[2] == 3
    assert (
        PracticePage.objects.count(),
        PracticePartner.objects.count(),
        PracticePage.objects.filter(featured=True).count(),
    ) == counts
    assert sorted(PracticePage.objects.values_list("latest_revision_id", flat=True)) == revisions
    assert PracticePage.objects.filter(contact_person__isnull=False).exists()
    due = [page.external_id for page in PracticePage.objects.all() if page.needs_review]
    assert len(due) == 2
    assert Municipality.objects.count() == 342
