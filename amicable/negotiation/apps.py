from django.apps import AppConfig


class NegotiationConfig(AppConfig):
    name = "amicable.negotiation"
    label = "negotiation"
