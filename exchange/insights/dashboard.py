"""The network dashboard as the page shows it: key figures, and sections of charts and tables.

Turns the selectors' figures into charts with a sentence-long text alternative each (what a
sighted reader would take away: totals, peaks, the trend) and into the tables that follow them.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import charts
from .charts import Chart, Series
from .selectors import Activity, Answering, NetworkOverview, ProvinceParticipation, SearchFigures
from .tables import (
    Table,
    activity_table,
    answering_table,
    province_table,
    theme_name,
    theme_table,
    top_query_table,
    zero_result_table,
)
from .tiles import tile_map
from .wording import DAYS_FROM_HOURS, duration, month_name, peak, percent, query_list, trend


@dataclass
class KeyFigure:
    label: str
    value: str
    note: str = ""


@dataclass
class Section:
    id: str
    heading: str
    intro: str
    charts: list[Chart]
    tables: list[Table]
    multiples: bool = False  # small charts side by side
    empty: str = ""  # said instead of the charts when there is nothing to show


@dataclass
class Dashboard:
    key_figures: list[KeyFigure]
    sections: list[Section] = field(default_factory=list)


# -- sections -----------------------------------------------------------------------------------


def _kinds(practices: Sequence[int], questions: Sequence[int]) -> list[Series]:
    return [
        Series("practices", _("Praktijken"), practices),
        Series("questions", _("Vragen"), questions),
    ]


def activity_section(activity: Activity) -> Section:
    months = activity.months
    totals = [p + q for p, q in zip(activity.practices, activity.questions, strict=True)]
    desc = " ".join(
        [
            _("Van %(first)s tot en met %(last)s: %(p)s nieuwe praktijken en %(q)s nieuwe vragen.")
            % {
                "first": month_name(months[0]),
                "last": month_name(months[-1]),
                "p": number_format(sum(activity.practices)),
                "q": number_format(sum(activity.questions)),
            },
            peak(months, totals),
            trend(totals),
        ]
    )
    chart = charts.column_chart(
        id="chart-nieuw",
        title=_("Nieuwe praktijken en vragen per maand"),
        desc=desc,
        months=months,
        series=_kinds(activity.practices, activity.questions),
    )
    return Section(
        id="nieuw",
        heading=_("Nieuwe praktijken en vragen"),
        intro=_(
            "Gepubliceerde praktijken tellen in de maand van hun eerste publicatie, vragen in de "
            "maand waarin ze zijn gesteld. Verborgen vragen tellen niet mee."
        ),
        charts=[chart],
        tables=[activity_table(activity)],
    )


def theme_section(activity: Activity) -> Section:
    maximum = max(
        (p + q for s in activity.themes for p, q in zip(s.practices, s.questions, strict=True)),
        default=0,
    )
    small = []
    for n, series in enumerate(activity.themes):
        name = theme_name(series)
        totals = [p + q for p, q in zip(series.practices, series.questions, strict=True)]
        desc = " ".join(
            [
                _("%(theme)s: %(p)s praktijken en %(q)s vragen.")
                % {
                    "theme": name,
                    "p": number_format(sum(series.practices)),
                    "q": number_format(sum(series.questions)),
                },
                peak(activity.months, totals),
            ]
        )
        small.append(
            charts.column_chart(
                id=f"chart-thema-{n}",
                title=name,
                desc=desc,
                months=activity.months,
                series=_kinds(series.practices, series.questions),
                width=320,
                height=190,
                maximum=maximum,
            )
        )
    return Section(
        id="themas",
        heading=_("Per thema"),
        intro=_(
            "De thema's met de meeste nieuwe praktijken en vragen in deze periode, op dezelfde "
            "schaal. Een praktijk of vraag met meer thema's telt bij elk van die thema's mee; "
            "'overig' telt elke praktijk of vraag met een ander thema of zonder thema één keer."
        ),
        charts=small,
        tables=[theme_table(activity)],
        multiples=True,
        empty=""
        if small
        else _("Er zijn in deze periode geen praktijken of vragen met een thema."),
    )


def answering_section(answering: Answering) -> Section:
    months = [m.month for m in answering.months]
    shares = [m.share for m in answering.months]
    known = [(m.share, m.month) for m in answering.months if m.share is not None]
    share_desc = [
        _(
            "Van de %(asked)s vragen uit deze periode hebben er %(answered)s een antwoord "
            "(%(share)s)."
        )
        % {
            "asked": number_format(answering.asked),
            "answered": number_format(answering.answered),
            "share": percent(answering.answered / answering.asked if answering.asked else None),
        }
    ]
    if known:
        low, high = min(known), max(known)
        share_desc.append(
            _("Per maand van %(low)s (%(low_month)s) tot %(high)s (%(high_month)s).")
            % {
                "low": percent(low[0]),
                "low_month": month_name(low[1]),
                "high": percent(high[0]),
                "high_month": month_name(high[1]),
            }
        )
    share_desc.append(_("Recente vragen hebben nog weinig tijd gehad om antwoord te krijgen."))
    share_chart = charts.column_chart(
        id="chart-beantwoord",
        title=_("Aandeel beantwoorde vragen per maand van de vraag"),
        desc=" ".join(share_desc),
        months=months,
        series=[
            Series(
                "share", _("Aandeel beantwoord"), [None if s is None else s * 100 for s in shares]
            )
        ],
        ticks=[0, 25, 50, 75, 100],
        value_format=lambda value: f"{number_format(round(value))}%",
    )

    medians = [m.median_hours for m in answering.months]
    in_days = max((h for h in medians if h is not None), default=0) >= DAYS_FROM_HOURS
    unit = 24 if in_days else 1
    short = _("%(n)s d") if in_days else _("%(n)s u")
    known_medians = [(h, m) for h, m in zip(medians, months, strict=True) if h is not None]
    median_desc = [
        _("Over de hele periode kwam het eerste antwoord na %(median)s (mediaan).")
        % {"median": duration(answering.median_hours)}
    ]
    if known_medians:
        fast, slow = min(known_medians), max(known_medians)
        median_desc.append(
            _(
                "Per maand het snelst in %(fast_month)s (%(fast)s), het langzaamst in "
                "%(slow_month)s (%(slow)s)."
            )
            % {
                "fast": duration(fast[0]),
                "fast_month": month_name(fast[1]),
                "slow": duration(slow[0]),
                "slow_month": month_name(slow[1]),
            }
        )
    median_chart = charts.line_chart(
        id="chart-eerste-antwoord",
        title=_("Mediane tijd tot het eerste antwoord (in dagen)")
        if in_days
        else _("Mediane tijd tot het eerste antwoord (in uren)"),
        desc=" ".join(median_desc),
        months=months,
        values=[None if h is None else h / unit for h in medians],
        value_format=lambda value: (
            short % {"n": number_format(value, decimal_pos=0 if value >= 10 else 1)}
        ),
        tick_format=lambda value: number_format(value),
    )
    return Section(
        id="beantwoording",
        heading=_("Beantwoording"),
        intro=_(
            "Een vraag telt als beantwoord zodra er minstens één zichtbaar antwoord is. De tijd "
            "tot het eerste antwoord is de mediaan: de helft van de vragen kreeg sneller antwoord."
        ),
        charts=[share_chart, median_chart],
        tables=[answering_table(answering)],
    )


def participation_section(participation: list[ProvinceParticipation], months: int) -> Section:
    active = sum(p.active for p in participation)
    total = sum(p.total for p in participation)
    ranked = sorted((p for p in participation if p.total), key=lambda p: (p.share, p.province))
    facts = _(
        "%(active)s van de %(total)s gemeenten waren actief in de afgelopen %(months)s maanden."
    ) % {
        "active": number_format(active),
        "total": number_format(total),
        "months": months,
    }
    if ranked:
        facts += " " + _(
            "Hoogste deelname: %(high)s (%(high_share)s); laagste: %(low)s (%(low_share)s)."
        ) % {
            "high": ranked[-1].province,
            "high_share": percent(ranked[-1].share),
            "low": ranked[0].province,
            "low_share": percent(ranked[0].share),
        }
    bars = charts.bar_chart(
        id="chart-provincies",
        title=_("Actieve gemeenten per provincie"),
        desc=facts,
        rows=[
            (
                p.province,
                p.active,
                p.total,
                _("%(active)s van %(total)s (%(share)s)")
                % {"active": p.active, "total": p.total, "share": percent(p.share)},
            )
            for p in participation
        ],
        series=[
            Series("active", _("Actieve gemeenten"), []),
            Series("total", _("Alle gemeenten"), []),
        ],
    )
    tiles = tile_map(
        id="chart-kaart",
        title=_("Deelname per provincie op de kaart"),
        desc=_(
            "De twaalf provincies als tegels, ongeveer op hun plek in Nederland; hoe donkerder, "
            "hoe groter het aandeel actieve gemeenten. In elke tegel staan het aantal actieve "
            "van alle gemeenten en het percentage."
        )
        + " "
        + facts,
        rows=[(p.province, p.active, p.total) for p in participation],
        share_format=percent,
    )
    return Section(
        id="deelname",
        heading=_("Deelname per provincie"),
        intro=_(
            "Een gemeente is actief als zij in de gekozen periode een praktijk publiceerde of een "
            "vraag stelde of beantwoordde. Alleen huidige gemeenten tellen mee."
        ),
        charts=[bars, tiles],
        tables=[province_table(participation)],
    )


def search_sections(search: SearchFigures) -> list[Section]:
    window = ngettext("de afgelopen %(days)s dag", "de afgelopen %(days)s dagen", search.days) % {
        "days": search.days
    }
    top_desc = _("%(n)s zoekopdrachten in %(window)s.") % {
        "n": number_format(search.searches),
        "window": window,
    }
    if search.top:
        top_desc += " " + _("Het meest gezocht: %(list)s.") % {"list": query_list(search.top)}
    zero_desc = _("%(n)s zoekopdrachten (%(share)s) vonden niets.") % {
        "n": number_format(search.zero_result_searches),
        "share": percent(
            search.zero_result_searches / search.searches if search.searches else None
        ),
    }
    if search.zero_result:
        zero_desc += " " + _("Het vaakst zonder resultaat: %(list)s.") % {
            "list": query_list(search.zero_result)
        }

    def bars(id, title, desc, figures):
        return charts.bar_chart(
            id=id,
            title=title,
            desc=desc,
            rows=[(q.query, q.searches, None, number_format(q.searches)) for q in figures],
            label_width=220,
        )

    return [
        Section(
            id="zoekvragen",
            heading=_("Meest gezocht"),
            intro=top_desc,
            charts=[bars("chart-zoekvragen", _("Meest gezochte zoekvragen"), top_desc, search.top)]
            if search.top
            else [],
            tables=[top_query_table(search)],
            empty="" if search.top else _("In deze periode is niet gezocht."),
        ),
        Section(
            id="zonder-resultaat",
            heading=_("Zoekvragen zonder resultaat"),
            intro=_(
                "Waar leden naar zoeken maar niets vinden: een onderwerp voor een vraag of "
                "praktijk, of een synoniem dat de zoekmachine nog niet kent."
            ),
            charts=[
                bars(
                    "chart-zonder-resultaat",
                    _("Zoekvragen zonder resultaat"),
                    zero_desc,
                    search.zero_result,
                )
            ]
            if search.zero_result
            else [],
            tables=[zero_result_table(search)],
            empty="" if search.zero_result else _("In deze periode vond elke zoekopdracht iets."),
        ),
    ]


def dashboard_build(overview: NetworkOverview) -> Dashboard:
    """Key figures and every section, from the figures of one `network_overview` call."""
    activity, answering, search = overview.activity, overview.answering, overview.search
    participation = overview.participation
    active = sum(p.active for p in participation)
    total = sum(p.total for p in participation)
    key_figures = [
        KeyFigure(_("Nieuwe praktijken"), number_format(sum(activity.practices))),
        KeyFigure(_("Nieuwe vragen"), number_format(sum(activity.questions))),
        KeyFigure(
            _("Beantwoord"),
            percent(answering.answered / answering.asked if answering.asked else None),
            _("van de vragen"),
        ),
        KeyFigure(_("Eerste antwoord"), duration(answering.median_hours), _("mediaan")),
        KeyFigure(
            _("Actieve gemeenten"),
            f"{number_format(active)}/{number_format(total)}",
            percent(active / total if total else None),
        ),
        KeyFigure(
            _("Zoekopdrachten"),
            number_format(search.searches),
            ngettext("laatste %(days)s dag", "laatste %(days)s dagen", search.days)
            % {"days": search.days},
        ),
    ]
    return Dashboard(
        key_figures=key_figures,
        sections=[
            activity_section(activity),
            theme_section(activity),
            answering_section(answering),
            participation_section(participation, overview.period.length),
            *search_sections(search),
        ],
    )
