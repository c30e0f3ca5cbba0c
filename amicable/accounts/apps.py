from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "amicable.accounts"
    label = "accounts"
