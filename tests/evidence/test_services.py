import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from amicable.accounts.models import Grant, User
from amicable.evidence import services
from amicable.evidence.models import EvidenceItem, ItemTag, LogEntry
from amicable.evidence.verify import verify_all

from .base import VaultTestCase


class FileItemTests(VaultTestCase):
    def test_it_files_a_record_with_an_attachment_and_logs_it(self):
        when = timezone.now() - dt.timedelta(days=2)
        item = services.evidence_file_item(
            actor=self.owner, case=self.case, kind="email", subject="Final notice", body="Please pay INV-7.",
            occurred_at=when, attachments=[("notice.pdf", b"%PDF-1.4 notice", "application/pdf")],
            external_id="messaging:draft:9", importer="messaging", tags=["deadline"],
        )
        assert item.occurred_at == when and item.added_by_role == "owner"
        assert item.item_attachments.get().blob.content_type == "application/pdf"
        assert list(item.tags.values_list("tag", flat=True)) == ["deadline"]
        entries = LogEntry.objects.filter(item=item).order_by("index").values_list("entry_type", flat=True)
        assert list(entries) == ["item", "tag"]
        assert self.last_event().kind == "evidence.filed"
        assert verify_all().ok

    def test_it_returns_the_existing_item_for_the_same_external_id(self):
        first = services.evidence_file_item(actor=self.owner, case=self.case, kind="note", body="a", external_id="x:1")
        again = services.evidence_file_item(actor=self.owner, case=self.case, kind="note", body="b", external_id="x:1")
        assert again.pk == first.pk and again.body == "a"
        assert EvidenceItem.objects.count() == 1

    def test_it_refuses_an_unknown_kind_and_a_naive_time(self):
        with self.assertRaisesMessage(ValidationError, "Unknown kind “memo”"):
            services.evidence_file_item(actor=self.owner, case=self.case, kind="memo", body="x")
        with self.assertRaisesMessage(ValidationError, "must carry a time zone"):
            services.evidence_file_item(actor=self.owner, case=self.case, kind="note", body="x",
                                        occurred_at=dt.datetime(2026, 1, 1))  # noqa: DTZ001
        assert not EvidenceItem.objects.exists()

    def test_it_records_a_room_participant_as_their_side(self):
        carol = User.objects.create_user("carol@northwind.example", "pw-long-enough-1")
        Grant.objects.create(case=self.case, user=carol, role="client")
        item = services.evidence_file_item(actor=carol, case=self.case, kind="note", body="My side.")
        assert item.added_by_role == "client"


class NoteTests(VaultTestCase):
    def test_it_adds_a_call_note(self):
        item = services.note_add(actor=self.owner, case=self.case, kind="call_note", body=" Carol agreed. ",
                                 participants=["Carol"])
        assert (item.kind, item.body, item.importer) == ("call_note", "Carol agreed.", "note")

    def test_it_refuses_an_empty_note_and_a_future_moment(self):
        with self.assertRaisesMessage(ValidationError, "the note is empty"):
            services.note_add(actor=self.owner, case=self.case, body="   ")
        with self.assertRaisesMessage(ValidationError, "in the future"):
            services.note_add(actor=self.owner, case=self.case, body="x", occurred_at=self.future(3))


class TagTests(VaultTestCase):
    def setUp(self):
        super().setUp()
        self.item = services.note_add(actor=self.owner, case=self.case, body="Sixth page requested.")

    def test_it_adds_and_removes_tags_through_the_log(self):
        assert services.item_tag(actor=self.owner, item=self.item, tag="Scope Change")
        assert not services.item_tag(actor=self.owner, item=self.item, tag="scope_change")
        assert ItemTag.objects.filter(item=self.item, tag="scope_change").exists()
        assert services.item_tag(actor=self.owner, item=self.item, tag="scope_change", remove=True)
        assert not ItemTag.objects.filter(item=self.item).exists()
        ops = [e.canonical for e in LogEntry.objects.filter(item=self.item, entry_type="tag").order_by("index")]
        assert '"op":"add"' in ops[0] and '"op":"remove"' in ops[1]
        assert self.last_event().kind == "evidence.tagged"
        assert verify_all().ok

    def test_it_accepts_free_tags_and_refuses_bad_ones(self):
        services.item_tag(actor=self.owner, item=self.item, tag="blog-page")
        with self.assertRaisesMessage(ValidationError, "is not a usable tag"):
            services.item_tag(actor=self.owner, item=self.item, tag="<script>")


class CorrectionTests(VaultTestCase):
    def test_it_keeps_the_original_and_adds_a_correction(self):
        item = services.note_add(actor=self.owner, case=self.case, body="Call on Monday.")
        services.item_tag(actor=self.owner, item=item, tag="agreement")
        new = services.item_correct(actor=self.owner, item=item, reason="It was Tuesday", body="Call on Tuesday.")
        item.refresh_from_db()
        assert item.body == "Call on Monday."
        assert new.corrects == item and new.correction_reason == "It was Tuesday"
        assert list(new.tags.values_list("tag", flat=True)) == ["agreement"]
        leaf = LogEntry.objects.get(item=new, entry_type="item").canonical
        item_entry = LogEntry.objects.get(item=item, entry_type="item")
        assert f'"corrects":{{"entry":{item_entry.index},"item":{item.pk}}}' in leaf
        with self.assertRaisesMessage(ValidationError, "already corrected"):
            services.item_correct(actor=self.owner, item=item, reason="again", body="x")
        assert verify_all().ok

    def test_it_refuses_a_correction_without_a_reason_or_of_an_unknown_field(self):
        item = services.note_add(actor=self.owner, case=self.case, body="x")
        with self.assertRaisesMessage(ValidationError, "Say why"):
            services.item_correct(actor=self.owner, item=item, reason=" ", body="y")
        with self.assertRaisesMessage(ValidationError, "cannot be corrected"):
            services.item_correct(actor=self.owner, item=item, reason="r", case_id=5)


class RedactionTests(VaultTestCase):
    def test_it_blanks_the_fields_and_logs_the_reason(self):
        item = services.note_add(actor=self.owner, case=self.case, body="Carol's home address is …", subject="Call")
        services.item_redact(actor=self.owner, item=item, fields=["body"], reason="Personal data")
        item.refresh_from_db()
        assert (item.body, item.subject, item.redacted_fields) == ("", "Call", ["body"])
        entry = LogEntry.objects.get(item=item, entry_type="redaction")
        assert entry.refers_to == LogEntry.objects.get(item=item, entry_type="item")
        assert "home address" not in entry.canonical and '"reason":"Personal data"' in entry.canonical
        assert verify_all().ok

    def test_it_refuses_fields_that_cannot_be_redacted(self):
        item = services.note_add(actor=self.owner, case=self.case, body="x")
        with self.assertRaisesMessage(ValidationError, "“kind” cannot be redacted"):
            services.item_redact(actor=self.owner, item=item, fields=["kind"], reason="r")


class VisibilityTests(VaultTestCase):
    def test_it_shares_an_item_through_the_log(self):
        item = services.note_add(actor=self.owner, case=self.case, body="x")
        services.item_set_visibility(actor=self.owner, item=item, visibility="shared")
        item.refresh_from_db()
        assert item.visibility == "shared"
        assert LogEntry.objects.filter(item=item, entry_type="visibility").count() == 1
        assert verify_all().ok
        with self.assertRaisesMessage(ValidationError, "Unknown visibility"):
            services.item_set_visibility(actor=self.owner, item=item, visibility="public")
