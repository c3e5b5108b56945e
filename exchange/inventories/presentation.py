"""Turn protected results into what the pages show: charts, cross-tables, own-vs-network rows."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .charts import Chart, bar_chart, number_text, share_text
from .models import Kind
from .results import QuestionResult, Results


@dataclass
class QuestionView:
    result: QuestionResult
    chart: Chart | None
    # Cross-table: header cells, then (group label, n, cells...) per shown or suppressed group.
    headers: list[str]
    table: list[list[str]]


def _chart(result: QuestionResult) -> Chart | None:
    question, national = result.question, result.national
    chart_id = f"vraag-{question.code}"
    if question.is_text:
        return None
    if question.kind == Kind.NUMBER:
        rows = [
            (group.label, group.median, number_text(group.median, question.unit))
            for group in result.groups
            if group.shown and group.median is not None
        ]
        title = _("Mediaan per groep: %(question)s") % {"question": question.text}
        return bar_chart(id=chart_id, title=title, rows=rows, unit=question.unit or _("Mediaan"))
    if not national.shown:
        return None
    rows = [(row.label, row.share, share_text(row.share)) for row in national.rows]
    title = _("%(question)s (%(n)s gemeenten)") % {"question": question.text, "n": national.size}
    return bar_chart(id=chart_id, title=title, rows=rows, unit=_("Aandeel gemeenten"))


def _table(result: QuestionResult) -> tuple[list[str], list[list[str]]]:
    question = result.question
    if question.is_text:
        return [_("Groep"), _("Antwoorden")], [
            [group.label, str(group.size) if group.shown else _("afgeschermd")]
            for group in result.groups
        ]
    if question.kind == Kind.NUMBER:
        headers = [_("Groep"), _("Gemeenten"), _("Mediaan")]
        return headers, [
            [
                group.label,
                str(group.size) if group.shown else _("afgeschermd"),
                number_text(group.median, question.unit) if group.shown else "",
            ]
            for group in result.groups
        ]
    headers = [_("Groep"), _("Gemeenten")] + [row.label for row in result.national.rows or []]
    if not result.national.rows:
        headers += [str(option) for option in question.choice_list]
    table = []
    for group in result.groups:
        if not group.shown:
            table.append([group.label, _("afgeschermd")] + [""] * (len(headers) - 2))
            continue
        table.append(
            [group.label, str(group.size)]
            + [
                _("afgeschermd") if row.count is None else f"{row.count} ({share_text(row.share)})"
                for row in group.rows
            ]
        )
    return headers, table


def _previous_rows(result: QuestionResult, width: int) -> list[list[str]]:
    """The other rounds' national figures as extra rows of the table, side by side."""
    rows = []
    for round_, group in result.other_rounds:
        label = _("Ronde %(number)s: alle gemeenten") % {"number": round_.round_number}
        if not group.shown:
            rows.append([label, _("afgeschermd")] + [""] * (width - 2))
        elif result.question.kind == Kind.NUMBER:
            rows.append([label, str(group.size), number_text(group.median, result.question.unit)])
        elif result.question.is_text:
            rows.append([label, str(group.size)])
        else:
            rows.append(
                [label, str(group.size)]
                + [
                    _("afgeschermd") if r.count is None else f"{r.count} ({share_text(r.share)})"
                    for r in group.rows
                ]
            )
    return rows


def question_charts(results: Results) -> list[QuestionView]:
    views = []
    for result in results.questions:
        headers, table = _table(result)
        table += _previous_rows(result, len(headers))
        views.append(
            QuestionView(result=result, chart=_chart(result), headers=headers, table=table)
        )
    return views


@dataclass
class Comparison:
    question: object
    own: str
    groups: list[str]  # group labels
    lines: list[tuple[str, bool, list[str]]]  # (option, chosen by us, figure per group)


def _own_text(question, value) -> str:
    if value is None:
        return _("niet beantwoord")
    if question.kind == Kind.MULTIPLE:
        return ", ".join(value)
    if question.kind == Kind.NUMBER:
        return number_text(value, question.unit)
    return str(value)


def own_comparison(results: Results, answers: dict) -> list[Comparison]:
    """Per question: our answer, and per group the shares (or medians) of the network."""
    rows = []
    for result in results.questions:
        question = result.question
        value = answers.get(question.pk)
        labels = [group.label for group in result.groups]
        lines = []
        if question.kind == Kind.NUMBER or question.kind == Kind.SCALE:
            lines.append(
                (
                    _("Mediaan"),
                    False,
                    [
                        number_text(group.median, question.unit)
                        if group.shown and group.median is not None
                        else _("afgeschermd")
                        for group in result.groups
                    ],
                )
            )
        if question.kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE):
            chosen = set(value) if isinstance(value, list) else {str(value)}
            for n, option_row in enumerate(result.national.rows or result.groups[0].rows):
                option = option_row.label
                figures = [
                    share_text(group.rows[n].share) if group.shown else _("afgeschermd")
                    for group in result.groups
                ]
                key = question.choice_list[n] if question.is_choice else str(n + 1)
                lines.append((option, key in chosen, figures))
        rows.append(
            Comparison(
                question=question, own=_own_text(question, value), groups=labels, lines=lines
            )
        )
    return rows
