from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "amicable.insights"
    label = "insights"
