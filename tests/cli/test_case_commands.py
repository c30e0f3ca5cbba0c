from decimal import Decimal

from django.test import override_settings

from amicable.accounts.selectors import cli_user
from amicable.cases.models import Case, CaseEvent, Client, Engagement
from amicable.cases.services import deadline_add

from .base import CliTestCase

AS_ALICE = override_settings(LOCAL_MODE=False, AMICABLE_CLI_USER="alice@example.com")
AS_RITA = override_settings(LOCAL_MODE=False, AMICABLE_CLI_USER="rita@example.com")
ROW_KEYS = {"id", "title", "client", "engagement", "stage", "dispute_types", "amount_in_dispute", "currency",
            "outcome", "amount_recovered", "opened_at", "closed_at", "next_deadline"}


class TestCaseList(CliTestCase):
    def test_it_lists_only_cases_the_cli_user_can_see(self):
        assert self.run_json("case", "list") == []  # the local owner has no cases yet
        assert "No open cases" in self.run_cli("case", "list").stdout
        with AS_ALICE:
            rows = self.run_json("case", "list")
        assert [r["id"] for r in rows] == [self.case.pk]
        assert set(rows[0]) == ROW_KEYS
        assert (rows[0]["amount_in_dispute"], rows[0]["currency"], rows[0]["client"]) == ("2400.00", "EUR",
                                                                                         "Northwind Studio")

    def test_it_shows_closed_cases_only_with_all(self):
        self.run_cli("demo", "--quiet")
        self.run_cli("case", "move", str(Case.objects.get(title__contains="Q-2026-118").pk), "closed",
                     "--outcome", "settled")
        assert len(self.run_json("case", "list")) == 1
        rows = self.run_json("case", "list", "--all")
        assert sorted(r["stage"] for r in rows) == ["closed", "negotiating"]
        out = self.run_cli("case", "list").stdout
        assert "Harbour" in out and "Q-2026-118" not in out

    def test_it_names_the_next_deadline(self):
        deadline_add(actor=self.owner, case=self.case, what="Reply due", due_at=self.future(3))
        with AS_ALICE:
            rows = self.run_json("case", "list")
        assert rows[0]["next_deadline"]["what"] == "Reply due"


class TestCaseShow(CliTestCase):
    def test_it_shows_facts_deadlines_events_and_the_playbook(self):
        deadline_add(actor=self.owner, case=self.case, what="Reply due", due_at=self.future(3), step=4)
        with AS_ALICE:
            detail = self.run_json("case", "show", str(self.case.pk))
            text = " ".join(self.run_cli("case", "show", str(self.case.pk)).stdout.split())
        assert ROW_KEYS | {"summary", "allowed_moves", "intake", "types_confirmed_at", "deadlines", "events",
                           "playbook"} == set(detail)
        assert detail["allowed_moves"] == ["clarifying", "negotiating", "closed"]
        assert [d["what"] for d in detail["deadlines"]] == ["Reply due"] and detail["deadlines"][0]["state"] == "open"
        assert [e["kind"] for e in detail["events"]] == ["deadline.added", "case.opened"]
        assert [s["step"] for s in detail["playbook"]] == list(range(1, 11))
        intake = detail["playbook"][2]
        assert (intake["state"], intake["next"]) == ("todo", "Start the intake")
        assert detail["playbook"][3]["next_deadline"] is not None
        assert "Unpaid invoice INV-7" in text and "Playbook" in text and "Reply due" in text

    def test_it_refuses_a_case_outside_reach(self):
        message = self.error_of("case", "show", str(self.case.pk))  # the local owner is a stranger to it
        assert f"No case {self.case.pk}" in message
        assert "No case 999999" in self.error_of("case", "show", "999999")
        result = self.run_cli("case", "show", "abc", code=2)
        assert "Invalid value" in result.output and "integer" in result.output


