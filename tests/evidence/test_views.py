from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from amicable.accounts.models import Grant, User
from amicable.evidence import services
from amicable.evidence.models import EvidenceItem, ImportBatch, ItemTag
from amicable.evidence.tasks import import_staged_run

from .base import MBOX, WHATSAPP, VaultTestCase


class TimelineViewTests(VaultTestCase):
    def url(self, name="timeline", **kw):
        return reverse(f"evidence:{name}", kwargs={"case_id": self.case.pk, **kw})

    def test_it_shows_the_timeline_in_time_order_with_key_moments(self):
        a = services.note_add(actor=self.owner, case=self.case, body="First call", occurred_at=self.future(-3))
        b = services.note_add(actor=self.owner, case=self.case, body="Second call", occurred_at=self.future(-2))
        services.item_tag(actor=self.owner, item=b, tag="agreement")
        self.login(self.owner)
        response = self.client.get(self.url())
        assert response.status_code == 200
        html = response.content.decode()
        assert html.index("First call") < html.index("Second call")
        assert "Key moment" in html and a.pk != b.pk

    def test_it_pages_with_a_cursor_for_infinite_scroll(self):
        for i in range(55):
            services.note_add(actor=self.owner, case=self.case, body=f"note number {i:02d}",
                              occurred_at=self.future(-100 + i))
        self.login(self.owner)
        first = self.client.get(self.url()).content.decode()
        assert "note number 49" in first and "note number 50" not in first and 'hx-trigger="revealed"' in first
        cursor = first.split("after=")[1].split('"')[0].replace("&amp;", "&")
        more = self.client.get(self.url() + "?after=" + cursor, headers={"HX-Request": "true"})
        body = more.content.decode()
        assert "note number 50" in body and "note number 54" in body and "note number 49" not in body
        assert "<html" not in body

    def test_it_filters_by_kind_tag_and_person(self):
        services.evidence_file_item(actor=self.owner, case=self.case, kind="email", body="Invoice mail",
                                    author="Carol <carol@northwind.example>")
        note = services.note_add(actor=self.owner, case=self.case, body="A note")
        services.item_tag(actor=self.owner, item=note, tag="scope_change")
        self.login(self.owner)
        only_email = self.client.get(self.url() + "?kind=email").content.decode()
        assert "Invoice mail" in only_email and "A note" not in only_email
        tagged = self.client.get(self.url() + "?tag=scope_change").content.decode()
        assert "A note" in tagged and "Invoice mail" not in tagged
        person = self.client.get(self.url() + "?person=northwind").content.decode()
        assert "Invoice mail" in person and "A note" not in person

    def test_it_shows_a_room_participant_only_what_is_shared(self):
        carol = User.objects.create_user("carol@northwind.example", "pw-long-enough-1")
        Grant.objects.create(case=self.case, user=carol, role="client")
        services.note_add(actor=self.owner, case=self.case, body="Private strategy")
        shared = services.note_add(actor=self.owner, case=self.case, body="Shared minutes")
        services.item_set_visibility(actor=self.owner, item=shared, visibility="shared")
        self.login(carol)
        html = self.client.get(self.url()).content.decode()
        assert "Shared minutes" in html and "Private strategy" not in html
        private = EvidenceItem.objects.get(body="Private strategy")
        assert self.client.get(self.url("item", item_id=private.pk)).status_code == 404


