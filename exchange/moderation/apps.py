from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "exchange.moderation"
    label = "moderation"
