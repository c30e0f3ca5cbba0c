"""Messaging services: state and case events after each write; sending through a local SMTP stub."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.utils import timezone

from amicable.evidence.models import EvidenceItem, LogEntry
from amicable.evidence.services import evidence_file_item
from amicable.messaging import selectors, services
from amicable.messaging.models import Concern, Draft, MailSettings, Message
from amicable.test import BaseTestCase

from .stubs import SmtpStub


def smtp_connection(port: int, timeout: int = 2):
    return get_connection("django.core.mail.backends.smtp.EmailBackend", host="127.0.0.1", port=port,
                          use_tls=False, timeout=timeout, fail_silently=False)


class TestConcerns(BaseTestCase):
    def test_it_records_a_concern_with_its_source_and_logs_it(self):
        item = evidence_file_item(actor=self.owner, case=self.case, kind="email", body="You didn't follow it!")
        c = services.concern_add(actor=self.owner, case=self.case, quote=" You didn't follow the mockup! ",
                                 type="quality", source_ref="email of 3 March", evidence_item_id=item.pk)
        assert (c.quote, c.type, c.status, c.evidence_item_id) == ("You didn't follow the mockup!", "quality",
                                                                   "open", item.pk)
        event = self.last_event()
        assert event.kind == "messaging.concern_added" and event.data["concern_id"] == c.pk

    def test_it_refuses_an_evidence_item_of_another_case(self):
        other = evidence_file_item(actor=self.stranger, case=self.stranger_case, kind="note", body="theirs")
        for item_id in (other.pk, other.pk + 1000):
            with pytest.raises(ValidationError) as info:
                services.concern_add(actor=self.owner, case=self.case, quote="x", evidence_item_id=item_id)
            assert "no evidence item" in info.value.message_dict["evidence_item_id"][0]
        assert not Concern.objects.exists()

    def test_it_refuses_bad_concerns_with_field_errors(self):
        for kwargs, field in [({"quote": "  "}, "quote"), ({"quote": "x", "type": "mood"}, "type"),
                              ({"quote": "x", "evidence_item_id": 0}, "evidence_item_id")]:
            with pytest.raises(ValidationError) as info:
                services.concern_add(actor=self.owner, case=self.case, **kwargs)
            assert field in info.value.message_dict
        assert not Concern.objects.exists()

    def test_it_changes_status_and_logs_before_and_after(self):
        c = services.concern_add(actor=self.owner, case=self.case, quote="Too expensive.", type="price")
        services.concern_set_status(actor=self.owner, concern=c, status="resolved")
        c.refresh_from_db()
        assert c.status == "resolved"
        assert self.last_event().data == {"concern_id": c.pk, "before": "open", "after": "resolved"}
        with pytest.raises(ValidationError):
            services.concern_set_status(actor=self.owner, concern=c, status="maybe")


class TestAnswers(BaseTestCase):
    def test_it_records_and_replaces_an_answer_against_a_question(self):
        services.answer_record(actor=self.owner, case=self.case, question_id="np.date", answer="End of month")
        row = services.answer_record(actor=self.owner, case=self.case, question_id="np.date", answer="30 Nov")
        assert self.case.question_answers.get().answer == "30 Nov" == row.answer
        assert row.question_text.startswith("On what date")
        assert self.last_event().kind == "messaging.answer_recorded"
        assert "np.date" not in [q.id for q in selectors.suggested_questions(self.case)]
        with pytest.raises(ValidationError):
            services.answer_record(actor=self.owner, case=self.case, question_id="nope", answer="x")


class TestDrafts(BaseTestCase):
    def draft(self, body: str = "Hi Sam, you never reply to my emails!!!") -> Draft:
        return services.draft_create(actor=self.owner, case=self.case, kind="free", subject="Hello", body=body,
                                     to_email="sam@example.com")

    def test_it_creates_a_draft_with_its_tone_and_a_first_revision(self):
        d = self.draft()
        assert d.tone_verdict == "revise" and d.tone_score < 100
        assert [r.number for r in d.revisions.all()] == [1]
        assert self.last_event().kind == "messaging.draft_created"

    def test_it_keeps_a_revision_only_when_something_changed(self):
        d = self.draft()
        services.draft_save(actor=self.owner, draft=d, subject="Hello", body=d.body, to_email=d.to_email)
        assert d.revisions.count() == 1
        services.draft_save(actor=self.owner, draft=d, subject="Hello", body="Hi Sam, thanks.", to_email="")
        assert d.revisions.count() == 2 and d.tone_verdict == "send"
        with pytest.raises(ValidationError) as info:
            services.draft_save(actor=self.owner, draft=d, subject="", body="x", to_email="not an address")
        assert "to_email" in info.value.message_dict

    def test_it_applies_the_calmer_wording(self):
        d = services.draft_apply_suggestions(actor=self.owner, draft=self.draft())
        assert d.body == "Hi Sam, I haven't had a reply to my emails yet."
        assert d.tone_verdict == "send" and d.revisions.first().note == "Calmer wording accepted"

    def test_it_sets_a_cool_off_as_a_case_deadline(self):
        d = self.draft("This is bullshit. Pay NOW!!!")
        assert d.tone_verdict == "wait"
        until = self.future(1)
        services.draft_set_cool_off(actor=self.owner, draft=d, until=until)
        deadline = self.case.deadlines.get()
        assert deadline.due_at == until and deadline.step == 1 and "Cool-off" in deadline.what
        assert selectors.open_cool_offs(self.case) == [d]
        with pytest.raises(ValidationError):
            services.draft_set_cool_off(actor=self.owner, draft=d, until=timezone.now() - dt.timedelta(hours=1))

    def test_it_sends_through_smtp_and_files_the_message(self):
        concern = services.concern_add(actor=self.owner, case=self.case, quote="You didn't follow the mockup.")
        facts = selectors.case_facts(self.case, self.owner)
        d = services.draft_acknowledge(actor=self.owner, case=self.case, facts=facts, to_email="sam@example.com")
        with SmtpStub() as stub:
            message = services.draft_send(actor=self.owner, draft=d, connection=smtp_connection(stub.port),
                                          from_email="alice@example.com")
        assert len(stub.received) == 1 and "You're concerned that I didn't follow the mockup." in stub.received[0]
        d.refresh_from_db()
        assert d.status == "sent" and message.channel == "smtp" and message.tone_report["verdict"] == "send"
        assert message.message_id.startswith("<") and message.to_email == "sam@example.com"
        concern.refresh_from_db()
        assert concern.status == "acknowledged"
        kinds = list(self.case.events.order_by("pk").values_list("kind", flat=True))
        assert "messaging.message_sent" in kinds and "evidence.filed" in kinds

    def test_it_files_a_sent_email_into_the_vault_with_its_tone_report(self):
        d = services.draft_create(actor=self.owner, case=self.case, kind="free", subject="Invoice INV-7",
                                  body="Hi Sam, thanks for the call. The invoice is attached.", to_email="sam@example.com")
        with SmtpStub() as stub:
            message = services.draft_send(actor=self.owner, draft=d, connection=smtp_connection(stub.port),
                                          from_email="alice@example.com")
        item = EvidenceItem.objects.get(case=self.case, external_id=services.sent_external_id(message))
        assert (item.kind, item.subject, item.body) == ("email", "Invoice INV-7", message.body)
        assert item.author == f"{self.owner.name} <alice@example.com>" and item.participants == ["sam@example.com"]
        assert item.added_by_role == "owner" and item.visibility == "private" and item.importer == "messaging"
        assert item.meta["tone_report"] == message.tone_report and item.meta["tone_report"]["verdict"]
        assert item.meta["messaging_message"] == message.pk and item.occurred_at == message.sent_at
        assert LogEntry.objects.filter(item=item, entry_type="item").count() == 1
        assert self.case.events.filter(kind="evidence.filed", data__item=item.pk).exists()

    def test_it_does_not_file_a_message_sent_outside_amicable(self):
        d = self.draft("Hi Sam, thanks.")
        services.draft_record_sent(actor=self.owner, draft=d)
        assert d.messages.get().channel == "manual"
        assert not EvidenceItem.objects.filter(case=self.case).exists() and not LogEntry.objects.exists()

    def test_it_records_nothing_in_the_vault_when_filing_fails(self):
        d = self.draft("Hi Sam, thanks.")
        with mock.patch("amicable.evidence.services.checkpoint_sign", side_effect=RuntimeError("disk full")), \
                SmtpStub() as stub, pytest.raises(RuntimeError):
            services.draft_send(actor=self.owner, draft=d, connection=smtp_connection(stub.port),
                                from_email="alice@example.com")
        assert not Message.objects.exists() and not EvidenceItem.objects.exists()
        assert Draft.objects.get(pk=d.pk).status == "draft"

    def test_it_keeps_the_draft_and_records_nothing_when_the_server_refuses(self):
        d = self.draft("Hi Sam, thanks.")
        events = self.case.events.count()
        with SmtpStub(mode="refuse") as stub, pytest.raises(services.SendError, match="refused the recipient"):
            services.draft_send(actor=self.owner, draft=d, connection=smtp_connection(stub.port),
                                from_email="alice@example.com")
        d.refresh_from_db()
        assert d.status == "draft" and not Message.objects.exists() and self.case.events.count() == events

    def test_it_keeps_the_draft_when_the_server_times_out(self):
        d = self.draft("Hi Sam, thanks.")
        with SmtpStub(mode="silent") as stub, pytest.raises(services.SendError, match="did not answer in time"):
            services.draft_send(actor=self.owner, draft=d, connection=smtp_connection(stub.port, timeout=1),
                                from_email="alice@example.com")
        assert Draft.objects.get(pk=d.pk).status == "draft" and not Message.objects.exists()

    def test_it_needs_a_recipient_and_refuses_to_send_twice(self):
        d = services.draft_create(actor=self.owner, case=self.case, kind="free", subject="Hi", body="Thanks.")
        with pytest.raises(ValidationError) as info:
            services.draft_send(actor=self.owner, draft=d, connection=smtp_connection(1), from_email="a@b.c")
        assert "to_email" in info.value.message_dict
        services.draft_record_sent(actor=self.owner, draft=d)
        with pytest.raises(ValidationError):
            services.draft_record_sent(actor=self.owner, draft=d)
        assert d.messages.get().channel == "manual"

    def test_it_fills_templates_from_the_case(self):
        facts = selectors.case_facts(self.case, self.owner)
        assert facts.invoices[0].number == "INV-7" and facts.invoices[0].outstanding == "EUR 2,400.00"
        d = services.draft_from_template(actor=self.owner, case=self.case, kind="firm_reminder", facts=facts)
        assert "INV-7" in d.body and "EUR 2,400.00" in d.body and d.tone_verdict == "send"
        with pytest.raises(ValidationError):
            services.draft_from_template(actor=self.owner, case=self.case, kind="acknowledge", facts=facts)


class TestMailSettings(BaseTestCase):
    def test_it_keeps_the_stored_password_when_left_empty(self):
        services.mail_settings_save(actor=self.owner, workspace=self.workspace, host="smtp.example.com", port=587,
                                    from_email="alice@example.com", username="alice", password="s3cret")
        services.mail_settings_save(actor=self.owner, workspace=self.workspace, host="smtp.example.com", port=2525,
                                    from_email="alice@example.com", username="alice", password="")
        row = MailSettings.objects.get()
        assert (row.port, row.password) == (2525, "s3cret")
        conn, sender = selectors.mail_connection(self.workspace)
        assert (conn.host, conn.port, conn.password, sender) == ("smtp.example.com", 2525, "s3cret",
                                                                 "alice@example.com")
        with pytest.raises(ValidationError) as info:
            services.mail_settings_save(actor=self.owner, workspace=self.workspace, host="", port=0,
                                        from_email="nope")
        assert "host" in info.value.message_dict
