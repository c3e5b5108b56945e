"""Questions from content lines, with their answers posted "on behalf of" a municipality.

Imported content has no personal author, so this writes the rows directly instead of through
the exchange services (which require a posting member) but keeps their invariants: Markdown is
rendered with the same sanitiser, `answer_count` counts every answer and the search index hears
about each changed question once the import commits. Answers are keyed on their position among
the question's imported answers (author null), so members' own answers are never touched.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from exchange.core.markdown import render_markdown
from exchange.municipalities.models import Municipality
from exchange.questions import events
from exchange.questions.models import Answer, Question, QuestionStatus
from exchange.themes.models import Theme
from exchange.visibility import Visibility

from .parsing import ContentAnswer, ContentItem, published_datetime

ANSWER_FIELDS = ("body_markdown", "body_html", "municipality_id", "accepted", "created_at")


class QuestionWriter:
    """Creates or updates questions and their imported answers; lookups load once per file."""

    def __init__(self, items: list[ContentItem]):
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        ids = [item.id for item in items]
        self.existing = {
            q.external_id: q
            for q in Question.objects.filter(external_id__in=ids).prefetch_related(
                "themes", "allowed_municipalities"
            )
        }
        self.imported: dict[int, dict[int, Answer]] = {q.pk: {} for q in self.existing.values()}
        self.duplicates: dict[int, list[int]] = {q.pk: [] for q in self.existing.values()}
        self.members_answers: dict[int, list[Answer]] = {q.pk: [] for q in self.existing.values()}
        for answer in Answer.objects.filter(question_id__in=self.imported).order_by("pk"):
            if answer.author_id is not None:
                self.members_answers[answer.question_id].append(answer)
            elif answer.position in self.imported[answer.question_id]:
                self.duplicates[answer.question_id].append(answer.pk)
            else:
                self.imported[answer.question_id][answer.position] = answer

    def write(self, item: ContentItem) -> str:
        """'created', 'updated' or 'unchanged'."""
        question = self.existing.get(item.id)
        published = (
            published_datetime(item.published_at)
            if item.published_at is not None
            else (question.created_at if question is not None else timezone.now())
        )
        answers = [self._answer_values(a, published, n) for n, a in enumerate(item.answers)]
        members = self.members_answers.get(question.pk, []) if question is not None else []
        values = self._question_values(item, question, published, answers, members)
        themes = {self.themes[slug].pk for slug in item.themes}
        allowed = set()
        if item.visibility == Visibility.RESTRICTED:
            codes = item.allowed_municipalities or (item.municipality,)
            allowed = {self.municipalities[code].pk for code in codes}

        if question is not None and self._unchanged(question, values, themes, allowed, answers):
            return "unchanged"
        created = question is None
        if created:
            question = Question(external_id=item.id, author=None)
        for name, value in values.items():
            setattr(question, name, value)
        question.save()
        question.themes.set(themes)
        question.allowed_municipalities.set(allowed)
        self._write_answers(question, answers)
        question_id = question.pk
        transaction.on_commit(lambda: events.content_changed(question_id=question_id))
        return "created" if created else "updated"

    def _answer_values(self, answer: ContentAnswer, published, position: int) -> dict:
        # The data carries no answer dates: a day apart after the question, never in the future.
        answered = published + datetime.timedelta(days=position + 1)
        if answered > timezone.now():
            answered = published
        return {
            "body_markdown": answer.body,
            "body_html": render_markdown(answer.body),
            "municipality_id": self.municipalities[answer.municipality].pk,
            "accepted": answer.accepted,
            "created_at": answered,
        }

    def _question_values(self, item, question, published, answers, members) -> dict:
        accepted = any(a["accepted"] for a in answers) or any(a.accepted for a in members)
        status = QuestionStatus.ANSWERED if accepted else QuestionStatus.OPEN
        if question is not None and question.status == QuestionStatus.CLOSED:
            status = QuestionStatus.CLOSED  # a moderator closed it; an import does not reopen
        activity = [published, *(a["created_at"] for a in answers)]
        if members:
            # Members' answers moved the question's activity on in the site; keep that.
            activity += [question.last_activity_at, *(a.created_at for a in members)]
        # A question has one text: its summary (the question in short) leads, the body follows.
        text = "\n\n".join(part for part in (item.summary, item.body) if part)
        return {
            "title": item.title,
            "body_markdown": text,
            "body_html": render_markdown(text),
            "municipality_id": self.municipalities[item.municipality].pk,
            "visibility": item.visibility,
            "status": status,
            "answer_count": len(answers) + len(members),
            "created_at": published,
            "last_activity_at": max(activity),
        }

    def _unchanged(self, question, values, themes, allowed, answers) -> bool:
        current = self.imported[question.pk]
        return (
            all(getattr(question, name) == value for name, value in values.items())
            and {t.pk for t in question.themes.all()} == themes
            and {m.pk for m in question.allowed_municipalities.all()} == allowed
            and sorted(current) == list(range(len(answers)))
            and not self.duplicates[question.pk]
            and all(
                getattr(current[position], name) == value[name]
                for position, value in enumerate(answers)
                for name in ANSWER_FIELDS
            )
        )

    def _write_answers(self, question: Question, answers: list[dict]) -> None:
        current = self.imported.get(question.pk, {})
        changed, new = [], []
        for position, value in enumerate(answers):
            answer = current.get(position)
            if answer is None:
                new.append(Answer(question=question, author=None, position=position, **value))
            elif any(getattr(answer, name) != value[name] for name in ANSWER_FIELDS):
                for name in ANSWER_FIELDS:
                    setattr(answer, name, value[name])
                changed.append(answer)
        Answer.objects.bulk_create(new)
        if changed:
            now = timezone.now()  # bulk_update skips auto_now
            for answer in changed:
                answer.updated_at = now
            Answer.objects.bulk_update(changed, [*ANSWER_FIELDS, "updated_at"])
        # Imported answers the new file no longer has go; members' answers always stay.
        stale = [a.pk for position, a in current.items() if position >= len(answers)]
        stale += self.duplicates.get(question.pk, [])
        Answer.objects.filter(pk__in=stale, author__isnull=True).delete()
