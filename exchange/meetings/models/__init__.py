from .pages import MeetingIndexPage, MeetingKind, MeetingPage
from .registrations import CalendarToken, Registration
from .related import MeetingMaterial

__all__ = [
    "CalendarToken",
    "MeetingIndexPage",
    "MeetingKind",
    "MeetingMaterial",
    "MeetingPage",
    "Registration",
]
