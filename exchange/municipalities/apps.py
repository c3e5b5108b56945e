from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    name = "exchange.municipalities"
    label = "municipalities"
