"""What the themes app keeps about a member (see exchange/core/personal_data.py).

A theme moderator's scope is a setting an admin gave them; it means nothing without the
account, so it goes with it. Registered from ThemesConfig.ready().
"""

from exchange.core.personal_data import PersonalData, Relation
from exchange.core.personal_data import Treatment as T

from .models import ModeratorScope


def erase(user) -> None:
    ModeratorScope.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(
    app="themes",
    relations=(Relation("themes.ModeratorScope", "user", T.ERASED),),
    erase=erase,
)
