"""The practice catalogue and the practice page."""

import datetime

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from exchange.visibility import Visibility, VisibilityGatedPage
from practices.admin_forms import PracticeAdminForm
from practices.blocks import TEXT_FEATURES, ApproachBlock

from .revisions import references_checked

REVIEW_AFTER = datetime.timedelta(days=548)  # 18 months


class EvidenceLevel(models.TextChoices):
    IDEA = "idee", _("idee")
    DESCRIBED = "beschreven", _("goed beschreven")
    GROUNDED = "onderbouwd", _("theoretisch onderbouwd")
    EFFECTIVE = "effectief", _("effectief gebleken")


class PracticeStatus(models.TextChoices):
    PLANNED = "planned", _("in voorbereiding")
    RUNNING = "running", _("loopt")
    FINISHED = "finished", _("afgerond")
    STOPPED = "stopped", _("gestopt")


class CostRange(models.TextChoices):
    UNKNOWN = "", _("onbekend")
    UNDER_5K = "lt5k", _("minder dan € 5.000")
    FROM_5K = "5k-25k", _("€ 5.000 – € 25.000")
    FROM_25K = "25k-100k", _("€ 25.000 – € 100.000")
    OVER_100K = "gt100k", _("meer dan € 100.000")


class PracticeIndexPage(Page):
    """The catalogue: every practice the visitor may see, filterable and bookmarkable."""

    intro = models.TextField(_("inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("praktijkencatalogus")

    def serve(self, request, *args, **kwargs):
        from practices.views import catalogue

        return catalogue(request, self)


class PracticePage(VisibilityGatedPage, Page):
    """A good practice: what a municipality did, with whom, at what cost, and what came of it."""

    summary = models.TextField(
        _("samenvatting"), max_length=600, help_text=_("Twee of drie zinnen: wat en waarom.")
    )
    description = RichTextField(_("beschrijving"), features=TEXT_FEATURES, blank=True)
    context_problem = RichTextField(_("context en probleem"), features=TEXT_FEATURES, blank=True)
    goal = RichTextField(_("doel"), features=TEXT_FEATURES, blank=True)
    approach = StreamField(ApproachBlock(), verbose_name=_("aanpak"), blank=True)
    results = RichTextField(_("resultaten en evaluatie"), features=TEXT_FEATURES, blank=True)
    evidence_level = models.CharField(
        _("bewijskracht"), max_length=12, choices=EvidenceLevel.choices, blank=True
    )
    evidence_assessed_at = models.DateField(_("beoordeeld op"), null=True, blank=True)
    evidence_assessed_by = models.CharField(_("beoordeeld door"), max_length=200, blank=True)
    transferability = RichTextField(
        _("overdraagbaarheid en randvoorwaarden"), features=TEXT_FEATURES, blank=True
    )
    cost_range = models.CharField(
        _("kosten"), max_length=10, choices=CostRange.choices, blank=True, default=""
    )
    staffing_fte = models.DecimalField(
        _("inzet (fte)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    funding = models.CharField(_("financiering"), max_length=300, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("einde"), null=True, blank=True)
    ongoing = models.BooleanField(_("loopt door"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=PracticeStatus.choices, default=PracticeStatus.RUNNING
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contactpersoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_practices",
    )
    themes = ParentalManyToManyField("themes.Theme", verbose_name=_("thema's"), blank=True)
    target_groups = ClusterTaggableManager(
        through="practices.TaggedTargetGroup",
        verbose_name=_("doelgroepen"),
        blank=True,
        related_name="+",
    )
    tags = ClusterTaggableManager(
        through="practices.PracticeTag", verbose_name=_("vrije tags"), blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    visibility = models.CharField(
        _("zichtbaarheid"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    allowed_municipalities = ParentalManyToManyField(
        "municipalities.Municipality",
        verbose_name=_("ook zichtbaar voor"),
        blank=True,
        related_name="+",
        help_text=_("Bij 'beperkt': gemeenten die deze praktijk mogen zien (naast de eigen)."),
    )
    last_reviewed_at = models.DateField(_("laatst beoordeeld"), null=True, blank=True)
    featured = models.BooleanField(_("uitgelicht op de startpagina"), default=False)
    external_id = models.CharField(
        _("importsleutel"), max_length=100, unique=True, null=True, blank=True, editable=False
    )
    # Set when the practice was worked out from a question's accepted answers.
    source_question = models.ForeignKey(
        "questions.Question",
        verbose_name=_("ontstaan uit de vraag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
        editable=False,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("context_problem"),
        FieldPanel("goal"),
        FieldPanel("target_groups"),
        FieldPanel("approach"),
        InlinePanel("partners", heading=_("Betrokken partners"), label=_("partner")),
        FieldPanel("results"),
        MultiFieldPanel(
            [
                FieldPanel("evidence_level"),
                FieldRowPanel(
                    [FieldPanel("evidence_assessed_at"), FieldPanel("evidence_assessed_by")]
                ),
            ],
            heading=_("Bewijskracht"),
        ),
        FieldPanel("transferability"),
        MultiFieldPanel(
            [FieldPanel("cost_range"), FieldPanel("staffing_fte"), FieldPanel("funding")],
            heading=_("Kosten en inzet"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("ongoing"),
                FieldPanel("status"),
            ],
            heading=_("Periode en status"),
        ),
        FieldPanel("contact_person"),
        InlinePanel("attachments", heading=_("Bijlagen"), label=_("bijlage")),
    ]
    classification_panels = [
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("municipality", permission="practices.feature_practice"),
        FieldPanel("visibility"),
        FieldPanel("allowed_municipalities"),
        FieldPanel("last_reviewed_at", permission="practices.feature_practice"),
        FieldPanel("featured", permission="practices.feature_practice"),
    ]
    base_form_class = PracticeAdminForm
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(classification_panels, heading=_("Thema's en zichtbaarheid")),
            ObjectList(Page.promote_panels, heading=_("Publicatie")),
        ]
    )

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("goede praktijk")
        verbose_name_plural = _("goede praktijken")
        permissions = [("feature_practice", "Can feature practices and set review dates")]
        indexes = [models.Index(fields=["visibility"]), models.Index(fields=["last_reviewed_at"])]

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """A practice from a revision, its references checked in one query per model."""
        if check_fks:
            data = references_checked(cls, data, strict=strict_fks)
            if data is None:
                return None
        return super().from_serializable_data(data, check_fks=False, strict_fks=strict_fks)

    def clean(self):
        super().clean()
        # A practice belongs to its author's municipality unless a moderator chose another.
        if self.municipality_id is None and self.owner_id is not None:
            profile = getattr(self.owner, "profile", None)
            if profile is not None and profile.municipality_id:
                self.municipality_id = profile.municipality_id

    # -- visibility: VisibilityGatedPage (exchange/visibility.py) ----------------------------

    def get_context(self, request, *args, **kwargs):
        from practices.selectors import practice_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(practice_detail_context(practice=self, user=request.user))
        return context

    # -- review -----------------------------------------------------------------------------

    @property
    def needs_review(self) -> bool:
        reference = self.last_reviewed_at or (
            self.first_published_at.date() if self.first_published_at else None
        )
        return reference is not None and reference < timezone.localdate() - REVIEW_AFTER

    @property
    def period_display(self) -> str:
        if not self.start_date:
            return ""
        start = self.start_date.strftime("%m-%Y")
        if self.ongoing or not self.end_date:
            return f"{start} –"
        return f"{start} – {self.end_date.strftime('%m-%Y')}"
