"""Settings moderators edit in the admin (Settings menu), with a built-in default when blank."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .markdown import render_markdown


@register_setting(icon="warning")
class CaseRoutesSetting(BaseGenericSetting):
    """Where to go with worries about a person: shown beside every free-text form.

    One for the whole network (a generic setting: the site has one Wagtail site). Blank means
    the built-in text in `templates/components/not_for_cases.html`, translated like the rest
    of the site; moderators replace it with the routes of their region.
    """

    routes = models.TextField(
        _("meldroutes"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Waar kunnen leden terecht met zorgen over een persoon? In Markdown, bijvoorbeeld "
            "een lijst met het Zorg- en Veiligheidshuis, Veilig Thuis en de politie. Leeg laten "
            "voor de standaardtekst."
        ),
    )

    panels = [FieldPanel("routes")]

    class Meta:
        verbose_name = _("Zorgen over een persoon")

    @property
    def routes_html(self) -> str:
        return render_markdown(self.routes) if self.routes.strip() else ""


def case_routes_for(request) -> CaseRoutesSetting | None:
    """The setting for this request (one query, then cached on the request); None if unset.

    Reads without creating a row, so a page shows the default text at the same query cost.
    """
    if request is None:
        return CaseRoutesSetting.objects.first()
    if not hasattr(request, "_case_routes_setting"):
        request._case_routes_setting = CaseRoutesSetting.objects.first()
    return request._case_routes_setting
