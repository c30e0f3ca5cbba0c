import json

from django.test import override_settings

from amicable.evidence import services
from amicable.evidence.models import Checkpoint, EvidenceItem
from tests.cli.base import CliTestCase

from .base import MBOX, WHATSAPP, VaultTestCase


@override_settings(LOCAL_MODE=False, AMICABLE_CLI_USER="alice@example.com")
class EvidenceCliTests(VaultTestCase, CliTestCase):
    def test_it_imports_files_and_prints_a_summary(self):
        mbox, chat = self.write("mail.mbox", MBOX), self.write("chat.txt", WHATSAPP)
        result = self.run_cli("evidence", "import", str(self.case.pk), str(mbox), str(chat), "--tz", "Europe/Berlin")
        assert "mail.mbox: 2 imported, 0 duplicate(s) skipped, 0 quarantined (read as mbox)" in result.stdout
        assert EvidenceItem.objects.filter(case=self.case).count() == 5
        again = json.loads(self.run_cli("evidence", "import", str(self.case.pk), str(mbox), "--json").stdout)
        assert again[0]["imported"] == 0 and again[0]["duplicates"] == 2 and again[0]["status"] == "done"

    def test_it_reports_a_missing_file_and_a_bad_zone_and_exits_1(self):
        result = self.run_cli("evidence", "import", str(self.case.pk), str(self.tmp / "nope.mbox"), "--json", code=1)
        assert "No such file" in json.loads(result.stdout)[0]["error"]
        result = self.run_cli("evidence", "import", str(self.case.pk), str(self.write("c.txt", WHATSAPP)), "--tz",
                              "Mars/Base", "--json", code=1)
        assert "Unknown time zone" in result.stdout

    def test_it_refuses_a_case_out_of_reach(self):
        message = self.error_of("evidence", "timeline", str(self.stranger_case.pk))
        assert f"No case {self.stranger_case.pk}" in message

    def test_it_searches_and_lists_the_timeline(self):
        services.evidence_file_item(actor=self.owner, case=self.case, kind="email", subject="Invoice INV-7",
                                    body="The invoice is attached.")
        services.note_add(actor=self.owner, case=self.case, body="Phone call")
        hits = self.run_json("evidence", "search", str(self.case.pk), "invoice")
        assert len(hits) == 1 and "<mark>invoice</mark>" in hits[0]["snippet"].lower()
        assert "Invoice INV-7" in self.run_cli("evidence", "search", str(self.case.pk), "invoice").stdout
        rows = self.run_json("evidence", "timeline", str(self.case.pk))
        assert [r["kind"] for r in rows] == ["email", "note"]
        assert [r["kind"] for r in self.run_json("evidence", "timeline", str(self.case.pk), "--kind", "note")] == [
            "note"]

    def test_it_verifies_and_fails_naming_the_problem(self):
        services.note_add(actor=self.owner, case=self.case, body="x")
        services.note_add(actor=self.stranger, case=self.stranger_case, body="not alice's")
        assert self.run_json("verify")["workspaces"] == 1  # server mode: the workspaces alice owns
        assert "All holds" in self.run_cli("verify").stdout
        assert self.run_json("verify")["ok"] is True
        Checkpoint.objects.update(root_hash="00" * 32)
        result = self.run_cli("verify", code=1)
        assert "checkpoint" in result.stderr and "signed note" in result.stderr
        report = json.loads(self.run_cli("verify", "--json", code=1).stdout)
        assert report["ok"] is False and report["problems"][0]["kind"] == "checkpoint"
