"""Writes of moderation: members report posts, moderators settle the reports.

Every moderator action resolves the post's open reports (so it leaves the queue) and is written
to Wagtail's audit trail with the actor, the object and the reason. Changes that the search
index must see are announced with `events.content_changed` once the transaction commits.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from exchange.accounts.services import member_suspend, profile_ensure
from exchange.core.links import absolute_url
from exchange.core.roles import ADMINS_GROUP, has_verified_profile
from exchange.notifications import routing
from exchange.questions import events
from exchange.questions.models import Answer, Question, QuestionStatus
from exchange.questions.services import answer_update, question_update

from .models import Report, ReportStatus
from .permissions import (
    check_moderate_permission,
    check_practice_moderate_permission,
    check_report_permission,
)
from .selectors import open_reporters_of, post_kind, reports_of

MESSAGE_MAX_LENGTH = 2000
ESTABLISHED_AFTER = datetime.timedelta(days=30)


def _auto_hide_threshold() -> int:
    return getattr(settings, "MODERATION_AUTO_HIDE_THRESHOLD", 3)


def reporter_weight(reporter, *, has_upheld_report: bool, now: datetime.datetime) -> float:
    """How much one member's open report counts toward hiding a post before a moderator looks.

    Only members verified through their own profile count at all (pending accounts cannot
    report; a reporter suspended since counts no more). A member whose account is at least 30
    days old, or who made an earlier report that moderators upheld, counts fully; a brand-new
    member counts half, so fresh accounts alone need twice as many to hide a post.
    """
    if not has_verified_profile(reporter):
        return 0.0
    if has_upheld_report or now - reporter.date_joined >= ESTABLISHED_AFTER:
        return 1.0
    return 0.5


def _question_id(post) -> int:
    return post.pk if isinstance(post, Question) else post.question_id


def _announce_change(post) -> None:
    question_id = _question_id(post)
    transaction.on_commit(lambda: events.content_changed(question_id=question_id))


def _already_reported() -> ValidationError:
    return ValidationError(
        _("U heeft dit bericht al gemeld. Een moderator bekijkt het."), code="already_reported"
    )


@transaction.atomic
def report_create(
    *,
    reporter,
    question: Question | None = None,
    answer: Answer | None = None,
    reason: str,
    text: str = "",
) -> Report:
    """A verified member reports a question or answer they can see.

    One open report per member per post; once the reporters' weights (`reporter_weight`)
    reach MODERATION_AUTO_HIDE_THRESHOLD, the post is hidden until a moderator looks at it.
    """
    if (question is None) == (answer is None):
        raise ValidationError(_("Meld precies één vraag of antwoord."))
    post = question or answer
    check_report_permission(reporter, post)
    if reports_of(post).filter(reporter=reporter, status=ReportStatus.OPEN).exists():
        raise _already_reported()
    report = Report(
        reporter=reporter, question=question, answer=answer, reason=reason, text=text.strip()
    )
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as error:
        # A double submit raced past the check above.
        raise _already_reported() from error
    _auto_hide_if_reported_enough(post)
    return report


def _auto_hide_if_reported_enough(post) -> None:
    model = type(post)
    # Lock the post so two simultaneous reports cannot both decide (or both skip) hiding it.
    current = model.objects.select_for_update().only("pk", "hidden").get(pk=post.pk)
    if current.hidden:
        return
    now = timezone.now()
    reporters = list(open_reporters_of(post))
    weight = sum(
        reporter_weight(reporter, has_upheld_report=reporter.has_upheld_report, now=now)
        for reporter in reporters
    )
    if weight < _auto_hide_threshold():
        return
    model.objects.filter(pk=post.pk).update(hidden=True)
    post.hidden = True
    log(
        post,
        "kennisnetwerk.post.auto_hide",
        user=None,
        data={"reporters": len(reporters), "weight": weight},
    )
    _announce_change(post)


def _resolve_reports(post, *, actor, status: str, note: str) -> int:
    return (
        reports_of(post)
        .filter(status=ReportStatus.OPEN)
        .update(
            status=status,
            resolved_by=actor,
            resolved_at=timezone.now(),
            resolution_note=note[:1000],
        )
    )


def _set_hidden(post, hidden: bool) -> None:
    type(post).objects.filter(pk=post.pk).update(hidden=hidden)
    post.hidden = hidden
    _announce_change(post)


@transaction.atomic
def report_dismiss(*, actor, post, note: str = "") -> int:
    """The reports on a post are unfounded: close them, leave the post as it is."""
    check_moderate_permission(actor, post)
    note = note.strip()
    count = _resolve_reports(post, actor=actor, status=ReportStatus.DISMISSED, note=note)
    if not count:
        raise ValidationError(_("Dit bericht heeft geen open meldingen meer."))
    log(post, "kennisnetwerk.report.dismiss", user=actor, data={"reason": note, "reports": count})
    return count


@transaction.atomic
def report_dismiss_bulk(*, actor, posts, note: str = "") -> int:
    """Dismiss the open reports of several posts at once; returns how many posts changed."""
    check_moderate_permission(actor)
    dismissed = 0
    for post in posts:
        if reports_of(post).filter(status=ReportStatus.OPEN).exists():
            report_dismiss(actor=actor, post=post, note=note)
            dismissed += 1
    return dismissed


@transaction.atomic
def post_hide(*, actor, post, reason: str = "") -> None:
    """Hide a post from everyone but moderators (and, for a question, its asker)."""
    check_moderate_permission(actor, post)
    reason = reason.strip()
    count = _resolve_reports(post, actor=actor, status=ReportStatus.ACTIONED, note=reason)
    _set_hidden(post, True)
    log(post, "kennisnetwerk.post.hide", user=actor, data={"reason": reason, "reports": count})


@transaction.atomic
def post_restore(*, actor, post, reason: str = "") -> None:
    """Show a hidden post again; its open reports are thereby judged unfounded."""
    check_moderate_permission(actor, post)
    reason = reason.strip()
    count = _resolve_reports(post, actor=actor, status=ReportStatus.DISMISSED, note=reason)
    _set_hidden(post, False)
    log(post, "kennisnetwerk.post.restore", user=actor, data={"reason": reason, "reports": count})


@transaction.atomic
def post_redact(*, actor, post, new_text: str, reason: str, new_title: str | None = None) -> None:
    """Replace a post's text (e.g. to remove personal data about a case).

    The questions services keep the earlier wording as a Revision and sanitise the new text.
    """
    check_moderate_permission(actor, post)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden voor de aanpassing.")})
    if isinstance(post, Question):
        question_update(
            editor=actor,
            question=post,
            title=post.title if new_title is None else new_title,
            body=new_text,
            reason=reason,
        )
    else:
        answer_update(editor=actor, answer=post, body=new_text, reason=reason)
    count = _resolve_reports(post, actor=actor, status=ReportStatus.ACTIONED, note=reason)
    # The old text stays in the Revision only; the audit trail must not copy it.
    log(post, "kennisnetwerk.post.redact", user=actor, data={"reason": reason, "reports": count})


def _author_of(post):
    author = post.author
    # An anonymised author's address is a placeholder: there is nobody left to write to.
    if author is None or author.is_anonymised:
        raise ValidationError(_("De auteur van dit bericht bestaat niet meer."))
    return author


@transaction.atomic
def author_warn(*, actor, post, message: str) -> None:
    """Send the post's author the moderator's message by e-mail (in Dutch)."""
    check_moderate_permission(actor, post)
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Schrijf een bericht aan de auteur.")})
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {"message": _("Het bericht is te lang (maximaal %d tekens).") % MESSAGE_MAX_LENGTH}
        )
    author = _author_of(post)
    if not author.email:
        raise ValidationError(_("De auteur heeft geen e-mailadres."))
    count = _resolve_reports(post, actor=actor, status=ReportStatus.ACTIONED, note=message)
    log(
        profile_ensure(user=author),
        "kennisnetwerk.member.warn",
        user=actor,
        data={
            "reason": message,
            "post": {"kind": post_kind(post), "id": post.pk},
            "reports": count,
        },
    )
    subject, body = _warning_email(post=post, author=author, message=message)
    recipient = author.email
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    )


def _warning_email(*, post, author, message: str) -> tuple[str, str]:
    question = post if isinstance(post, Question) else post.question
    with translation.override("nl"):
        subject = _("Bericht van de moderatie over uw bijdrage")
        body = render_to_string(
            "moderation/email/author_warning.txt",
            {
                "author": author,
                "kind": post_kind(post),
                "question": question,
                "message": message,
                "url": absolute_url(post),
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
    return subject, body


@transaction.atomic
def author_suspend(*, actor, post, reason: str) -> None:
    """Suspend the post's author (see exchange.accounts.services.member_suspend)."""
    check_moderate_permission(actor, post)
    author = _author_of(post)
    member_suspend(actor=actor, profile=profile_ensure(user=author), reason=reason)
    _resolve_reports(post, actor=actor, status=ReportStatus.ACTIONED, note=reason.strip())


