"""Tamper tests: change one byte, one field, one checkpoint; verify must fail and name it."""

from django.db import connection

from amicable.evidence import services
from amicable.evidence.importing import evidence_import
from amicable.evidence.leaves import item_leaf
from amicable.evidence.models import Checkpoint, EvidenceItem, ItemTag, LogEntry
from amicable.evidence.verify import verify_all

from .base import MBOX, VaultTestCase


class VerifyTests(VaultTestCase):
    def setUp(self):
        super().setUp()
        evidence_import(actor=self.owner, case=self.case, path=self.write("client.mbox", MBOX))
        self.item = EvidenceItem.objects.get(external_id="m2@example.com")
        self.blob = self.item.item_attachments.get().blob

    def problems(self):
        report = verify_all()
        assert not report.ok
        return [(p.kind, p.ref, p.message) for p in report.problems]

    def test_it_passes_an_untouched_vault(self):
        services.item_tag(actor=self.owner, item=self.item, tag="scope_change")
        services.note_add(actor=self.owner, case=self.case, body="Phone call: Carol agreed to 300 EUR.")
        report = verify_all()
        assert report.ok, report.problems
        assert (report.items, report.blobs, report.workspaces) == (3, 2, 1)
        assert report.entries == 5 and report.checkpoints >= 3

    def test_it_names_a_blob_with_one_changed_byte(self):
        path = self.blob_path(self.blob.sha256)
        data = bytearray(path.read_bytes())
        data[10] ^= 0x01
        path.write_bytes(bytes(data))
        (problem,) = self.problems()
        assert problem[0] == "blob" and problem[1] == f"blob {self.blob.sha256}"
        assert f"attached to item {self.item.pk}" in problem[2]

    def test_it_names_a_missing_blob_file(self):
        self.blob_path(self.blob.sha256).unlink()
        (problem,) = self.problems()
        assert problem[:2] == ("blob", f"blob {self.blob.sha256}") and "cannot be read" in problem[2]

    def test_it_names_the_item_and_field_changed_in_the_database(self):
        with connection.cursor() as cur:
            cur.execute("UPDATE evidence_evidenceitem SET body = %s WHERE id = %s", ["I will never pay.", self.item.pk])
        (problem,) = self.problems()
        assert problem[:2] == ("item", f"item {self.item.pk}")
        assert problem[2].endswith("in: body")

    def test_it_names_a_changed_date(self):
        EvidenceItem.objects.filter(pk=self.item.pk).update(occurred_at="2025-01-01T00:00:00Z")
        (problem,) = self.problems()
        assert problem[1] == f"item {self.item.pk}" and problem[2].endswith("in: occurred_at")

    def test_it_names_a_checkpoint_whose_root_was_changed(self):
        cp = Checkpoint.objects.order_by("-tree_size").first()
        Checkpoint.objects.filter(pk=cp.pk).update(root_hash="00" * 32)
        (problem,) = self.problems()
        assert problem[:2] == ("checkpoint", f"checkpoint {cp.pk} (size {cp.tree_size})")
        assert "differs from what its signed note says" in problem[2]

    def test_it_names_a_checkpoint_whose_note_was_forged(self):
        cp = Checkpoint.objects.order_by("-tree_size").first()
        forged = cp.note.replace(f"\n{cp.tree_size}\n", f"\n{cp.tree_size + 1}\n")
        Checkpoint.objects.filter(pk=cp.pk).update(note=forged)
        (problem,) = self.problems()
        assert problem[1] == f"checkpoint {cp.pk} (size {cp.tree_size})" and "does not verify" in problem[2]

    def test_it_catches_an_entry_rewritten_together_with_its_row(self):
        # Someone edits the row AND rewrites the leaf and its hash: the signed root exposes it.
        from amicable.evidence.ingest import attachment_values, leaf_values
        from amicable.evidence.leaves import item_leaf
        from amicable.lib.canonical import canonical_json
        from amicable.lib.merkle import leaf_hash

        EvidenceItem.objects.filter(pk=self.item.pk).update(body="rewritten")
        item = EvidenceItem.objects.get(pk=self.item.pk)
        text = canonical_json(item_leaf(leaf_values(item), attachment_values(item.item_attachments.all())))
        LogEntry.objects.filter(item=item).update(canonical=text.decode(), leaf_hash=leaf_hash(text).hex())
        problems = self.problems()
        assert any(p[0] == "checkpoint" and "no longer hash to the signed root" in p[2] for p in problems)

    def test_it_names_a_deleted_log_entry(self):
        LogEntry.objects.filter(item=self.item).delete()
        problems = self.problems()
        assert ("item", f"item {self.item.pk}", "it is not in the log (added outside the vault's services)") in problems
        assert any(p[0] == "log" and "not contiguous" in p[2] for p in problems)

    def test_it_names_a_tag_added_behind_the_log(self):
        ItemTag.objects.create(item=self.item, case=self.case, tag="agreement")
        (problem,) = self.problems()
        assert problem == ("tag", f"item {self.item.pk}", "carries tag “agreement” that the log never added")

    def test_it_keeps_verifying_after_a_redaction_and_a_correction(self):
        services.item_redact(actor=self.owner, item=self.item, fields=["body"], reason="Third party's data")
        first = EvidenceItem.objects.get(external_id="m1@example.com")
        services.item_correct(actor=self.owner, item=first, reason="Wrong date in the export",
                              occurred_at=first.occurred_at.replace(year=2025))
        report = verify_all()
        assert report.ok, report.problems

    def test_it_names_a_redaction_done_behind_the_log(self):
        EvidenceItem.objects.filter(pk=self.item.pk).update(body="", redacted_fields=["body"])
        problems = self.problems()
        expected = ("item", f"item {self.item.pk}", "its redaction marks do not match the log's redaction entries")
        assert expected in problems


