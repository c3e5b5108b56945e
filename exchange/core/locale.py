"""Dutch first: the site speaks Dutch unless the visitor chose English with the switcher.

Django's LocaleMiddleware also follows the browser's Accept-Language, which would show
English to most civil servants whose browsers are set up in English. We honour only an
explicit choice (the language cookie set by the switcher in the footer).
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
