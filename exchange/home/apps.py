from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "exchange.home"
    label = "home"
