from amicable.evidence.importing import evidence_import
from amicable.evidence.models import EvidenceItem, ImportBatch, LogEntry
from amicable.evidence.verify import verify_all

from .base import MBOX, WHATSAPP, VaultTestCase


class ImportTests(VaultTestCase):
    def test_it_imports_an_mbox_with_attachments_and_logs_every_item(self):
        batch = evidence_import(actor=self.owner, case=self.case, path=self.write("client.mbox", MBOX))
        assert batch.status == ImportBatch.Status.DONE
        assert (batch.imported, batch.duplicates, batch.quarantined_count) == (2, 0, 0)
        items = list(EvidenceItem.objects.filter(case=self.case).order_by("sort_at"))
        assert [i.subject for i in items] == ["Invoice INV-7 for the website", "Re: Invoice INV-7 for the website"]
        assert items[1].item_attachments.get().filename == "brief.pdf"
        assert items[1].item_attachments.get().blob.content_type == "application/pdf"
        entries = LogEntry.objects.filter(workspace=self.workspace).order_by("index")
        kinds = list(entries.values_list("entry_type", flat=True))
        assert sorted(kinds) == ["item", "item", "source"]
        assert batch.source_blob is not None
        event = self.last_event()
        assert event.kind == "evidence.imported" and "2 item(s)" in event.summary
        assert verify_all().ok

    def test_it_skips_duplicates_when_run_again(self):
        path = self.write("client.mbox", MBOX)
        evidence_import(actor=self.owner, case=self.case, path=path)
        again = evidence_import(actor=self.owner, case=self.case, path=path)
        assert (again.imported, again.duplicates) == (0, 2)
        assert EvidenceItem.objects.filter(case=self.case).count() == 2
        assert verify_all().ok

    def test_it_imports_a_whatsapp_chat_in_the_given_time_zone(self):
        batch = evidence_import(actor=self.owner, case=self.case, path=self.write("chat.txt", WHATSAPP),
                                tz="Europe/Berlin")
        assert batch.imported == 3
        first = EvidenceItem.objects.filter(case=self.case).order_by("sort_at").first()
        assert first.kind == "chat_message"
        assert first.occurred_at.isoformat() == "2026-03-12T13:05:00+00:00"

    def test_it_refuses_an_unknown_time_zone(self):
        from django.core.exceptions import ValidationError

        with self.assertRaisesMessage(ValidationError, "Unknown time zone “Mars/Base”"):
            evidence_import(actor=self.owner, case=self.case, path=self.write("chat.txt", WHATSAPP), tz="Mars/Base")
        assert not ImportBatch.objects.exists()


class BrokenImporterTests(VaultTestCase):
    def test_it_keeps_what_came_before_an_importer_bug_and_quarantines_the_rest(self):
        from unittest import mock

        from amicable.evidence.importers.mail import MboxImporter

        real = MboxImporter.iter_items

        def buggy(self, path, **kw):
            for n, result in enumerate(real(self, path, **kw)):
                if n == 1:
                    raise RuntimeError("boom")
                yield result

        with mock.patch.object(MboxImporter, "iter_items", buggy):
            batch = evidence_import(actor=self.owner, case=self.case, path=self.write("m.mbox", MBOX), parallel=False)
        assert (batch.status, batch.imported, batch.quarantined_count) == ("done", 1, 1)
        assert "importer mbox failed" in batch.quarantined[0]["reason"] and "boom" in batch.quarantined[0]["reason"]
        assert verify_all().ok
