"""What the questions app keeps about a member, and its part in their data rights.

Registered from QuestionsConfig.ready() (see exchange/core/personal_data.py). Posts, votes and
edit history are the network's knowledge and stay, shown as "voormalig lid van <gemeente>"
once the member is anonymised; what they follow goes.
"""

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from exchange.core.personal_data import (
    CARDS,
    Card,
    ExportSection,
    PersonalData,
    Relation,
    shown_date,
)
from exchange.core.personal_data import Treatment as T
from exchange.themes.models import Theme
from exchange.visibility import Visibility

from .models import Answer, Follow, Question, QuestionStatus, Vote
from .selectors import visible_questions

SHOWN_AS_FORMER_MEMBER = "the network's knowledge; shown as 'voormalig lid van <gemeente>'"

RELATIONS = (
    Relation("questions.Question", "author", T.KEPT, SHOWN_AS_FORMER_MEMBER),
    Relation("questions.Answer", "author", T.KEPT, SHOWN_AS_FORMER_MEMBER),
    Relation("questions.Answer", "accepted_by", T.KEPT, "who accepted an answer, as above"),
    Relation(
        "questions.Vote",
        "user",
        T.KEPT,
        "answers' helpful counts stay true; a vote by an anonymised account names no one",
    ),
    Relation("questions.Revision", "editor", T.KEPT, "the edit history, as above"),
    Relation("questions.Follow", "user", T.ERASED),
)

FOLLOW_KINDS = {
    "question": gettext_lazy("vraag"),
    "theme": gettext_lazy("thema"),
    "municipality": gettext_lazy("gemeente"),
}


def export(user) -> list[ExportSection]:
    """The member's questions and answers (full text), helpful votes and follows.

    Titles of other members' questions appear only while the member may still see them: one
    query for all of them, whatever the number.
    """
    questions = list(
        Question.objects.filter(author=user)
        .select_related("municipality")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id", "slug", "name")))
        .order_by("created_at", "pk")
    )
    answers = list(Answer.objects.filter(author=user).order_by("created_at", "pk"))
    votes = list(
        Vote.objects.filter(user=user)
        .select_related("answer")
        .only("answer__question_id", "answer_id", "created_at")
        .order_by("created_at", "pk")
    )
    follows = list(
        Follow.objects.filter(user=user)
        .select_related("theme", "municipality")
        .order_by("created_at", "pk")
    )
    referenced = {a.question_id for a in answers} | {v.answer.question_id for v in votes}
    referenced |= {f.question_id for f in follows if f.question_id}
    titles = dict(
        visible_questions(user).filter(pk__in=referenced).values_list("pk", "title")
        if referenced
        else []
    )
    question_data = [_question(q) for q in questions]
    answer_data = [_answer(a, titles) for a in answers]
    vote_data = [
        {
            "answer_id": v.answer_id,
            "question_id": v.answer.question_id,
            "question_title": titles.get(v.answer.question_id),
            "created_at": v.created_at,
        }
        for v in votes
    ]
    follow_data = [_follow(f, titles) for f in follows]
    return [
        ExportSection(
            key="questions",
            title=ngettext("Uw vraag (%(counter)s)", "Uw vragen (%(counter)s)", len(questions))
            % {"counter": len(questions)},
            data={"questions": question_data},
            layout=CARDS,
            rows=[_question_card(q) for q in question_data],
            empty=_("U heeft geen vragen gesteld."),
        ),
        ExportSection(
            key="answers",
            title=ngettext("Uw antwoord (%(counter)s)", "Uw antwoorden (%(counter)s)", len(answers))
            % {"counter": len(answers)},
            data={"answers": answer_data},
            layout=CARDS,
            rows=[_answer_card(a) for a in answer_data],
            empty=_("U heeft geen antwoorden gegeven."),
        ),
        ExportSection(
            key="votes",
            title=_("Antwoorden die u nuttig vond"),
            data={"votes": vote_data},
            rows=[_vote_line(v) for v in vote_data],
            empty=_("Geen."),
        ),
        ExportSection(
            key="follows",
            title=_("Wat u volgt"),
            data={"follows": follow_data},
            rows=[_follow_line(f) for f in follow_data],
            empty=_("U volgt niets."),
        ),
    ]


