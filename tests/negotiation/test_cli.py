"""`amicable negotiation …` and `amicable room …`: the same services and gate as the pages."""

import json

from django.test import override_settings
from typer.testing import CliRunner

from amicable.negotiation import services
from tests.cli.base import cli_app
from tests.mediation.base import RoomTestCase

runner = CliRunner()


@override_settings(LOCAL_MODE=False, AMICABLE_CLI_USER="alice@example.com")
class TestCli(RoomTestCase):
    def run_cli(self, *args):
        result = runner.invoke(cli_app(), [str(a) for a in args])
        return result

    def test_it_prints_the_settlement_and_options_as_json(self):
        result = self.run_cli("negotiation", "settlement", self.case.pk, "--json")
        assert result.exit_code == 0, result.output
        bases = json.loads(result.stdout)
        assert bases[0]["key"] == "invoiced" and bases[0]["total"] == "2400.00"
        result = self.run_cli("negotiation", "options", self.case.pk, "--json")
        assert "payment_plan" in [o["key"] for o in json.loads(result.stdout)]

    def test_it_lists_offers_and_ticks(self):
        services.offer_create(actor=self.owner, case=self.case, terms={"amount": "1800"}, send=True)
        rows = json.loads(self.run_cli("negotiation", "offers", self.case.pk, "--json").stdout)
        assert [(r["status"], r["amount"]) for r in rows] == [("sent", "1800.00")]
        assert json.loads(self.run_cli("negotiation", "tick", "--json").stdout) == {"expired": 0, "warned": 0}

    def test_it_invites_and_refuses_cases_out_of_reach(self):
        result = self.run_cli("room", "invite", self.case.pk, "guest@example.org", "--role", "mediator", "--json")
        assert result.exit_code == 0 and "/invite/" in json.loads(result.stdout)["link"]
        result = self.run_cli("room", "invite", self.stranger_case.pk, "guest@example.org")
        assert result.exit_code == 1 and f"No case {self.stranger_case.pk} that you can change" in result.output
        people = json.loads(self.run_cli("room", "people", self.case.pk, "--json").stdout)
        assert {p["role"] for p in people} == {"client", "mediator"}
