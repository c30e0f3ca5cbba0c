"""The base test case: a workspace with named personas and one case, for every app's tests.

Personas: owner (the freelancer), teammate (member), readonly (read-only member), stranger (owner of
another workspace, with a case of their own). Room participants (client, mediator) are added by the
apps that invite them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.test import TestCase
from django.utils import timezone

from amicable.accounts.models import Membership, User, Workspace
from amicable.cases import services as case_services
from amicable.cases.models import Case


def make_user(email: str, name: str = "") -> User:
    return User.objects.create_user(email, "correct horse battery staple", display_name=name)


def make_workspace(owner: User, name: str) -> Workspace:
    workspace = Workspace.objects.create(name=name)
    Membership.objects.create(workspace=workspace, user=owner, role=Membership.Role.OWNER)
    return workspace


def make_case(owner: User, workspace: Workspace, *, client_name: str = "Northwind Studio",
              title: str = "Unpaid invoice INV-7", types: tuple[str, ...] = ("non_payment",)) -> Case:
    client = case_services.client_create(actor=owner, workspace=workspace, name=client_name, email="ap@example.com",
                                         country="DE")
    engagement = case_services.engagement_create(actor=owner, client=client, title="Website redesign", currency="EUR",
                                                 rate="80", rate_unit="hour", scope="Five pages, two revision rounds",
                                                 start_date=dt.date(2026, 6, 1), end_date=dt.date(2026, 9, 30))
    case_services.invoice_add(actor=owner, engagement=engagement, number="INV-7", amount="2400",
                              issue_date=dt.date(2026, 9, 1), due_date=dt.date(2026, 9, 15))
    return case_services.case_open(actor=owner, engagement=engagement, title=title, dispute_types=list(types),
                                   amount=Decimal("2400"), currency="EUR")


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.owner = make_user("alice@example.com", "Alice Owner")
        cls.teammate = make_user("bob@example.com", "Bob Teammate")
        cls.readonly = make_user("rita@example.com", "Rita Readonly")
        cls.stranger = make_user("sam@example.com", "Sam Stranger")
        cls.workspace = make_workspace(cls.owner, "Alice Design")
        Membership.objects.create(workspace=cls.workspace, user=cls.teammate, role=Membership.Role.MEMBER)
        Membership.objects.create(workspace=cls.workspace, user=cls.readonly, role=Membership.Role.READONLY)
        cls.case = make_case(cls.owner, cls.workspace)
        cls.engagement = cls.case.engagement
        cls.counterparty = cls.engagement.client
        cls.invoice = cls.engagement.invoices.get()
        cls.stranger_workspace = make_workspace(cls.stranger, "Sam Studio")
        cls.stranger_case = make_case(cls.stranger, cls.stranger_workspace, client_name="Other Client")

    def login(self, user: User) -> None:
        self.client.force_login(user)

    @staticmethod
    def future(days: int = 7) -> dt.datetime:
        """An aware datetime `days` from now."""
        return timezone.now() + dt.timedelta(days=days)

    def last_event(self, case: Case | None = None):  # type: ignore[no-untyped-def]
        return (case or self.case).events.order_by("-pk").first()