# -- the dashboard's actions ----------------------------------------------------------------


@transaction.atomic
def question_route_to_experts(*, actor, question: Question, experts, reason: str = "") -> int:
    """Put an unanswered question before chosen members with relevant expertise.

    Every chosen member must be a verified member who may read the question, not its asker
    and not routed for it before; otherwise nothing is sent.
    """
    check_moderate_permission(actor, question)
    experts = list(experts)
    if not experts:
        raise ValidationError({"experts": _("Kies minstens één deskundige.")})
    if question.hidden or question.status == QuestionStatus.CLOSED:
        raise ValidationError(_("Deze vraag is gesloten of verborgen en wordt niet doorgestuurd."))
    allowed = routing.routable_members(question=question, users=experts)
    refused = [user for user in experts if user.pk not in allowed or user.pk == actor.pk]
    if refused:
        raise ValidationError(
            {
                "experts": _(
                    "Niet doorgestuurd: %(names)s kan deze vraag niet lezen, stelde de vraag "
                    "zelf of kreeg hem al."
                )
                % {"names": ", ".join(str(user) for user in refused)}
            }
        )
    routing.route_to_experts(question=question, experts=experts, routed_by=actor)
    log(
        question,
        "kennisnetwerk.question.route",
        user=actor,
        data={"reason": reason.strip(), "experts": [user.pk for user in experts]},
    )
    return len(experts)


@transaction.atomic
def practice_mark_reviewed(*, actor, practice, reason: str = "") -> None:
    """A moderator has checked a practice is still current (it leaves the review list)."""
    check_practice_moderate_permission(actor, practice)
    practice.last_reviewed_at = timezone.localdate()
    type(practice).objects.filter(pk=practice.pk).update(last_reviewed_at=practice.last_reviewed_at)
    log(practice, "kennisnetwerk.practice.reviewed", user=actor, data={"reason": reason.strip()})


def admin_permissions_ensure(sender=None, **kwargs) -> None:
    """post_migrate: admins (the Beheerders group) decide which moderators have a theme scope."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.filter(name=ADMINS_GROUP).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="themes",
            codename__in=[f"{a}_moderatorscope" for a in ("add", "change", "delete", "view")],
        )
    )
