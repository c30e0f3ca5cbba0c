from decimal import Decimal

from django.test import override_settings

from amicable.accounts.models import Membership
from amicable.accounts.selectors import cli_user
from amicable.cases.models import Case, CaseEvent, Client, Deadline, Engagement, Invoice, Milestone, Payment

from .base import CliTestCase

MODELS = (Client, Engagement, Milestone, Invoice, Payment, Case, Deadline, CaseEvent)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


class TestDemo(CliTestCase):
    def test_it_creates_the_demo_in_the_local_owners_workspace(self):
        before = counts()
        out = self.run_json("demo")
        assert out["created"] is True
        added = {name: n - before[name] for name, n in counts().items()}
        assert added == {"Client": 2, "Engagement": 3, "Milestone": 7, "Invoice": 5, "Payment": 4, "Case": 2,
                         "Deadline": 3, "CaseEvent": 17}  # 10 case steps + 7 evidence items filed
        from amicable.evidence.models import EvidenceItem

        assert EvidenceItem.objects.count() == 7
        workspace = Membership.objects.get(user=cli_user()).workspace
        assert out["workspace"]["id"] == workspace.pk
        assert {c["name"] for c in out["clients"]} == {"Harbour & Pine Coffee Roasters", "Lumen Analytics GmbH"}
        assert all(Client.objects.get(pk=c["id"]).workspace == workspace for c in out["clients"])
        assert len(out["engagements"]) == 3 and len(out["cases"]) == 2

    def test_it_makes_a_realistic_non_payment_case(self):
        self.run_cli("demo", "--quiet")
        case = Case.objects.get(title__contains="HP-2026-047")
        assert (case.stage, case.dispute_types, case.currency) == ("negotiating", ["non_payment"], "GBP")
        assert case.amount_in_dispute == Decimal("2600.00") and case.types_confirmed_at is not None
        assert all(case.intake.get(k) for k in ("agreed", "delivered", "client_says", "you_say"))
        invoice = case.engagement.invoices.get(number="HP-2026-047")
        assert invoice.outstanding() == Decimal("2600.00") and invoice.days_overdue() == 38
        assert invoice.payments.count() == 1
        assert case.deadlines.filter(done_at__isnull=True).count() == 2
        assert all(d.due_at > case.opened_at for d in case.deadlines.all())

    def test_it_makes_a_scope_creep_case_with_change_requests(self):
        self.run_cli("demo", "--quiet")
        case = Case.objects.get(title__contains="Q-2026-118")
        assert (case.stage, case.dispute_types, case.types_confirmed_at) == ("clarifying", ["scope_creep"], None)
        assert "Change requests received" in case.engagement.scope and "CR-3" in case.engagement.scope
        assert case.engagement.milestones.count() == 3 and case.intake["client_says"]
        assert case.deadlines.count() == 1

    def test_it_creates_nothing_the_second_time(self):
        first = self.run_json("demo")
        after_first = counts()
        second = self.run_json("demo")
        assert counts() == after_first
        assert second["created"] is False
        assert [c["id"] for c in second["cases"]] == sorted(c["id"] for c in first["cases"])
        assert "already" in self.run_cli("demo").stdout

    def test_it_is_quiet_when_asked_and_talks_otherwise(self):
        assert self.run_cli("demo", "--quiet").output == ""
        assert CaseEvent.objects.filter(case__title__contains="HP-2026-047").exists()
        with override_settings(LOCAL_MODE=False, AMICABLE_CLI_USER="bob@example.com"):
            out = self.run_cli("demo").stdout
        assert "Demo loaded" in out and "Alice Design" in out
        assert Client.objects.filter(workspace=self.workspace, name="Lumen Analytics GmbH").exists()

    def test_it_explains_a_missing_cli_user_in_server_mode(self):
        with override_settings(LOCAL_MODE=False, AMICABLE_CLI_USER=""):
            assert "AMICABLE_CLI_USER" in self.error_of("demo")
        with override_settings(LOCAL_MODE=False, AMICABLE_CLI_USER="rita@example.com"):
            assert "read-only" in self.error_of("demo")
        assert not Client.objects.filter(name="Lumen Analytics GmbH").exists()
