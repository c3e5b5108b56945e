"""Who may see what. The one place that decides; every read path asks it.

Content (practices, questions, attachments) carries a `visibility`:

- `public`: anyone, also anonymous visitors, feeds and the sitemap;
- `members`: any verified member (and moderators);
- `restricted`: verified members of the item's own municipality or of the chosen
  municipalities, the item's owner, and moderators.

Anonymous visitors who ask for members-only content are sent to log in; anyone who may not see
restricted content gets a 404, so its existence does not leak.
"""

from dataclasses import dataclass, field

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from exchange.core.roles import is_moderator, is_verified_member


class Visibility(models.TextChoices):
    PUBLIC = "public", _("openbaar")
    MEMBERS = "members", _("alleen leden")
    RESTRICTED = "restricted", _("beperkt tot gekozen gemeenten")


@dataclass(frozen=True)
class Viewer:
    """What visibility needs to know about the person asking (computed once per request)."""

    user_id: int | None = None
    is_member: bool = False
    is_moderator: bool = False
    municipality_id: int | None = None
    municipality_code: str | None = None
    visible_levels: tuple[str, ...] = field(default=(Visibility.PUBLIC,))

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None


ANONYMOUS = Viewer()


def viewer_for(user) -> Viewer:
    """The Viewer for a user; cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_viewer_cache", None)
    if cached is not None:
        return cached
    moderator = is_moderator(user)
    member = is_verified_member(user)
    profile = getattr(user, "profile", None)
    municipality = profile.municipality if (profile and member) else None
    viewer = Viewer(
        user_id=user.pk,
        is_member=member,
        is_moderator=moderator,
        municipality_id=municipality.pk if municipality else None,
        municipality_code=municipality.code if municipality else None,
        visible_levels=tuple(Visibility.values) if member else (Visibility.PUBLIC,),
    )
    user._viewer_cache = viewer
    return viewer


def can_view(
    user_or_viewer,
    *,
    visibility: str,
    municipality_id: int | None,
    allowed_municipality_ids,
    owner_id: int | None = None,
) -> bool:
    viewer = _as_viewer(user_or_viewer)
    if viewer.is_moderator or visibility == Visibility.PUBLIC:
        return True
    if owner_id is not None and owner_id == viewer.user_id:
        return True
    if not viewer.is_member:
        return False
    if visibility == Visibility.MEMBERS:
        return True
    return viewer.municipality_id is not None and (
        viewer.municipality_id == municipality_id
        or viewer.municipality_id in set(allowed_municipality_ids)
    )


def visible_q(
    user_or_viewer,
    *,
    model,
    prefix: str = "",
    allowed_field: str = "allowed_municipalities",
    owner_field: str | None = "owner",
) -> Q:
    """A Q object that keeps only rows of `model` the viewer may see.

    `prefix` points from the queried model to `model` (e.g. "question__" for answers). The
    chosen municipalities are matched with a subquery, so rows are never duplicated.
    """
    viewer = _as_viewer(user_or_viewer)
    if viewer.is_moderator:
        return Q()
    q = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
    if viewer.user_id is not None and owner_field:
        q |= Q(**{f"{prefix}{owner_field}_id": viewer.user_id})
    if viewer.is_member:
        q |= Q(**{f"{prefix}visibility": Visibility.MEMBERS})
        if viewer.municipality_id is not None:
            m2m = model._meta.get_field(allowed_field)
            chosen = m2m.remote_field.through.objects.filter(
                **{m2m.m2m_reverse_field_name(): viewer.municipality_id}
            ).values(m2m.m2m_field_name())
            q |= Q(**{f"{prefix}visibility": Visibility.RESTRICTED}) & (
                Q(**{f"{prefix}municipality_id": viewer.municipality_id})
                | Q(**{f"{prefix}pk__in": chosen})
            )
    return q


def access_key(user_or_viewer) -> str:
    """Everything `visible_q` and `search_access_filter` read of the viewer, as a cache key:
    two viewers with the same key see the same rows, so a result computed for one may be shown
    to the other. Moderators share one key, anonymous visitors another; a member's key holds
    their own id, because they also see what they own."""
    viewer = _as_viewer(user_or_viewer)
    if viewer.is_moderator:
        return "moderator"
    if viewer.is_anonymous:
        return "anonymous"
    return (
        f"user:{viewer.user_id}:member:{int(viewer.is_member)}:"
        f"municipality:{viewer.municipality_id}:{viewer.municipality_code}"
    )


def needs_login(user_or_viewer, *, visibility: str) -> bool:
    """An anonymous visitor asking for members-only content should be sent to log in."""
    return _as_viewer(user_or_viewer).is_anonymous and visibility == Visibility.MEMBERS


def search_access_filter(user_or_viewer) -> dict | None:
    """The engine-side access filter (a bool query) for the viewer; None for moderators."""
    viewer = _as_viewer(user_or_viewer)
    if viewer.is_moderator:
        return None
    should = [{"term": {"visibility": Visibility.PUBLIC.value}}]
    if viewer.is_member:
        should.append({"term": {"visibility": Visibility.MEMBERS.value}})
        if viewer.municipality_code:
            should.append(
                {
                    "bool": {
                        "filter": [
                            {"term": {"visibility": Visibility.RESTRICTED.value}},
                            {"term": {"allowed_municipalities": viewer.municipality_code}},
                        ]
                    }
                }
            )
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _as_viewer(user_or_viewer) -> Viewer:
    if isinstance(user_or_viewer, Viewer):
        return user_or_viewer
    return viewer_for(user_or_viewer)


class VisibilityGatedPage:
    """For Wagtail page types with `visibility`, `municipality`, `allowed_municipalities` and
    `owner` (practices, meetings): the page is served only to those who may see it (anonymous
    visitors on members-only content are sent to log in, anyone else gets a 404) and only
    public pages are in the sitemap. Put it before `Page` in the bases."""

    def allowed_municipality_ids(self) -> list[int]:
        return [m.pk for m in self.allowed_municipalities.all()]

    def is_visible_to(self, user) -> bool:
        return can_view(
            user,
            visibility=self.visibility,
            municipality_id=self.municipality_id,
            allowed_municipality_ids=self.allowed_municipality_ids(),
            owner_id=self.owner_id,
        )

    def serve(self, request, *args, **kwargs):
        if not self.is_visible_to(request.user):
            if needs_login(request.user, visibility=self.visibility):
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        if self.visibility != Visibility.PUBLIC:
            return []
        return super().get_sitemap_urls(request)
