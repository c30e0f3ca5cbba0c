from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "amicable.mediation"
    label = "mediation"
