"""CSV downloads of the dashboard's tables, fit for a Dutch spreadsheet and safe to open in one.

Dutch Excel expects semicolons and decimal commas; in English the usual commas and points.
Cells that would run as a formula are escaped (exchange/core/spreadsheets.py).
"""

import csv
import datetime
import io

from django.utils.formats import get_format

from exchange.core.spreadsheets import csv_safe

from .tables import Table, Value


def csv_cell(value: Value, *, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m")  # the tables' dates are months
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", decimal)
    return csv_safe(str(value))


def table_csv(table: Table) -> str:
    """The table as CSV text: a header row, then the rows; with a BOM so Excel reads UTF-8."""
    decimal = get_format("DECIMAL_SEPARATOR")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if decimal == "," else ",", lineterminator="\r\n")
    writer.writerow([csv_safe(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([csv_cell(value, decimal=decimal) for value in row])
    return "\ufeff" + buffer.getvalue()
