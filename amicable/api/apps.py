from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "amicable.api"
    label = "api"
