"""The results as CSV, fit for a Dutch spreadsheet and safe to open in one; protected as shown."""

import csv
import io

from django.utils.formats import get_format
from django.utils.translation import gettext as _

from exchange.core.spreadsheets import csv_safe

from .results import Results


def results_csv(results: Results) -> str:
    """One row per question, group and answer option (or median); suppressed cells are empty."""
    decimal = get_format("DECIMAL_SEPARATOR")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if decimal == "," else ",", lineterminator="\r\n")
    writer.writerow(
        [
            _("vraagcode"),
            _("vraag"),
            _("groep"),
            _("gemeenten"),
            _("antwoord"),
            _("aantal"),
            _("aandeel"),
            _("mediaan"),
        ]
    )

    def number(value):
        return "" if value is None else f"{value:.1f}".replace(".", decimal)

    for result in results.questions:
        question = result.question
        for group in result.groups:
            base = [csv_safe(question.code), csv_safe(question.text), csv_safe(group.label)]
            if not group.shown:
                writer.writerow([*base, "", "", "", "", ""])
                continue
            if group.median is not None:
                writer.writerow([*base, group.size, "", "", "", number(group.median)])
            for row in group.rows:
                writer.writerow(
                    [
                        *base,
                        group.size,
                        csv_safe(row.label),
                        "" if row.count is None else row.count,
                        number(row.share),
                        "",
                    ]
                )
    return "\ufeff" + buffer.getvalue()
