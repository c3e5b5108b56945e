"""Pages of the meetings app (/bijeenkomsten/…). Each view: fetch → check → validate → act
(service) → message → redirect. A meeting someone may not see answers 404 (anonymous visitors
on members-only meetings are sent to log in), on every address of it."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchange.accounts.decorators import verified_member_required
from exchange.core.http import act
from exchange.core.links import absolute_url
from exchange.core.roles import is_moderator, is_verified_member
from exchange.visibility import needs_login

from . import selectors, services
from .calendars import calendar_of, calendar_response, meeting_event
from .forms import MeetingForm, ReportForm
from .models import MeetingKind, MeetingPage, Registration
from .permissions import (
    can_organise,
    check_meeting_create_permission,
    check_meeting_edit_permission,
)
from .views_filters import AgendaFilterForm

PAGE_SIZE = 20


class _Agenda:
    """Upcoming meetings, then past ones, as one sliceable sequence for the paginator."""

    def __init__(self, upcoming, past):
        self.upcoming, self.past = upcoming, past
        self.upcoming_count = upcoming.count()
        self.total = self.upcoming_count + past.count()

    def __len__(self):
        return self.total

    def __getitem__(self, item: slice):
        start, stop = item.start or 0, min(item.stop, self.total)
        rows = []
        if start < self.upcoming_count:
            rows += list(self.upcoming[start : min(stop, self.upcoming_count)])
        if stop > self.upcoming_count:
            rows += list(
                self.past[max(start - self.upcoming_count, 0) : stop - self.upcoming_count]
            )
        return rows


def meeting_index(request, index_page):
    """The agenda (MeetingIndexPage.serve): upcoming first, then past; filters in the address."""
    form = AgendaFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound and form.is_valid() else selectors.AgendaFilters()
    upcoming, past = selectors.agenda(user=request.user, filters=filters)
    agenda = _Agenda(upcoming, past)
    page = Paginator(agenda, PAGE_SIZE).get_page(request.GET.get("pagina"))
    # This page's share of the upcoming meetings (the agenda lists them before the past ones).
    upcoming_here = max(
        0, min(len(page.object_list), agenda.upcoming_count - page.start_index() + 1)
    )
    meetings = list(page.object_list)
    return render(
        request,
        "meetings/meeting_index_page.html",
        {
            "page": index_page,
            "self": index_page,
            "form": form,
            "results": page,
            "upcoming_count": agenda.upcoming_count,
            "upcoming_items": meetings[:upcoming_here],
            "past_items": meetings[upcoming_here:],
            "can_organise": can_organise(request.user),
            "kinds": MeetingKind,
        },
    )


def _meeting_or_404(request, pk) -> MeetingPage:
    """The live meeting if the visitor may see it; anonymous on members-only: log in."""
    meeting = (
        MeetingPage.objects.live()
        .filter(pk=pk)
        .select_related("municipality")
        .prefetch_related("allowed_municipalities", "themes")
        .first()
    )
    if meeting is None:
        raise Http404
    if not meeting.is_visible_to(request.user):
        if needs_login(request.user, visibility=meeting.visibility):
            raise _LoginRequired
        raise Http404
    return meeting


class _LoginRequired(Exception):
    pass


def _visible(view):
    """Run `view`; a members-only meeting sends an anonymous visitor to log in."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


# -- organising -----------------------------------------------------------------------------


@verified_member_required
def meeting_new(request):
    check_meeting_create_permission(request.user)
    form = MeetingForm(
        request.POST or None, moderator=is_moderator(request.user), initial={"kind": "network"}
    )
    if request.method == "POST" and form.is_valid():
        meeting = act(
            request,
            lambda: services.meeting_create(
                user=request.user,
                data=form.service_data(),
                privacy_override=form.privacy_override,
            ),
            form=form,
            success=_("De bijeenkomst staat in de agenda."),
        )
        if meeting:
            return redirect(meeting.url)
    return render(request, "meetings/form.html", {"form": form, "meeting": None})


@verified_member_required
@_visible
def meeting_edit(request, pk):
    meeting = _meeting_or_404(request, pk)
    check_meeting_edit_permission(request.user, meeting)
    form = MeetingForm(
        request.POST or None,
        moderator=is_moderator(request.user),
        initial=MeetingForm.initial_for(meeting),
    )
    if request.method == "POST" and form.is_valid():
        saved = act(
            request,
            lambda: services.meeting_update(
                user=request.user,
                meeting=meeting,
                data=form.service_data(),
                privacy_override=form.privacy_override,
            ),
            form=form,
            success=_("De bijeenkomst is bijgewerkt."),
        )
        if saved:
            return redirect(saved.url)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting})