class TestCaseNew(CliTestCase):
    def test_it_creates_client_engagement_and_case_in_one_go(self):
        out = self.run_json("case", "new", "--client", "Acme GmbH", "--title", "Unpaid invoice 42",
                            "--type", "non_payment", "--type", "communication", "--amount", "1200",
                            "--currency", "eur")
        case = Case.objects.get(pk=out["case"]["id"])
        assert (case.title, case.dispute_types, case.amount_in_dispute, case.currency) == (
            "Unpaid invoice 42", ["non_payment", "communication"], Decimal("1200.00"), "EUR")
        assert case.engagement.title == "Unpaid invoice 42" and case.engagement.client.name == "Acme GmbH"
        assert case.workspace.memberships.get().user == cli_user()
        assert out["client"]["created"] and out["engagement"]["created"]
        assert out["case"]["stage"] == "intake" and case.events.get().kind == "case.opened"

    def test_it_reuses_the_client_and_engagement_by_name(self):
        args = ["case", "new", "--client", "Acme GmbH", "--engagement", "Website", "--amount", "10"]
        first = self.run_json(*args, "--title", "First")
        second = self.run_json(*[a.lower() if a == "Acme GmbH" else a for a in args], "--title", "Second",
                               "--type", "quality,missed_deadline")
        assert second["client"] == {**first["client"], "created": False}
        assert second["engagement"]["id"] == first["engagement"]["id"] and not second["engagement"]["created"]
        assert Case.objects.get(pk=second["case"]["id"]).dispute_types == ["quality", "missed_deadline"]
        assert Client.objects.filter(name__iexact="acme gmbh").count() == 1

    def test_it_prints_a_human_summary(self):
        out = " ".join(self.run_cli("case", "new", "--client", "Acme", "--title", "T").stdout.split())
        assert "Opened case #" in out and "new client and engagement" in out

    def test_it_explains_bad_input_and_creates_nothing(self):
        before = (Client.objects.count(), Engagement.objects.count(), Case.objects.count(), CaseEvent.objects.count())
        base = ["case", "new", "--client", "Acme", "--title", "T"]
        assert "amount: The amount cannot be negative" in self.error_of(*base, "--amount", "-5")
        assert "amount:" in self.error_of(*base, "--amount", "12abc")
        assert "not an ISO 4217 currency code" in self.error_of(*base, "--amount", "5", "--currency", "XYZ")
        assert "Unknown dispute type “rudeness”" in self.error_of(*base, "--type", "rudeness")
        assert "title:" in self.error_of("case", "new", "--client", "Acme", "--title", " ")
        assert "name:" in self.error_of("case", "new", "--client", " ", "--title", "T")
        assert (Client.objects.count(), Engagement.objects.count(), Case.objects.count(),
                CaseEvent.objects.count()) == before

    def test_it_refuses_read_only_users(self):
        with AS_RITA:
            assert "read-only" in self.error_of("case", "new", "--client", "Acme", "--title", "T")
        assert not Client.objects.filter(name="Acme").exists()


class TestCaseMove(CliTestCase):
    def test_it_moves_and_logs(self):
        with AS_ALICE:
            out = self.run_json("case", "move", str(self.case.pk), "Negotiating", "--note", "They replied")
        assert out["stage"] == "negotiating"
        event = self.case.events.order_by("-pk").first()
        assert (event.kind, event.actor, event.data["note"]) == ("case.stage_changed", self.owner, "They replied")

    def test_it_closes_with_an_outcome(self):
        with AS_ALICE:
            text = self.run_cli("case", "move", str(self.case.pk), "closed", "--outcome", "settled",
                                "--recovered", "1800").stdout
        self.case.refresh_from_db()
        assert (self.case.stage, self.case.outcome, self.case.amount_recovered) == ("closed", "settled",
                                                                                    Decimal("1800.00"))
        assert "Intake → Closed (Settled)" in text

    def test_it_explains_refused_moves(self):
        with AS_ALICE:
            assert "stage: Finish the intake first" in self.error_of("case", "move", str(self.case.pk), "formal")
            assert "Unknown stage “limbo”" in self.error_of("case", "move", str(self.case.pk), "limbo")
            assert "outcome: Choose how the case ended" in self.error_of("case", "move", str(self.case.pk), "closed")
            assert "amount_recovered:" in self.error_of("case", "move", str(self.case.pk), "closed", "--outcome",
                                                        "settled", "--recovered", "-1")
        self.case.refresh_from_db()
        assert self.case.stage == "intake" and self.case.events.count() == 1

    def test_it_refuses_readonly_members_and_strangers(self):
        with AS_RITA:
            assert "that you can change" in self.error_of("case", "move", str(self.case.pk), "clarifying")
        assert f"No case {self.case.pk}" in self.error_of("case", "move", str(self.case.pk), "clarifying")
        self.case.refresh_from_db()
        assert self.case.stage == "intake"
