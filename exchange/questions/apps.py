from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "exchange.questions"
    label = "questions"
    verbose_name = "Vragen"
