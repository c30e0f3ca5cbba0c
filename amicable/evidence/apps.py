from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "amicable.evidence"
    label = "evidence"
