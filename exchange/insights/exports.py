"""CSV downloads of the dashboard's tables, fit for a Dutch spreadsheet and safe to open in one.

Dutch Excel expects semicolons and decimal commas; in English the usual commas and points. A
cell that starts with = + - @ (or a tab or carriage return) would run as a formula in a
spreadsheet, and search queries are typed by anyone, so such cells get a leading apostrophe.
"""

import csv
import datetime
import io

from django.utils.formats import get_format

from .tables import Table, Value

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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
