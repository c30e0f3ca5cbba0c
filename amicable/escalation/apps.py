from django.apps import AppConfig


class EscalationConfig(AppConfig):
    name = "amicable.escalation"
    label = "escalation"
