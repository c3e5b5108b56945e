"""What an import announces after it has committed (see practices/events.py).

The bulk path writes pages without Wagtail's page signals, so the search app cannot hear about
them one by one; it hears once, with every new page's id, and indexes them in bulk.
"""

from django.dispatch import Signal

practices_imported_signal = Signal()  # page_ids


def practices_imported(*, page_ids: list[int]) -> None:
    if page_ids:
        practices_imported_signal.send(sender=None, page_ids=sorted(page_ids))