class VerifyFastPathTests(VaultTestCase):
    """The per-item fast path must give the same verdicts as the field-by-field check."""

    def setUp(self):
        super().setUp()
        evidence_import(actor=self.owner, case=self.case, path=self.write("client.mbox", MBOX))
        services.note_add(actor=self.owner, case=self.case, body="Tab\there, “quotes” \"and\" \\ back\nslash é 😀")
        self.item = EvidenceItem.objects.get(external_id="m2@example.com")

    def slow_calls(self, monkeypatch_target="_check_item_slow"):
        from amicable.evidence import verify

        calls = []
        original = getattr(verify, monkeypatch_target)

        def counting(*args, **kwargs):
            calls.append(args)
            return original(*args, **kwargs)

        setattr(verify, monkeypatch_target, counting)
        self.addCleanup(setattr, verify, monkeypatch_target, original)
        return calls

    def test_it_checks_untouched_items_without_the_field_by_field_path(self):
        calls = self.slow_calls()
        report = verify_all()
        assert report.ok, report.problems
        assert report.items == 3 and calls == []

    def test_it_writes_the_same_text_as_the_leaf_serialiser(self):
        from amicable.evidence import verify
        from amicable.evidence.ingest import attachment_values, leaf_values
        from amicable.lib.canonical import canonical_json_native

        for item in EvidenceItem.objects.all():
            expected = canonical_json_native(item_leaf(leaf_values(item), attachment_values(item.item_attachments.all())))
            row = next(verify._raw_rows(EvidenceItem.objects.filter(pk=item.pk).values_list(*verify.ROW_FIELDS)))
            atts = attachment_values(item.item_attachments.all())
            assert verify._fast_leaf_text(row, atts, {}) == expected.decode()

    def test_it_sends_a_changed_row_to_the_field_by_field_check(self):
        calls = self.slow_calls()
        EvidenceItem.objects.filter(pk=self.item.pk).update(subject="Changed")
        problems = [(p.kind, p.ref, p.message) for p in verify_all().problems]
        assert len(calls) == 1 and problems[0][1] == f"item {self.item.pk}" and problems[0][2].endswith("in: subject")

    def test_it_gives_the_same_report_when_the_log_is_split_into_ranges(self):
        from amicable.evidence import verify

        EvidenceItem.objects.filter(pk=self.item.pk).update(body="changed")
        whole, split = verify.Report(), verify.Report()
        sizes = set(Checkpoint.objects.values_list("tree_size", flat=True))
        for report, parts in ((whole, 1), (split, 3)):
            replay = verify._Replay()
            verify._check_entries(self.workspace.pk, report, replay, sizes, parts=parts, minimum=1)
            assert len(replay.roots) == len(sizes)
        assert (split.entries, split.items, split.problems) == (whole.entries, whole.items, whole.problems)
        assert [p.ref for p in split.problems] == [f"item {self.item.pk}"]

    def test_it_names_a_gap_where_two_ranges_meet(self):
        from amicable.evidence import verify

        ranges = verify._ranges(self.workspace.pk, 2, 1)
        boundary = ranges[1][0]
        LogEntry.objects.filter(workspace_id=self.workspace.pk, index=boundary - 1).delete()
        report = verify.Report()
        verify._check_entries(self.workspace.pk, report, verify._Replay(), set(), parts=2, minimum=1)
        assert [(p.kind, p.ref) for p in report.problems if p.kind == "log"][0] == ("log", f"entry {boundary - 1}")
