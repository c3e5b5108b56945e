from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "exchange.insights"
    label = "insights"
