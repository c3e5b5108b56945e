from django.apps import AppConfig

from exchange.core.personal_data import register


class QuestionsConfig(AppConfig):
    name = "exchange.questions"
    label = "questions"
    verbose_name = "Vragen"

    def ready(self):
        from .personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
