"""Forms of the meetings pages. Dutch messages on the field they are about; dates and times
are entered in Europe/Amsterdam, whatever the server's or browser's zone."""

import datetime
import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.core.forms import ErrorSummaryMixin
from exchange.core.privacy_check import PersonalDataCheckMixin
from exchange.core.uploads import validate_upload
from exchange.municipalities.models import Municipality
from exchange.questions.models import Question
from exchange.themes.models import Theme
from exchange.visibility import Visibility, visible_q
from practices.models import PracticePage

from .models import MeetingKind, MeetingMaterial
from .models.related import STRICTNESS

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
REQUIRED = {"required": _("Dit veld is verplicht.")}
MARKDOWN_HELP = _("U kunt Markdown gebruiken: **vet**, *schuin*, lijstjes met - en links.")
MAX_TEXT = 20_000


class MeetingForm(ErrorSummaryMixin, PersonalDataCheckMixin, forms.Form):
    """A meeting's details; `organiser` only for moderators (a member organises for their own
    municipality)."""

    personal_data_fields = ("description",)

    title = forms.CharField(label=_("Titel"), max_length=255, error_messages=REQUIRED)
    kind = forms.ChoiceField(
        label=_("Soort bijeenkomst"),
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        error_messages={**REQUIRED, "invalid_choice": _("Kies een van de genoemde soorten.")},
    )
    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**REQUIRED, "invalid": _("Vul een datum in, bijvoorbeeld 2027-03-14.")},
    )
    start_time = forms.TimeField(
        label=_("Begintijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Nederlandse tijd."),
        error_messages={**REQUIRED, "invalid": _("Vul een tijd in, bijvoorbeeld 13:30.")},
    )
    end_time = forms.TimeField(
        label=_("Eindtijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={**REQUIRED, "invalid": _("Vul een tijd in, bijvoorbeeld 16:00.")},
    )
    place = forms.CharField(
        label=_("Plaats"),
        required=False,
        max_length=300,
        help_text=_("Adres of gebouw. Leeg bij een bijeenkomst die alleen online is."),
    )
    online_url = forms.URLField(
        label=_("Link om online deel te nemen"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Alleen aangemelde deelnemers zien deze link."),
        error_messages={"invalid": _("Vul een volledige link in, beginnend met https://.")},
    )
    organiser = forms.ModelChoiceField(
        label=_("Organiserende gemeente"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Het netwerk (de moderatoren)"),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience = forms.CharField(
        label=_("Voor wie"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: beleidsadviseurs en wijkcoördinatoren."),
    )
    visibility = forms.ChoiceField(
        label=_("Wie mag de bijeenkomst zien?"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Openbaar: iedereen. Leden: alle geverifieerde leden. Beperkt: de organiserende "
            "gemeente, de gemeenten die u kiest en de moderatoren."
        ),
        error_messages={**REQUIRED, "invalid_choice": _("Kies een van de genoemde mogelijkheden.")},
    )
    allowed_municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten die de bijeenkomst mogen zien"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Alleen bij 'beperkt'."),
    )
    capacity = forms.IntegerField(
        label=_("Aantal plaatsen"),
        required=False,
        min_value=1,
        max_value=10_000,
        help_text=_("Leeg: onbeperkt. Wie zich aanmeldt als het vol is, komt op de wachtlijst."),
        error_messages={"invalid": _("Vul een heel getal in."), "min_value": _("Minstens 1.")},
    )
    description = forms.CharField(
        label=_("Beschrijving"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )

    def __init__(self, *args, moderator: bool, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = Municipality.objects.active().order_by("name")
        self.fields["themes"].queryset = Theme.objects.order_by("name")
        self.fields["allowed_municipalities"].queryset = municipalities
        if moderator:
            self.fields["organiser"].queryset = municipalities
        else:
            del self.fields["organiser"]

    def clean(self):
        cleaned = super().clean()
        date, start, end = (cleaned.get(k) for k in ("date", "start_time", "end_time"))
        if date and start and end:
            cleaned["starts_at"] = datetime.datetime.combine(date, start, tzinfo=AMSTERDAM)
            cleaned["ends_at"] = datetime.datetime.combine(date, end, tzinfo=AMSTERDAM)
            if end <= start:
                self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        return cleaned

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "kind": data["kind"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "place": data["place"],
            "online_url": data["online_url"],
            "municipality": data.get("organiser"),
            "themes": list(data["themes"]),
            "audience": data["audience"],
            "visibility": data["visibility"],
            "allowed_municipalities": list(data["allowed_municipalities"]),
            "capacity": data["capacity"],
            "description": data["description"],
        }

    @staticmethod
    def initial_for(meeting) -> dict:
        starts = meeting.starts_at.astimezone(AMSTERDAM)
        return {
            "title": meeting.title,
            "kind": meeting.kind,
            "date": starts.date(),
            "start_time": starts.time(),
            "end_time": meeting.ends_at.astimezone(AMSTERDAM).time(),
            "place": meeting.place,
            "online_url": meeting.online_url,
            "organiser": meeting.municipality_id,
            "themes": [t.pk for t in meeting.themes.all()],
            "audience": meeting.audience,
            "visibility": meeting.visibility,
            "allowed_municipalities": [m.pk for m in meeting.allowed_municipalities.all()],
            "capacity": meeting.capacity,
            "description": meeting.description,
        }


MATERIAL_VISIBILITY = MeetingMaterial._meta.get_field("visibility").choices


class ReportForm(ErrorSummaryMixin, PersonalDataCheckMixin, forms.Form):
    """After the start: the report, what came up, and one new material per save."""

    personal_data_fields = ("report",)

    report = forms.CharField(
        label=_("Verslag"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=MARKDOWN_HELP,
    )
    practices = forms.ModelMultipleChoiceField(
        label=_("Besproken praktijken"),
        queryset=PracticePage.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    questions = forms.ModelMultipleChoiceField(
        label=_("Besproken vragen"),
        queryset=Question.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    file = forms.FileField(
        label=_("Nieuw materiaal"),
        required=False,
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument, platte tekst, CSV, PNG of JPEG; "
            "hoogstens 10 MB. Geen documenten met gegevens over personen."
        ),
        error_messages={"invalid": _("Dit is geen bestand. Kies het bestand opnieuw.")},
    )
    file_title = forms.CharField(
        label=_("Titel van het nieuwe materiaal"), required=False, max_length=200
    )
    file_visibility = forms.ChoiceField(
        label=_("Wie mag het nieuwe materiaal zien?"),
        required=False,
        choices=MATERIAL_VISIBILITY,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een van de genoemde mogelijkheden.")},
    )

    def __init__(self, *args, meeting, user, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)
        self.fields["practices"].queryset = (
            PracticePage.objects.live()
            .filter(visible_q(user, model=PracticePage))
            .order_by("title")
        )
        self.fields["questions"].queryset = (
            Question.objects.filter(hidden=False)
            .filter(visible_q(user, model=Question, owner_field="author"))
            .order_by("title")
        )
        self.materials = list(meeting.materials.select_related("document").all())
        for material in self.materials:
            prefix = f"material_{material.pk}"
            self.fields[f"{prefix}_title"] = forms.CharField(
                label=_("Titel van %(title)s") % {"title": material.document.title},
                max_length=200,
                required=False,
                initial=material.display_title,
            )
            self.fields[f"{prefix}_visibility"] = forms.ChoiceField(
                label=_("Wie mag %(title)s zien?") % {"title": material.display_title},
                choices=MATERIAL_VISIBILITY,
                required=False,
                initial=material.visibility,
            )
            self.fields[f"{prefix}_remove"] = forms.BooleanField(
                label=_("%(title)s verwijderen") % {"title": material.display_title},
                required=False,
            )
            material.form_fields = [
                self[f"{prefix}_{n}"] for n in ("title", "visibility", "remove")
            ]

    def _check_strictness(self, name: str) -> None:
        chosen = self.cleaned_data.get(name)
        if chosen and STRICTNESS[chosen] < STRICTNESS[self.meeting.visibility]:
            self.add_error(
                name,
                _("Materiaal mag niet zichtbaarder zijn dan de bijeenkomst zelf (%(level)s).")
                % {"level": self.meeting.get_visibility_display()},
            )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file:
            validate_upload(file)
        return file

    def clean(self):
        cleaned = super().clean()
        self._check_strictness("file_visibility")
        for material in self.materials:
            self._check_strictness(f"material_{material.pk}_visibility")
        return cleaned

    def materials_data(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            m.pk: {
                "title": data.get(f"material_{m.pk}_title", "").strip(),
                "visibility": data.get(f"material_{m.pk}_visibility", ""),
                "remove": data.get(f"material_{m.pk}_remove", False),
            }
            for m in self.materials
        }