@verified_member_required
@_visible
def meeting_report(request, pk):
    """Report, material and what came up: only once the meeting has begun."""
    meeting = _meeting_or_404(request, pk)
    check_meeting_edit_permission(request.user, meeting)
    if not meeting.has_started:
        messages.info(
            request, _("Verslag en materiaal voegt u toe zodra de bijeenkomst begonnen is.")
        )
        return redirect(meeting.url)
    initial = {
        "report": meeting.report,
        "practices": [p.pk for p in meeting.practices.all()],
        "questions": [q.pk for q in meeting.questions.all()],
    }
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        meeting=meeting,
        user=request.user,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = act(
            request,
            lambda: services.meeting_report_save(
                user=request.user,
                meeting=meeting,
                report=data["report"],
                practices=data["practices"],
                questions=data["questions"],
                materials=form.materials_data(),
                new_file=data.get("file"),
                new_title=data.get("file_title", ""),
                new_visibility=data.get("file_visibility", ""),
                privacy_override=form.privacy_override,
            ),
            form=form,
            success=_("Verslag en materiaal zijn opgeslagen."),
        )
        if saved:
            return redirect(saved.url)
    return render(request, "meetings/report.html", {"form": form, "meeting": meeting})


@verified_member_required
@_visible
def meeting_cancel(request, pk):
    """Cancel the whole meeting, after a confirmation page."""
    meeting = _meeting_or_404(request, pk)
    check_meeting_edit_permission(request.user, meeting)
    if request.method == "POST":
        done = act(
            request,
            lambda: services.meeting_cancel(user=request.user, meeting=meeting),
            success=_("De bijeenkomst is geannuleerd. De deelnemers krijgen bericht."),
        )
        if done:
            return redirect(meeting.url)
    return render(request, "meetings/cancel.html", {"meeting": meeting})


# -- registering ----------------------------------------------------------------------------


@require_POST
@_visible
def meeting_register(request, pk):
    meeting = _meeting_or_404(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(meeting.url)
    if not is_verified_member(request.user):
        return render(request, "accounts/pending.html", status=403)
    registration = act(
        request, lambda: services.registration_register(user=request.user, meeting=meeting)
    )
    if isinstance(registration, Registration):
        if registration.status == Registration.Status.REGISTERED:
            messages.success(
                request, _("U bent aangemeld. U krijgt de dag ervoor een herinnering.")
            )
        else:
            messages.success(
                request,
                _(
                    "De bijeenkomst is vol: u staat op de wachtlijst. Komt er een plaats vrij, "
                    "dan bent u vanzelf aangemeld en krijgt u bericht."
                ),
            )
    return redirect(meeting.url)


@require_POST
@_visible
def meeting_unregister(request, pk):
    meeting = _meeting_or_404(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(meeting.url)
    if not is_verified_member(request.user):
        return render(request, "accounts/pending.html", status=403)
    act(
        request,
        lambda: services.registration_cancel(user=request.user, meeting=meeting),
        success=_("U bent afgemeld."),
    )
    return redirect(meeting.url)


# -- calendars ------------------------------------------------------------------------------


@_visible
def meeting_ics(request, pk):
    """One meeting as an .ics file, for anyone who may see the meeting."""
    meeting = _meeting_or_404(request, pk)
    registration = None
    if request.user.is_authenticated:
        registration = Registration.objects.filter(meeting=meeting, user=request.user).first()
    event = meeting_event(
        meeting,
        shows_online_link=selectors.sees_online_link(request.user, meeting, registration),
        waiting=registration is not None and registration.status == Registration.Status.WAITING,
        request=request,
    )
    return calendar_response(
        calendar_of([event], name=meeting.title), filename=f"bijeenkomst-{meeting.pk}.ics"
    )


def meeting_mine_ics(request):
    """The member's own feed, for calendar apps: the key in the address, never a session."""
    user = selectors.calendar_user_for(request.GET.get("token", ""))
    if user is None or not is_verified_member(user):
        raise Http404
    events = [
        meeting_event(
            meeting, shows_online_link=registered, waiting=not registered, request=request
        )
        for meeting, registered in selectors.feed_meetings(user=user)
    ]
    return calendar_response(
        calendar_of(events, name=_("Mijn bijeenkomsten")), filename="mijn-bijeenkomsten.ics"
    )


@verified_member_required
def meeting_mine(request):
    """The member's meetings (registered or waiting), and their calendar-feed address."""
    new_token = None
    if request.method == "POST":
        new_token = services.calendar_token_reset(user=request.user)
        messages.success(
            request,
            _("Uw nieuwe agendalink staat hieronder. Een eerder gekopieerde link werkt niet meer."),
        )
    mine = selectors.my_meetings(user=request.user)
    feed_url = None
    if new_token:
        feed_url = absolute_url(f"{reverse('meeting_mine_ics')}?token={new_token}")
    return render(
        request,
        "meetings/mine.html",
        {
            **mine,
            "feed_url": feed_url,
            "has_token": selectors.has_calendar_token(user=request.user),
        },
    )
