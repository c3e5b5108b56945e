"""The home page: what the network is and what is happening in it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme
from practices.selectors import visible_practices


class HomePage(Page):
    intro = models.CharField(
        _("inleiding"),
        max_length=400,
        blank=True,
        # Shipped interface text: shown translated until an editor changes it (shipped_text).
        default=gettext_noop(
            "Gemeenten delen hier goede praktijken en stellen elkaar vragen over "
            "radicalisering, polarisatie en maatschappelijke spanningen."
        ),
    )
    body = RichTextField(
        _("tekst"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        context["themes"] = Theme.objects.filter(parent__isnull=True)
        context["municipality_count"] = Municipality.objects.active().count()
        practices = visible_practices(request.user).select_related("municipality")
        context["featured_practices"] = list(
            practices.filter(featured=True).order_by("-first_published_at")[:3]
        )
        context["latest_practices"] = list(
            practices.exclude(pk__in=[p.pk for p in context["featured_practices"]]).order_by(
                "-first_published_at"
            )[:5]
        )
        return context
