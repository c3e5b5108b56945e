from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "exchange.themes"
    label = "themes"