def _municipality(municipality) -> dict | None:
    if municipality is None:
        return None
    return {"code": municipality.code, "name": municipality.name}


def _question(question: Question) -> dict:
    return {
        "id": question.pk,
        "title": question.title,
        "body": question.body_markdown,
        "url": question.get_absolute_url(),
        "municipality": _municipality(question.municipality),
        "themes": [theme.name for theme in question.themes.all()],
        "visibility": question.visibility,
        "status": question.status,
        "hidden": question.hidden,
        "created_at": question.created_at,
        "updated_at": question.updated_at,
    }


def _answer(answer: Answer, titles: dict) -> dict:
    return {
        "id": answer.pk,
        "question_id": answer.question_id,
        "question_title": titles.get(answer.question_id),
        "body": answer.body_markdown,
        "accepted": answer.accepted,
        "helpful_count": answer.helpful_count,
        "hidden": answer.hidden,
        "created_at": answer.created_at,
        "updated_at": answer.updated_at,
    }


def _follow(follow: Follow, titles: dict) -> dict:
    if follow.question_id:
        kind = "question"
        target = {"id": follow.question_id, "title": titles.get(follow.question_id)}
    elif follow.theme_id:
        kind, target = "theme", {"slug": follow.theme.slug, "name": follow.theme.name}
    else:
        kind, target = "municipality", _municipality(follow.municipality)
    return {"kind": kind, "target": target, "created_at": follow.created_at}


def _question_card(question: dict) -> Card:
    meta = [
        shown_date(question["created_at"], time=True),
        question["municipality"]["name"] if question["municipality"] else "—",
        str(dict(Visibility.choices).get(question["visibility"], question["visibility"])),
        str(dict(QuestionStatus.choices).get(question["status"], question["status"])),
    ]
    if question["themes"]:
        meta.append(", ".join(question["themes"]))
    if question["hidden"]:
        meta.append(_("verborgen"))
    return Card(heading=question["title"], url=question["url"], meta=meta, body=question["body"])


def _answer_card(answer: dict) -> Card:
    if answer["question_title"]:
        heading = _("Op: %(title)s") % {"title": answer["question_title"]}
    else:
        heading = _("Op vraag %(id)s (niet meer zichtbaar voor u)") % {"id": answer["question_id"]}
    meta = [shown_date(answer["created_at"], time=True)]
    if answer["accepted"]:
        meta.append(_("geaccepteerd"))
    count = answer["helpful_count"]
    meta.append(
        ngettext("%(counter)s keer nuttig", "%(counter)s keer nuttig", count) % {"counter": count}
    )
    if answer["hidden"]:
        meta.append(_("verborgen"))
    return Card(heading=heading, meta=meta, body=answer["body"])


def _vote_line(vote: dict) -> str:
    date = shown_date(vote["created_at"])
    if vote["question_title"]:
        return _('Antwoord %(id)s op "%(title)s", %(date)s') % {
            "id": vote["answer_id"],
            "title": vote["question_title"],
            "date": date,
        }
    return _("Antwoord %(id)s, %(date)s") % {"id": vote["answer_id"], "date": date}


def _follow_line(follow: dict) -> str:
    if follow["kind"] == "question":
        target = follow["target"]["title"] or _("een vraag die u niet meer kunt zien")
    else:
        target = (follow["target"] or {}).get("name", "—")
    since = _("sinds %(date)s") % {"date": shown_date(follow["created_at"])}
    return f"{capfirst(FOLLOW_KINDS[follow['kind']])}: {target} ({since})"


def erase(user) -> None:
    Follow.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(app="questions", relations=RELATIONS, export=export, erase=erase)
