"""Cells that are safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return) would run as a formula in a
spreadsheet, and titles, reasons and search queries are typed by anyone, so such cells get a
leading apostrophe. Every CSV download goes through this (the network dashboard's tables and
the admin's list exports, see `SafeCSVExportMixin`).
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeCSVExportMixin:
    """For Wagtail's spreadsheet exports (ReportView and friends): CSV cells made safe."""

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(
            writer,
            {
                field: csv_safe(value) if isinstance(value, str) else value
                for field, value in row_dict.items()
            },
        )