class UploadViewTests(VaultTestCase):
    def url(self):
        return reverse("evidence:upload", kwargs={"case_id": self.case.pk})

    def test_it_imports_several_dropped_files(self):
        self.login(self.owner)
        files = [SimpleUploadedFile("mail.mbox", MBOX), SimpleUploadedFile("chat.txt", WHATSAPP.encode())]
        response = self.client.post(self.url(), {"files": files, "tz": "Europe/Berlin", "visibility": "private"},
                                    headers={"X-Requested-With": "XMLHttpRequest"})
        assert response.status_code == 200, response.content
        assert EvidenceItem.objects.filter(case=self.case).count() == 5
        assert "mail.mbox" in response.content.decode() and "chat.txt" in response.content.decode()
        assert set(ImportBatch.objects.values_list("status", flat=True)) == {"done"}

    @override_settings(AMICABLE_MAX_UPLOAD_MB=0)
    def test_it_refuses_an_upload_over_the_limit_with_a_clear_error(self):
        self.login(self.owner)
        response = self.client.post(self.url(), {"files": [SimpleUploadedFile("mail.mbox", MBOX * 400)]},
                                    headers={"X-Requested-With": "XMLHttpRequest"})
        assert response.status_code == 413
        assert "larger than the limit of 0 MB" in response.content.decode()
        assert not EvidenceItem.objects.exists()

    def test_it_refuses_an_unknown_zone_and_no_files(self):
        self.login(self.owner)
        no_files = self.client.post(self.url(), {}, headers={"X-Requested-With": "XMLHttpRequest"})
        assert no_files.status_code == 400 and "Choose at least one file" in no_files.content.decode()

    def test_it_forbids_read_only_members(self):
        self.login(self.readonly)
        response = self.client.post(self.url(), {"files": [SimpleUploadedFile("mail.mbox", MBOX)]})
        assert response.status_code == 403
        assert not EvidenceItem.objects.exists()

    def test_it_imports_big_files_in_the_background_with_progress(self):
        self.login(self.owner)
        big = MBOX + b"\n" + b"X" * (5 * 1024 * 1024)  # over the inline limit: queued for the worker
        response = self.client.post(self.url(), {"files": [SimpleUploadedFile("big mail.mbox", big)]})
        assert response.status_code == 302
        batch = ImportBatch.objects.get()
        assert batch.status in ("queued", "done")
        if batch.status == "queued":  # the database backend: run what the worker would run
            assert batch.staged_name
            import_staged_run(batch.pk)
        batch.refresh_from_db()
        assert batch.status == "done" and batch.imported == 2 and batch.staged_name == ""
        assert EvidenceItem.objects.filter(source_name="big mail.mbox").count() == 2
        poll = self.client.get(reverse("evidence:batch", kwargs={"case_id": self.case.pk, "batch_id": batch.pk}),
                               headers={"HX-Request": "true"})
        assert "2 imported" in poll.content.decode() and "every 1s" not in poll.content.decode()


class ItemViewTests(VaultTestCase):
    def setUp(self):
        super().setUp()
        self.item = services.evidence_file_item(
            actor=self.owner, case=self.case, kind="email", subject="Invoice INV-7", body="Please pay.",
            attachments=[("invoice.pdf", b"%PDF-1.4 test", "application/pdf"),
                         ("page.html", b"<script>alert(1)</script>", "text/html")])
        self.login(self.owner)

    def url(self, name="item", **kw):
        return reverse(f"evidence:{name}", kwargs={"case_id": self.case.pk, "item_id": self.item.pk, **kw})

    def test_it_shows_the_hash_and_a_verified_inclusion_proof(self):
        html = self.client.get(self.url()).content.decode()
        entry = self.item.log_entries.get(entry_type="item")
        assert entry.leaf_hash in html and ">verified<" in html

    def test_it_serves_a_pdf_inline_and_anything_else_as_a_download(self):
        pdf = self.client.get(self.url("attachment", position=0))
        assert pdf["Content-Type"] == "application/pdf" and pdf["Content-Disposition"].startswith("inline")
        assert pdf["X-Content-Type-Options"] == "nosniff"
        html = self.client.get(self.url("attachment", position=1))
        assert html["Content-Type"] == "application/octet-stream"
        assert html["Content-Disposition"].startswith("attachment")
        assert b"".join(html.streaming_content) == b"<script>alert(1)</script>"
        assert self.client.get(self.url("attachment", position=7)).status_code == 404

    def test_it_tags_through_htmx(self):
        response = self.client.post(self.url("tag"), {"tag": "promise_to_pay", "action": "add"},
                                    headers={"HX-Request": "true"})
        assert response.status_code == 200 and "promise_to_pay" in response.content.decode()
        assert ItemTag.objects.filter(item=self.item, tag="promise_to_pay").exists()
        bad = self.client.post(self.url("tag"), {"tag": "no way!", "action": "add"}, headers={"HX-Request": "true"})
        assert bad.status_code == 400 and "not a usable tag" in bad.content.decode()

    def test_it_corrects_and_redacts_through_forms(self):
        response = self.client.post(self.url("correct"), {"subject": "Invoice INV-7 (final)", "body": "Please pay.",
                                                          "author": "", "reason": "Wrong subject"})
        new = EvidenceItem.objects.get(corrects=self.item)
        assert response.status_code == 302 and new.subject == "Invoice INV-7 (final)"
        response = self.client.post(self.url("redact"), {"fields_to_redact": ["body"], "reason": "private"})
        self.item.refresh_from_db()
        assert response.status_code == 302 and self.item.body == "" and self.item.redacted_fields == ["body"]

    def test_it_lets_only_members_tag_and_share(self):
        carol = User.objects.create_user("carol@northwind.example", "pw-long-enough-1")
        Grant.objects.create(case=self.case, user=carol, role="mediator")
        services.item_set_visibility(actor=self.owner, item=self.item, visibility="shared")
        self.login(carol)
        assert self.client.get(self.url()).status_code == 200
        assert self.client.post(self.url("tag"), {"tag": "agreement", "action": "add"}).status_code == 403
        assert self.client.post(self.url("visibility"), {"visibility": "private"}).status_code == 403


