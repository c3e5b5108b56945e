"""Dutch first: the site speaks Dutch unless the visitor chose English with the switcher.

Django's LocaleMiddleware also follows the browser's Accept-Language, which would show
English to most civil servants whose browsers are set up in English. We honour only an
explicit choice (the language cookie set by the switcher in the footer). The admin under
/beheer/ is Dutch unless a moderator chose another language in their admin account.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

ADMIN_PREFIX = "/beheer/"  # the Wagtail admin (exchange/urls.py)


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        if request.path.startswith(ADMIN_PREFIX):
            # The moderators' admin speaks Dutch (with Dutch dates) whatever language the site
            # was read in; a moderator who wants English chooses it in their admin account
            # (Wagtail's preferred language, which Wagtail applies over this default).
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
