"""The meetings agenda (/bijeenkomsten/) and the meeting page."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Page

from exchange.visibility import Visibility, VisibilityGatedPage


class MeetingKind(models.TextChoices):
    NETWORK = "network", _("netwerkbijeenkomst")
    INTERVISION = "intervision", _("intervisie")
    WEBINAR = "webinar", _("webinar")


class MeetingIndexPage(Page):
    """The agenda: upcoming meetings first, then past ones, filterable and bookmarkable."""

    intro = models.TextField(_("inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.MeetingPage"]
    max_count = 1

    class Meta:
        verbose_name = _("agenda van bijeenkomsten")

    def serve(self, request, *args, **kwargs):
        from exchange.meetings.views import meeting_index

        return meeting_index(request, self)


class MeetingPage(VisibilityGatedPage, Page):
    """A network meeting, intervision session or webinar, organised by a municipality or by
    the network's moderators (no municipality). Created and edited on the site
    (`/bijeenkomsten/nieuw/`), published directly; registrations live in `Registration`."""

    kind = models.CharField(
        _("soort"), max_length=12, choices=MeetingKind.choices, default=MeetingKind.NETWORK
    )
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    place = models.CharField(_("plaats"), max_length=300, blank=True)
    # Shown only to registered participants, the organiser's members and moderators.
    online_url = models.URLField(_("link om online deel te nemen"), max_length=500, blank=True)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("organiserende gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("Leeg: georganiseerd door het netwerk (de moderatoren)."),
    )
    themes = ParentalManyToManyField("themes.Theme", verbose_name=_("thema's"), blank=True)
    audience = models.CharField(_("voor wie"), max_length=200, blank=True)
    visibility = models.CharField(
        _("zichtbaarheid"), max_length=12, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    allowed_municipalities = ParentalManyToManyField(
        "municipalities.Municipality",
        verbose_name=_("ook zichtbaar voor"),
        blank=True,
        related_name="+",
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), null=True, blank=True, help_text=_("Leeg: onbeperkt.")
    )
    description = models.TextField(_("beschrijving"), blank=True)
    description_html = models.TextField(blank=True, editable=False)
    report = models.TextField(_("verslag"), blank=True)
    report_html = models.TextField(blank=True, editable=False)
    practices = ParentalManyToManyField(
        "practices.PracticePage",
        verbose_name=_("besproken praktijken"),
        blank=True,
        related_name="+",
    )
    questions = ParentalManyToManyField(
        "questions.Question", verbose_name=_("besproken vragen"), blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("place"),
        FieldPanel("online_url"),
        FieldPanel("municipality"),
        FieldPanel("themes"),
        FieldPanel("audience"),
        FieldPanel("visibility"),
        FieldPanel("allowed_municipalities"),
        FieldPanel("capacity"),
        FieldPanel("description"),
        FieldPanel("report"),
        InlinePanel("materials", heading=_("Materiaal"), label=_("document")),
    ]
    parent_page_types = ["meetings.MeetingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["visibility"])]

    # -- state ------------------------------------------------------------------------------

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    # -- visibility: VisibilityGatedPage (exchange/visibility.py) ----------------------------

    def get_context(self, request, *args, **kwargs):
        from exchange.meetings.selectors import meeting_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(meeting_detail_context(meeting=self, user=request.user))
        return context