class OtherPagesTests(VaultTestCase):
    def setUp(self):
        super().setUp()
        self.login(self.owner)

    def url(self, name):
        return reverse(f"evidence:{name}", kwargs={"case_id": self.case.pk})

    def test_it_adds_a_call_note_from_the_form(self):
        response = self.client.post(self.url("note_new"), {
            "kind": "call_note", "body": "Carol agreed to pay 300 EUR for the blog page.", "subject": "Call",
            "participants": "Carol, Alice", "visibility": "private", "tags": ["agreement", "promise_to_pay"]})
        item = EvidenceItem.objects.get()
        assert response.status_code == 302 and item.kind == "call_note"
        assert item.participants == ["Carol", "Alice"]
        assert sorted(item.tags.values_list("tag", flat=True)) == ["agreement", "promise_to_pay"]
        register = self.client.get(self.url("agreements")).content.decode()
        assert "Carol agreed" in register

    def test_it_shows_an_empty_note_error(self):
        response = self.client.post(self.url("note_new"), {"kind": "note", "body": "   ", "visibility": "private"})
        assert response.status_code == 200 and "required" in response.content.decode().lower()

    def test_it_searches_with_highlights(self):
        services.evidence_file_item(actor=self.owner, case=self.case, kind="email", subject="Invoice INV-7",
                                    body="The invoice is attached.")
        html = self.client.get(self.url("search") + "?q=invoice").content.decode()
        assert "<mark>invoice</mark>" in html.lower() and "1 result" in html
        partial = self.client.get(self.url("search") + "?q=nothingatall", headers={"HX-Request": "true"})
        assert "Nothing found" in partial.content.decode() and "<html" not in partial.content.decode()

    def test_it_shows_the_log_key_and_verifies(self):
        services.note_add(actor=self.owner, case=self.case, body="x")
        html = self.client.get(self.url("log")).content.decode()
        assert "amicable-ws" in html and "Verify the vault now" in html
        key = self.client.get(self.url("key"))
        assert key.status_code == 200 and key.content.decode().startswith("amicable-ws")
        verified = self.client.post(self.url("verify")).content.decode()
        assert "All holds" in verified
        self.login(self.teammate)
        assert self.client.post(self.url("verify")).status_code == 404  # owners only

    def test_it_fills_step_8_of_the_case_spine(self):
        html = self.client.get(reverse("cases:case_detail", args=[self.case.pk])).content.decode()
        assert "Add your emails, chats and files" in html
        item = services.note_add(actor=self.owner, case=self.case, body="x")
        services.item_tag(actor=self.owner, item=item, tag="scope_change")
        html = self.client.get(reverse("cases:case_detail", args=[self.case.pk])).content.decode()
        assert "1 key moment tagged" in html


def test_it_keeps_upload_names_readable_but_safe():
    from amicable.evidence.views import safe_name

    assert safe_name("WhatsApp Chat with Carol.txt") == "WhatsApp Chat with Carol.txt"
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\me\\mail.mbox") == "mail.mbox"
    assert safe_name("..\x00hidden") == "hidden"
    assert safe_name("") == "upload"


class TestSharedItemViewsAreAudited(VaultTestCase):
    def test_it_records_who_opened_a_shared_item_but_not_private_ones(self):
        from amicable.evidence.services import evidence_file_item
        from amicable.mediation.models import ItemView

        carol = User.objects.create_user("carol@client.example", "x-Strong-pass-1")
        Grant.objects.create(case=self.case, user=carol, role="client")
        shared = evidence_file_item(actor=self.owner, case=self.case, kind="note", body="Shared", visibility="shared")
        private = evidence_file_item(actor=self.owner, case=self.case, kind="note", body="Mine")
        self.login(carol)
        assert self.client.get(reverse("evidence:item", kwargs={"case_id": self.case.pk, "item_id": shared.pk})).status_code == 200
        assert self.client.get(reverse("evidence:item", kwargs={"case_id": self.case.pk, "item_id": private.pk})).status_code == 404
        views = list(ItemView.objects.values_list("user__email", "item_kind", "item_id"))
        assert views == [("carol@client.example", "evidence_item", shared.pk)]
