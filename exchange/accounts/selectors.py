"""Read paths for members: the directory ("wie kan ik bellen?") and a member's own data."""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from exchange.themes.models import Theme

from .models import Profile


def pending_profiles(*, confirmed: bool = True) -> QuerySet[Profile]:
    """Sign-ups waiting for a moderator (`confirmed`), or still for their own e-mail link.

    Only a confirmed address is worth a moderator's time: until then the sign-up may be a typo,
    a bot or someone using another person's address.
    """
    has_confirmed = Exists(EmailAddress.objects.filter(user=OuterRef("user"), verified=True))
    pending = Profile.objects.filter(status=Profile.Status.PENDING)
    return pending.filter(has_confirmed) if confirmed else pending.exclude(has_confirmed)


def directory_profiles(
    *,
    municipality_code: str = "",
    province: str = "",
    theme_slug: str = "",
    query: str = "",
) -> QuerySet[Profile]:
    """Verified, active members, with everything a directory row shows fetched up front."""
    profiles = (
        Profile.objects.filter(status=Profile.Status.VERIFIED, user__is_active=True)
        .select_related("user", "municipality")
        .prefetch_related(
            Prefetch("expertise_themes", queryset=Theme.objects.only("id", "name", "slug"))
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )
    if municipality_code:
        profiles = profiles.filter(municipality__code=municipality_code)
    if province:
        profiles = profiles.filter(municipality__province=province)
    if theme_slug:
        profiles = profiles.filter(expertise_themes__slug=theme_slug)
    for word in query.split()[:5]:
        profiles = profiles.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(job_title__icontains=word)
            | Q(organisation__icontains=word)
        )
    return profiles


# -- a member's own data (AVG: right of access) -----------------------------------------------


def member_data_export(*, user) -> dict:
    """Everything the network keeps about `user`, in plain data (JSON-ready).

    One query per kind of data whatever its amount. Titles of questions the member answered,
    voted on or followed are included only while the member may still see the question.
    Token secrets are never stored, so never exported; only the tokens' names and dates.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from wagtail.models import APIToken

    from exchange.moderation.models import Report
    from exchange.notifications.models import (
        DEFAULT_RHYTHMS,
        EmailType,
        ExpertRouting,
        Notification,
        NotificationPreference,
    )
    from exchange.questions.models import Answer, Follow, Question, Vote
    from exchange.questions.selectors import visible_questions

    from .models import CodeOfConductAcceptance

    profile = Profile.objects.select_related("municipality").get(user=user)
    questions = list(
        Question.objects.filter(author=user)
        .select_related("municipality")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id", "slug", "name")))
        .order_by("created_at", "pk")
    )
    answers = list(Answer.objects.filter(author=user).order_by("created_at", "pk"))
    votes = list(
        Vote.objects.filter(user=user)
        .select_related("answer")
        .only("answer__question_id", "answer_id", "created_at")
        .order_by("created_at", "pk")
    )
    follows = list(
        Follow.objects.filter(user=user)
        .select_related("theme", "municipality")
        .order_by("created_at", "pk")
    )
    referenced = {a.question_id for a in answers} | {v.answer.question_id for v in votes}
    referenced |= {f.question_id for f in follows if f.question_id}
    titles = dict(
        visible_questions(user).filter(pk__in=referenced).values_list("pk", "title")
        if referenced
        else []
    )
    preference = NotificationPreference.objects.filter(user=user).first()

    return {
        "generated_at": timezone.now(),
        "profile": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "municipality": _municipality(profile.municipality),
            "organisation": profile.organisation,
            "job_title": profile.job_title,
            "bio": profile.bio,
            "expertise_themes": list(profile.expertise_themes.values_list("name", flat=True)),
            "status": profile.status,
            "status_changed_at": profile.status_changed_at,
            "status_reason": profile.status_reason,
        },
        "email_addresses": list(
            EmailAddress.objects.filter(user=user)
            .order_by("-primary", "email")
            .values("email", "verified", "primary")
        ),
        "two_factor_methods": list(
            Authenticator.objects.filter(user=user)
            .order_by("created_at")
            .values("type", "created_at", "last_used_at")
        ),
        "questions": [
            {
                "id": q.pk,
                "title": q.title,
                "body": q.body_markdown,
                "url": q.get_absolute_url(),
                "municipality": _municipality(q.municipality),
                "themes": [theme.name for theme in q.themes.all()],
                "visibility": q.visibility,
                "status": q.status,
                "hidden": q.hidden,
                "created_at": q.created_at,
                "updated_at": q.updated_at,
            }
            for q in questions
        ],
        "answers": [
            {
                "id": a.pk,
                "question_id": a.question_id,
                "question_title": titles.get(a.question_id),
                "body": a.body_markdown,
                "accepted": a.accepted,
                "helpful_count": a.helpful_count,
                "hidden": a.hidden,
                "created_at": a.created_at,
                "updated_at": a.updated_at,
            }
            for a in answers
        ],
        "votes": [
            {
                "answer_id": v.answer_id,
                "question_id": v.answer.question_id,
                "question_title": titles.get(v.answer.question_id),
                "created_at": v.created_at,
            }
            for v in votes
        ],
        "follows": [_follow(f, titles) for f in follows],
        "notification_preferences": {
            str(email_type): (
                getattr(preference, email_type) if preference else DEFAULT_RHYTHMS[email_type]
            )
            for email_type in EmailType.values
        },
        "notifications": list(
            Notification.objects.filter(recipient=user)
            .order_by("created_at", "pk")
            .values("kind", "question_id", "answer_id", "created_at", "read_at", "emailed_at")
        ),
        "expert_routings": list(
            ExpertRouting.objects.filter(user=user)
            .order_by("routed_at", "pk")
            .values("question_id", "routed_at")
        ),
        "api_tokens": list(
            APIToken.objects.filter(user=user)
            .order_by("created", "pk")
            .values("name", "created", "last_used_at", "revoked_at")
        ),
        "code_of_conduct_acceptances": [
            {"version": version, "accepted_at": accepted_at}
            for version, accepted_at in CodeOfConductAcceptance.objects.filter(user=user)
            .order_by("accepted_at", "pk")
            .values_list("code__version", "accepted_at")
        ],
        "reports": list(
            Report.objects.filter(reporter=user)
            .order_by("created_at", "pk")
            .values("question_id", "answer_id", "reason", "text", "created_at", "status")
        ),
    }


def _municipality(municipality) -> dict | None:
    if municipality is None:
        return None
    return {"code": municipality.code, "name": municipality.name}


def _follow(follow, titles: dict) -> dict:
    if follow.question_id:
        kind, target = (
            "question",
            {"id": follow.question_id, "title": titles.get(follow.question_id)},
        )
    elif follow.theme_id:
        kind, target = "theme", {"slug": follow.theme.slug, "name": follow.theme.name}
    else:
        kind, target = "municipality", _municipality(follow.municipality)
    return {"kind": kind, "target": target, "created_at": follow.created_at}
