from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "amicable.contracts"
    label = "contracts"
