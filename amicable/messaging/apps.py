from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "amicable.messaging"
    label = "messaging"
