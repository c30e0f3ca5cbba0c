"""Personas for the case room: an invited client and mediator of the base case, and the client of
another case (a participant elsewhere, who must see nothing here)."""

from amicable.accounts.models import Grant, User
from amicable.test import BaseTestCase


def make_participant(email: str, name: str) -> User:
    """An invited participant: no password (they sign in by invitation; and hashing is slow in tests)."""
    return User.objects.create_user(email, None, display_name=name)


class RoomTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.room_client = make_participant("cal@northwind.example", "Cal Client")
        cls.mediator = make_participant("mia@mediators.example", "Mia Mediator")
        cls.other_client = make_participant("olga@other.example", "Olga Otherclient")
        Grant.objects.create(case=cls.case, user=cls.room_client, role=Grant.Role.CLIENT)
        Grant.objects.create(case=cls.case, user=cls.mediator, role=Grant.Role.MEDIATOR)
        Grant.objects.create(case=cls.stranger_case, user=cls.other_client, role=Grant.Role.CLIENT)

    PERSONAS = ("owner", "teammate", "readonly", "room_client", "mediator", "other_client", "stranger")

    def persona(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self, name)
