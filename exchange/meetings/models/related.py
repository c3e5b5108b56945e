"""Material shared after a meeting: documents with a visibility as the meeting's or stricter."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from exchange.visibility import Visibility

# From open to closed: a material may be as open as its meeting, or closed further.
STRICTNESS = {Visibility.PUBLIC: 0, Visibility.MEMBERS: 1, Visibility.RESTRICTED: 2}


class MeetingMaterial(Orderable):
    meeting = ParentalKey(
        "meetings.MeetingPage", on_delete=models.CASCADE, related_name="materials"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="meeting_materials"
    )
    title = models.CharField(_("titel"), max_length=200, blank=True)
    visibility = models.CharField(
        _("zichtbaarheid"),
        max_length=12,
        choices=[("", _("zoals de bijeenkomst")), *Visibility.choices],
        blank=True,
        default="",
        help_text=_("Laat leeg om de zichtbaarheid van de bijeenkomst te volgen."),
    )

    panels = [FieldPanel("document"), FieldPanel("title"), FieldPanel("visibility")]

    class Meta(Orderable.Meta):
        verbose_name = _("materiaal")
        verbose_name_plural = _("materiaal")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or self.document.title

    def effective_visibility(self, meeting) -> str:
        """The stricter of the material's own visibility and its meeting's."""
        own = self.visibility or meeting.visibility
        return max(own, meeting.visibility, key=lambda v: STRICTNESS[v])
