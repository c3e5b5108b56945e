"""Fill a database with the load test's corpus: practices, questions with answers, members.

    python bench/load/corpus.py [--practices 14000] [--questions 6000] [--members 300]
                                [--users-file .data/stack/load-users.json]
                                [--no-rebuild | --rebuild]

Works on whatever database the environment names (source .data/stack/env for the stack; a
plain `DATA_DIR=… python bench/load/corpus.py` for a development SQLite file). The database
must be migrated and hold the municipalities and themes (`load_municipalities`, `migrate`).

Fast on purpose: creating 14,000 Wagtail pages one by one takes the better part of an hour
(page creation runs at tens of pages a second), which is the import's problem, not the load
test's. So practice pages go in as rows: the page tree rows in bulk with their materialised
paths worked out here, then the practice rows, then the relation tables; questions, answers,
follows and members likewise. Then the search index is rebuilt once. Items carry external ids
starting with `load-`, so a second run adds only what is missing (and does nothing when the
corpus is complete). The members and moderators it creates, with their password and, for
moderators, their TOTP secret, are written to the users file for the Locust file.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.practices import (  # noqa: E402 - after the path is set
    SENTENCES,
    TARGET_GROUPS,
    TITLE_PLACE,
    TITLE_START,
    TITLE_SUBJECT,
)

PASSWORD = "load-wachtwoord-2026"  # noqa: S105 - test accounts on a local stack
MEMBER_EMAIL = "lid{n:04d}@load.kennisnetwerk.example"
MODERATOR_EMAIL = "moderator{n:02d}@load.kennisnetwerk.example"
# A question every load member follows: one answer on it is a notification burst.
BURST_QUESTION = "load-q-burst"
BATCH = 1000

QUESTION_STARTS = [
    "Hoe pakken jullie",
    "Wie heeft ervaring met",
    "Wat werkt bij",
    "Tips gevraagd voor",
    "Hoe betrek je",
    "Welke gemeente heeft",
]
ANSWERS = [
    "Bij ons werkt een vast aanspreekpunt in de wijk goed; partners weten elkaar dan te vinden.",
    "Wij begonnen klein met een paar sleutelfiguren en breidden het netwerk daarna uit.",
    "Een gezamenlijke training met jongerenwerk en wijkteam gaf ons een gedeelde taal.",
    "Het casusoverleg komt bij ons elke maand samen, met een vaste voorzitter.",
    "Evalueer na een half jaar met alle partners; dat leverde ons de beste verbeteringen op.",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=14_000)
    parser.add_argument("--questions", type=int, default=6_000)
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--moderators", type=int, default=3)
    parser.add_argument("--users-file", default=str(ROOT / ".data" / "stack" / "load-users.json"))
    parser.add_argument("--no-rebuild", action="store_true", help="skip the search index")
    parser.add_argument("--rebuild", action="store_true", help="rebuild even if nothing was added")
    parser.add_argument("--seed", type=int, default=18)
    return parser.parse_args()


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


# -- members ---------------------------------------------------------------------------------


def ensure_members(count: int, moderators: int, rng: random.Random) -> dict:
    """Verified members spread over municipalities, and moderators with TOTP; all idempotent."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from allauth.mfa.utils import decrypt
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from exchange.accounts.conduct import code_accept_current
    from exchange.accounts.models import Profile
    from exchange.core.roles import MODERATORS_GROUP
    from exchange.municipalities.models import Municipality
    from exchange.themes.models import Theme

    User = get_user_model()
    hashed = make_password(PASSWORD)  # hashed once: hashing per member would dominate
    municipalities = list(Municipality.objects.active().order_by("code"))
    themes = list(Theme.objects.all())
    members, mods = [], []
    wanted = [(MEMBER_EMAIL.format(n=n), False) for n in range(1, count + 1)]
    wanted += [(MODERATOR_EMAIL.format(n=n), True) for n in range(1, moderators + 1)]
    existing = set(User.objects.filter(email__in=[e for e, _ in wanted]).values_list("email"))
    existing = {e for (e,) in existing}
    for n, (email, moderator) in enumerate(wanted):
        municipality = municipalities[(n * 7) % len(municipalities)]
        if email not in existing:
            user = User.objects.create_user(
                email=email, first_name="Load", last_name=f"Lid {n + 1}", password=None
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            code_accept_current(user=user)
            Profile.objects.filter(user=user).update(
                status=Profile.Status.VERIFIED,
                municipality=None if moderator else municipality,
                job_title="Moderator" if moderator else "Beleidsadviseur",
                organisation="Gemeente " + municipality.name,
            )
            if not moderator:
                user.profile.expertise_themes.set(rng.sample(themes, 2))
        user = User.objects.get(email=email)
        record = {"email": email, "password": PASSWORD, "id": user.pk}
        if moderator:
            user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
            User.objects.filter(pk=user.pk).update(is_staff=True)
            totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
            if totp is None:
                secret = _totp_secret(rng)
                TOTP.activate(user, secret)
            else:
                secret = decrypt(totp.data["secret"])
            record["totp_secret"] = secret
            mods.append(record)
        else:
            record["municipality"] = municipality.code
            members.append(record)
    User.objects.filter(email__in=[e for e, _ in wanted]).update(password=hashed)
    return {"members": members, "moderators": mods}


def _totp_secret(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    return "".join(rng.choice(alphabet) for _ in range(32))


# -- practices -------------------------------------------------------------------------------


def practice_values(rng: random.Random) -> dict:
    title = " ".join([rng.choice(TITLE_START), rng.choice(TITLE_SUBJECT), rng.choice(TITLE_PLACE)])
    paragraphs = [" ".join(rng.sample(SENTENCES, rng.randint(3, 6))) for _ in range(3)]
    return {
        "title": title,
        "summary": " ".join(rng.sample(SENTENCES, 2))[:600],
        "description": "".join(f"<p>{p}</p>" for p in paragraphs),
    }


def count_children(index) -> None:
    """The tree's child count, from the rows (treebeard's get_children trusts numchild)."""
    from wagtail.models import Page

    children = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
    Page.objects.filter(pk=index.pk).update(numchild=children.count())


def add_practices(target: int, rng: random.Random, members: list[dict]) -> int:
    """Insert practice pages as rows under the catalogue; returns how many were added."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils.text import slugify
    from wagtail.models import Page

    from exchange.municipalities.models import Municipality
    from exchange.themes.models import Theme
    from practices.models import PracticeIndexPage, PracticePage, TaggedTargetGroup, TargetGroup

    have = PracticePage.objects.filter(external_id__startswith="load-p-").count()
    index = PracticeIndexPage.objects.get()
    if have >= target:
        count_children(index)
        return 0
    municipalities = list(Municipality.objects.active())
    themes = list(Theme.objects.all())
    groups = [TargetGroup.objects.get_or_create(name=name)[0] for name in TARGET_GROUPS]
    content_type = ContentType.objects.get_for_model(PracticePage)
    owners = [m["id"] for m in members] or [None]
    # Children's paths continue after the last existing child (treebeard's steplen 4, base 36).
    last = index.get_children().order_by("-path").values_list("path", flat=True).first()
    step = int(last[-Page.steplen :], 36) if last else 0
    fields = PracticePage._meta.local_concrete_fields
    start = datetime.datetime(2019, 1, 1, 9, tzinfo=datetime.UTC)
    added = 0
    for batch_start in range(have + 1, target + 1, BATCH):
        numbers = range(batch_start, min(target, batch_start + BATCH - 1) + 1)
        pages, relations = [], []
        for n in numbers:
            step += 1
            values = practice_values(rng)
            slug = f"{slugify(values['title'])[:60]}-l{n}"
            published = start + datetime.timedelta(days=rng.randint(0, 2500))
            visibility = rng.choices(["public", "members", "restricted"], weights=[7, 2, 1])[0]
            municipality = rng.choice(municipalities)
            page = PracticePage(
                path=index.path + Page._int2str(step).rjust(Page.steplen, "0"),
                depth=index.depth + 1,
                numchild=0,
                title=values["title"],
                draft_title=values["title"],
                slug=slug,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                owner_id=rng.choice(owners),
                summary=values["summary"],
                description=values["description"],
                municipality=municipality,
                visibility=visibility,
                status=rng.choice(["running", "finished"]),
                evidence_level=rng.choice(["", "idee", "beschreven", "onderbouwd", "effectief"]),
                external_id=f"load-p-{n:05d}",
                last_reviewed_at=published.date(),
            )
            pages.append(page)
            allowed = []
            if visibility == "restricted":
                allowed = {municipality.pk, *(m.pk for m in rng.sample(municipalities, 2))}
            relations.append(
                (rng.sample(themes, rng.randint(1, 3)), rng.sample(groups, 2), allowed)
            )
        with transaction.atomic():
            Page.objects.bulk_create(pages)  # the tree rows; fills page.id where supported
            if pages[0].id is None:
                ids = dict(
                    Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk")
                )
                for page in pages:
                    page.id = ids[page.path]
            for page in pages:
                page.page_ptr_id = page.id
            # Django's bulk_create refuses multi-table children; its insert does not.
            for chunk in range(0, len(pages), 200):
                PracticePage._base_manager._insert(
                    pages[chunk : chunk + 200], fields=fields, raw=True
                )
            themes_through = PracticePage.themes.through
            allowed_through = PracticePage.allowed_municipalities.through
            themes_through.objects.bulk_create(
                themes_through(practicepage_id=page.pk, theme_id=theme.pk)
                for page, (picked, _, _) in zip(pages, relations, strict=True)
                for theme in picked
            )
            allowed_through.objects.bulk_create(
                allowed_through(practicepage_id=page.pk, municipality_id=m)
                for page, (_, _, allowed) in zip(pages, relations, strict=True)
                for m in allowed
            )
            TaggedTargetGroup.objects.bulk_create(
                TaggedTargetGroup(content_object_id=page.pk, tag_id=group.pk)
                for page, (_, picked, _) in zip(pages, relations, strict=True)
                for group in picked
            )
            count_children(index)
        added += len(pages)
        print(f"  practices: {have + added}/{target}", flush=True)
    return added


# -- questions -------------------------------------------------------------------------------


def add_questions(target: int, rng: random.Random, members: list[dict]) -> int:
    """Questions (a third answered, one to three answers each) and follows; returns added."""
    from django.db import transaction
    from django.utils.html import escape

    from exchange.municipalities.models import Municipality
    from exchange.questions.models import Answer, Follow, Question
    from exchange.themes.models import Theme

    have = Question.objects.filter(external_id__regex=r"^load-q-\d+$").count()
    municipalities = {m.code: m for m in Municipality.objects.active()}
    themes = list(Theme.objects.all())
    start = datetime.datetime(2020, 1, 1, 9, tzinfo=datetime.UTC)
    added = 0
    for batch_start in range(have + 1, target + 1, BATCH):
        numbers = range(batch_start, min(target, batch_start + BATCH - 1) + 1)
        questions, picked_themes, answer_sets = [], [], []
        for n in numbers:
            author = rng.choice(members)
            title = f"{rng.choice(QUESTION_STARTS)} {rng.choice(TITLE_SUBJECT)}?"
            body = " ".join(rng.sample(SENTENCES, rng.randint(2, 4)))
            created = start + datetime.timedelta(minutes=rng.randint(0, 2_500_000))
            answers = rng.sample(members, rng.randint(1, 3)) if rng.random() < 0.35 else []
            questions.append(
                Question(
                    title=title,
                    body_markdown=body,
                    body_html=f"<p>{escape(body)}</p>",
                    author_id=author["id"],
                    municipality=municipalities[author["municipality"]],
                    visibility=rng.choices(["public", "members"], weights=[6, 4])[0],
                    status="answered" if answers else "open",
                    answer_count=len(answers),
                    created_at=created,
                    last_activity_at=created,
                    external_id=f"load-q-{n:05d}",
                )
            )
            picked_themes.append(rng.sample(themes, rng.randint(1, 2)))
            answer_sets.append(answers)
        with transaction.atomic():
            Question.objects.bulk_create(questions)
            if questions[0].pk is None:
                ids = dict(
                    Question.objects.filter(
                        external_id__in=[q.external_id for q in questions]
                    ).values_list("external_id", "pk")
                )
                for question in questions:
                    question.pk = ids[question.external_id]
            through = Question.themes.through
            through.objects.bulk_create(
                through(question_id=q.pk, theme_id=t.pk)
                for q, picked in zip(questions, picked_themes, strict=True)
                for t in picked
            )
            answers = []
            for question, answerers in zip(questions, answer_sets, strict=True):
                for position, answerer in enumerate(answerers):
                    text = rng.choice(ANSWERS)
                    answers.append(
                        Answer(
                            question=question,
                            author_id=answerer["id"],
                            municipality=municipalities[answerer["municipality"]],
                            body_markdown=text,
                            body_html=f"<p>{escape(text)}</p>",
                            position=position,
                            created_at=question.created_at + datetime.timedelta(hours=position + 1),
                        )
                    )
            Answer.objects.bulk_create(answers)
            Follow.objects.bulk_create(
                [Follow(user_id=q.author_id, question_id=q.pk) for q in questions],
                ignore_conflicts=True,
            )
        added += len(questions)
        print(f"  questions: {have + added}/{target}", flush=True)
    return added


def ensure_burst_question(members: list[dict]) -> int:
    """One open question every load member follows (see bench/load/burst.py)."""
    from exchange.municipalities.models import Municipality
    from exchange.notifications.models import NotificationPreference, Rhythm
    from exchange.questions.models import Follow, Question

    first = members[0]
    question, _ = Question.objects.get_or_create(
        external_id=BURST_QUESTION,
        defaults={
            "title": "Welke ervaringen hebben jullie met een wijknetwerk van sleutelfiguren?",
            "body_markdown": "We horen graag hoe andere gemeenten dit hebben opgezet.",
            "body_html": "<p>We horen graag hoe andere gemeenten dit hebben opgezet.</p>",
            "author_id": first["id"],
            "municipality": Municipality.objects.get(code=first["municipality"]),
            "visibility": "members",
        },
    )
    Follow.objects.bulk_create(
        [Follow(user_id=m["id"], question_id=question.pk) for m in members],
        ignore_conflicts=True,
    )
    # They want answers on followed questions at once, so one answer is one e-mail each.
    ids = [m["id"] for m in members]
    NotificationPreference.objects.bulk_create(
        [NotificationPreference(user_id=pk) for pk in ids], ignore_conflicts=True
    )
    NotificationPreference.objects.filter(user_id__in=ids).update(followed_question=Rhythm.INSTANT)
    return question.pk


def samples(rng: random.Random, size: int = 400) -> dict:
    """What the simulated people visit: public items for anyone, any load item for members."""
    from wagtail.models import Site

    from exchange.questions.models import Question
    from exchange.themes.models import Theme
    from practices.models import PracticePage

    root = Site.objects.get(is_default_site=True).root_page.url_path  # "/home/"

    def pick(values) -> list:
        values = list(values)
        return rng.sample(values, min(size, len(values)))

    def urls(paths) -> list[str]:
        return ["/" + path.removeprefix(root) for path in pick(paths)]

    practices = PracticePage.objects.live().filter(external_id__startswith="load-p-")
    questions = Question.objects.filter(external_id__regex=r"^load-q-\d+$", hidden=False)
    return {
        "public_practices": urls(
            practices.filter(visibility="public").values_list("url_path", flat=True)
        ),
        "member_practices": urls(
            practices.exclude(visibility="restricted").values_list("url_path", flat=True)
        ),
        "public_questions": pick(
            questions.filter(visibility="public").values_list("pk", flat=True)
        ),
        "member_questions": pick(questions.filter(status="open").values_list("pk", flat=True)),
        "themes": list(Theme.objects.values_list("slug", flat=True)),
        "municipalities": sorted(set(practices.values_list("municipality__code", flat=True))),
    }


def main() -> int:
    args = parse_args()
    setup_django()
    from django.core.management import call_command

    rng = random.Random(args.seed)
    began = time.monotonic()
    users = ensure_members(args.members, args.moderators, rng)
    users["burst_question"] = ensure_burst_question(users["members"])
    users_file = Path(args.users_file)
    users_file.parent.mkdir(parents=True, exist_ok=True)
    users_file.write_text(json.dumps(users, indent=1))
    print(f"members: {len(users['members'])}, moderators: {len(users['moderators'])}")
    practices = add_practices(args.practices, rng, users["members"])
    questions = add_questions(args.questions, rng, users["members"])
    print(f"added {practices} practices, {questions} questions in {time.monotonic() - began:.0f} s")
    users.update(samples(rng))
    users_file.write_text(json.dumps(users, indent=1))
    if (practices or questions or args.rebuild) and not args.no_rebuild:
        began = time.monotonic()
        call_command("rebuild_search_index", verbosity=0)
        print(f"search index rebuilt in {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
