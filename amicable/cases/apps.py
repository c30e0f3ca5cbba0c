from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "amicable.cases"
    label = "cases"
