"""A theme moderator's share of the practices (see exchange/themes/scopes.py)."""

from django.db.models import Exists, OuterRef, Q

from exchange.themes.scopes import theme_scope

from .models import PracticePage


def practice_in_scope(user, practice) -> bool:
    scope = theme_scope(user)
    if scope is None:
        return True
    through = PracticePage.themes.through
    themes = through.objects.filter(practicepage_id=practice.pk).values_list("theme_id", flat=True)
    return bool(set(themes) & scope)


def practices_in_scope_q(scope) -> Q:
    if scope is None:
        return Q()
    return Q(
        Exists(
            PracticePage.themes.through.objects.filter(
                practicepage_id=OuterRef("pk"), theme_id__in=scope
            )
        )
    )
