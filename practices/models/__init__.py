from .pages import PracticeIndexPage, PracticePage
from .related import (
    PracticeAttachment,
    PracticePartner,
    PracticeTag,
    TaggedTargetGroup,
    TargetGroup,
)

__all__ = [
    "PracticeAttachment",
    "PracticeIndexPage",
    "PracticePage",
    "PracticePartner",
    "PracticeTag",
    "TaggedTargetGroup",
    "TargetGroup",
]
