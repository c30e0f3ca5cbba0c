"""Messaging pages: gate, forms, one service per write, HTMX tone panel, sending and the rewrite flow."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from amicable.messaging import services
from amicable.messaging.models import Concern, Draft, MailSettings, Message
from amicable.test import BaseTestCase

from .stubs import ChatStub, SmtpStub, one_word_model


class MessagingPageTest(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.owner)

    def url(self, name: str, *args: object) -> str:
        return reverse(f"messaging:{name}", args=[self.case.pk, *args])

    def draft(self, body: str = "You never reply to my emails!!!", **kw) -> Draft:
        return services.draft_create(actor=self.owner, case=self.case, kind=kw.pop("kind", "free"),
                                     subject="Hello", body=body, to_email="sam@example.com", **kw)


class TestConcernPages(MessagingPageTest):
    def test_it_records_a_concern_and_shows_it_restated(self):
        response = self.client.post(self.url("concerns"), {"quote": "You didn't follow the mockup!", "type": "quality",
                                                           "source_ref": "email of 3 March"})
        assert response.status_code == 302
        concern = self.case.concerns.get()
        assert concern.source_ref == "email of 3 March"
        page = self.client.get(self.url("concerns")).content.decode()
        assert "You&#x27;re concerned that I didn&#x27;t follow the mockup." in page

    def test_it_shows_form_errors(self):
        response = self.client.post(self.url("concerns"), {"quote": "", "type": "quality"})
        assert response.status_code == 400 and not Concern.objects.exists()

    def test_it_writes_the_acknowledgement_from_open_concerns(self):
        services.concern_add(actor=self.owner, case=self.case, quote="The invoice is too high.", type="price")
        response = self.client.post(self.url("acknowledge"))
        draft = self.case.drafts.get()
        assert response.status_code == 302 and response["Location"] == self.url("draft", draft.pk)
        assert draft.kind == "acknowledge" and "You're concerned that the invoice is too high." in draft.body
        assert draft.to_email == "ap@example.com"

    def test_it_changes_a_status(self):
        c = services.concern_add(actor=self.owner, case=self.case, quote="Late again.", type="delay")
        self.client.post(self.url("concern_status", c.pk), {"status": "answered"})
        c.refresh_from_db()
        assert c.status == "answered"

    def test_a_read_only_member_sees_but_cannot_write(self):
        self.login(self.readonly)
        assert self.client.get(self.url("concerns")).status_code == 200
        assert self.client.post(self.url("concerns"), {"quote": "x", "type": "other"}).status_code == 404
        assert not Concern.objects.exists()


class TestQuestionPages(MessagingPageTest):
    def test_it_lists_questions_not_answered_by_the_intake_and_writes_the_message(self):
        page = self.client.get(self.url("questions")).content.decode()
        assert "Could you confirm that you received invoice INV-7" in page
        response = self.client.post(self.url("questions"), {"question_ids": ["np.received", "np.date"]})
        draft = self.case.drafts.get()
        assert response.status_code == 302 and draft.kind == "clarify"
        assert "1. Could you confirm that you received invoice INV-7" in draft.body
        assert draft.meta == {"question_ids": ["np.received", "np.date"]}

    def test_it_adds_questions_to_a_reply_being_written(self):
        d = services.draft_create(actor=self.owner, case=self.case, kind="free", subject="Re: invoice",
                                  body="Hi Sam,\n\nThanks for your email.\n\nBest regards,\nAlice")
        response = self.client.post(self.url("questions"), {"question_ids": ["np.date"], "draft_id": d.pk})
        d.refresh_from_db()
        assert response.status_code == 302 and response["Location"] == self.url("draft", d.pk)
        assert d.body.index("1. On what date do you expect") < d.body.index("Best regards,")
        assert d.meta["question_ids"] == ["np.date"] and d.revisions.first().note == "Clarifying questions added"

    def test_it_records_an_answer_as_a_case_fact(self):
        self.client.post(self.url("answer", "np.date"), {"answer": "On 30 November", "source_ref": "call"})
        assert self.case.question_answers.get().answer == "On 30 November"
        case_page = self.client.get(reverse("cases:case_detail", args=[self.case.pk])).content.decode()
        assert "On 30 November" in case_page

    def test_an_unknown_question_is_404(self):
        assert self.client.post(self.url("answer", "no.such"), {"answer": "x"}).status_code == 404


class TestComposer(MessagingPageTest):
    def test_it_starts_a_draft_from_a_template(self):
        response = self.client.post(self.url("compose"), {"kind": "payment_reminder"})
        draft = self.case.drafts.get()
        assert response.status_code == 302 and "INV-7" in draft.body and "EUR 2,400.00" in draft.body

    def test_it_shows_the_live_tone_panel_with_htmx_debounce(self):
        d = self.draft()
        page = self.client.get(self.url("draft", d.pk)).content.decode()
        assert 'hx-trigger="keyup changed delay:400ms"' in page
        assert f'hx-post="{self.url("draft_tone", d.pk)}"' in page
        panel = self.client.post(self.url("draft_tone", d.pk), {"body": "Whatever. You ALWAYS do this!!"},
                                 HTTP_HX_REQUEST="true").content.decode()
        assert 'id="tone-panel"' in panel and "Dismissive" in panel and '<mark class="tone-bad"' in panel
        assert "Try:" in panel

    def test_it_escapes_the_text_in_the_panel(self):
        d = self.draft()
        panel = self.client.post(self.url("draft_tone", d.pk), {"body": "<script>alert(1)</script> you idiot"})
        assert b"<script>alert" not in panel.content and b"&lt;script&gt;" in panel.content

    def test_it_saves_edits_with_history_and_applies_suggestions(self):
        d = self.draft()
        self.client.post(self.url("draft", d.pk), {"to_email": "sam@example.com", "subject": "Hi",
                                                   "body": "You never reply to my emails!!! Per my last email."})
        self.client.post(self.url("draft_apply", d.pk))
        d.refresh_from_db()
        assert d.body == "I haven't had a reply to my emails yet. To recap."
        assert d.revisions.count() == 3

    def test_accepting_suggestions_keeps_what_was_typed_first(self):
        d = self.draft("Hi Sam.")
        self.client.post(self.url("draft_apply", d.pk), {"to_email": "sam@example.com", "subject": "Hi",
                                                         "body": "Whatever. You never pay on time!!"})
        d.refresh_from_db()
        assert d.body == "I understand. The payment didn't arrive on time."
        assert [r.note for r in d.revisions.all()][:2] == ["Calmer wording accepted", "Edited"]

    def test_it_rejects_an_invalid_address(self):
        d = self.draft()
        response = self.client.post(self.url("draft", d.pk), {"to_email": "nope", "subject": "", "body": "Hi"})
        assert response.status_code == 400 and b"valid email" in response.content

    def test_it_sends_and_files_the_message(self):
        d = self.draft("Hi Sam, thank you. Invoice INV-7 is attached.")
        response = self.client.post(self.url("draft_send", d.pk))
        assert response.status_code == 302
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sam@example.com"]
        message = Message.objects.get()
        assert message.tone_report["verdict"] == "send" and message.channel == "smtp"
        assert self.client.get(self.url("message", message.pk)).status_code == 200

    def test_a_refused_send_keeps_the_draft_and_shows_why(self):
        MailSettings.objects.create(workspace=self.workspace, host="127.0.0.1", port=1, security="none",
                                    from_email="alice@example.com", timeout=2)
        d = self.draft("Hi Sam, thanks.")
        with SmtpStub(mode="refuse") as stub:
            MailSettings.objects.update(port=stub.port)
            response = self.client.post(self.url("draft_send", d.pk), follow=True)
        assert b"Not sent." in response.content and b"refused the recipient" in response.content
        assert Draft.objects.get(pk=d.pk).status == "draft" and not Message.objects.exists()

    def test_it_sends_through_the_workspace_smtp_settings(self):
        d = self.draft("Hi Sam, thanks.")
        with SmtpStub() as stub:
            MailSettings.objects.create(workspace=self.workspace, host="127.0.0.1", port=stub.port, security="none",
                                        from_email="alice@example.com", timeout=2)
            self.client.post(self.url("draft_send", d.pk))
        assert len(stub.received) == 1 and "From: alice@example.com" in stub.received[0]
        assert Message.objects.get().from_email == "alice@example.com"

    def test_it_downloads_an_eml_and_files_a_self_sent_message(self):
        d = self.draft("Hi Sam, thanks.")
        response = self.client.get(self.url("draft_eml", d.pk))
        assert response["Content-Type"] == "message/rfc822" and b"Subject: Hello" in response.content
        self.client.post(self.url("draft_mark_sent", d.pk))
        assert Message.objects.get().channel == "manual"

    def test_it_sets_a_cool_off_shown_on_the_case(self):
        d = self.draft("This is bullshit!!!")
        when = timezone.localtime(timezone.now() + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
        self.client.post(self.url("draft_cool_off", d.pk), {"until": when})
        d.refresh_from_db()
        assert d.cool_off_until is not None
        page = self.client.get(reverse("cases:case_detail", args=[self.case.pk])).content.decode()
        assert "Cool-off" in page

    def test_the_rewrite_shows_the_request_then_sends_only_on_confirmation(self):
        d = self.draft("You NEVER pay on time!!!")
        with ChatStub() as stub, override_settings(AMICABLE_LLM_BASE_URL=stub.url, AMICABLE_LLM_MODEL="m",
                                                   AMICABLE_LLM_API_KEY="sk-hidden"):
            page = self.client.get(self.url("draft_rewrite", d.pk)).content.decode()
            assert "You NEVER pay on time!!!" in page and "sk-hidden" not in page and stub.requests == []
            page = self.client.post(self.url("draft_rewrite", d.pk)).content.decode()
            assert len(stub.requests) == 1 and "could you let me know when the payment is planned" in page
        self.client.post(self.url("draft_use_rewrite", d.pk), {"text": stub.server.reply})
        d.refresh_from_db()
        assert d.body == stub.server.reply and d.revisions.first().note == "Rewrite suggestion used"

    def test_the_rewrite_is_off_by_default(self):
        d = self.draft()
        assert "Suggest a rewrite" not in self.client.get(self.url("draft", d.pk)).content.decode()
        assert self.client.get(self.url("draft_rewrite", d.pk)).status_code == 302

    def test_a_stranger_gets_404_on_every_messaging_page(self):
        d = self.draft()
        c = services.concern_add(actor=self.owner, case=self.case, quote="x")
        m = services.draft_record_sent(actor=self.owner, draft=self.draft("Thanks."))
        self.login(self.stranger)
        for name, args in [("concerns", []), ("questions", []), ("compose", []), ("draft", [d.pk]),
                           ("draft_eml", [d.pk]), ("draft_rewrite", [d.pk]), ("message", [m.pk])]:
            assert self.client.get(self.url(name, *args)).status_code == 404, name
        for name, args in [("concern_status", [c.pk]), ("acknowledge", []), ("answer", ["np.date"]),
                           ("draft_tone", [d.pk]), ("draft_apply", [d.pk]), ("draft_send", [d.pk]),
                           ("draft_mark_sent", [d.pk]), ("draft_cool_off", [d.pk]), ("draft_use_rewrite", [d.pk])]:
            assert self.client.post(self.url(name, *args)).status_code == 404, name
        assert not Message.objects.exclude(pk=m.pk).exists()


class TestOtherPages(BaseTestCase):
    def test_the_tone_scratch_pad_checks_without_storing(self):
        self.login(self.owner)
        page = self.client.post(reverse("messaging:tone"), {"body": "Per my last email, pay NOW!!!"}).content.decode()
        assert "Passive-aggressive" in page and "Shouting" in page
        assert not Draft.objects.exists()

    def test_mail_settings_never_show_the_password(self):
        self.login(self.owner)
        url = reverse("messaging:mail_settings")
        self.client.post(url, {"host": "smtp.example.com", "port": 587, "security": "starttls", "username": "alice",
                               "password": "s3cret-pass", "from_email": "alice@example.com", "timeout": 20})
        assert MailSettings.objects.get().password == "s3cret-pass"
        page = self.client.get(url).content.decode()
        assert "s3cret-pass" not in page and "smtp.example.com" in page and "one is stored now" in page

    @override_settings(LOCAL_MODE=False)
    def test_mail_settings_are_set_in_the_environment_in_server_mode(self):
        self.login(self.owner)
        assert self.client.get(reverse("messaging:mail_settings")).status_code == 404

    def test_mail_settings_are_the_owners(self):
        self.login(self.teammate)
        assert self.client.get(reverse("messaging:mail_settings")).status_code == 404


class TestPlaybook(MessagingPageTest):
    def test_it_fills_steps_one_to_four_from_data(self):
        from amicable.cases.playbook import playbook_for

        steps = {s.number: s for s in playbook_for(self.case, self.owner)}
        assert steps[2].state == "todo" and steps[2].next_action.label == "Record the client's concerns"
        c = services.concern_add(actor=self.owner, case=self.case, quote="Too slow.", type="delay")
        services.answer_record(actor=self.owner, case=self.case, question_id="np.date", answer="Friday")
        d = self.draft("Hi Sam, thanks for your patience.", meta={"concern_ids": [c.pk]})
        services.draft_record_sent(actor=self.owner, draft=d)
        steps = {s.number: s for s in playbook_for(self.case, self.owner)}
        assert steps[1].done and steps[2].done and steps[4].done
        assert any("Clarifying answers recorded: 1" in item for item in steps[3].done_items)
        assert steps[3].info.title == "Clarify the issue"


class TestQuoteIntoDraft(BaseTestCase):
    QUOTE = "Clause 5.2 (page 2): Invoices are due 14 days after issue."

    def test_it_starts_a_new_draft_with_the_quote(self):
        from amicable.messaging.models import Draft

        self.login(self.owner)
        page = self.client.get(f"/cases/{self.case.pk}/messages/", {"quote": self.QUOTE}).content.decode()
        assert "Quote from your contract" in page and "Invoices are due 14 days" in page
        response = self.client.post(f"/cases/{self.case.pk}/messages/", {"quote": self.QUOTE, "draft_id": ""})
        draft = Draft.objects.get(case=self.case)
        assert response.status_code == 302 and draft.body == self.QUOTE and draft.kind == "free"
        assert self.case.events.filter(kind="messaging.draft_created").exists()

    def test_it_appends_the_quote_to_an_open_draft(self):
        from amicable.messaging import services

        draft = services.draft_create(actor=self.owner, case=self.case, kind="free", subject="Hi", body="Dear Carol,")
        self.login(self.owner)
        self.client.post(f"/cases/{self.case.pk}/messages/", {"quote": self.QUOTE, "draft_id": draft.pk})
        draft.refresh_from_db()
        assert draft.body == f"Dear Carol,\n\n{self.QUOTE}"

    def test_it_refuses_an_empty_quote_and_strangers(self):
        from amicable.messaging.models import Draft

        self.login(self.owner)
        self.client.post(f"/cases/{self.case.pk}/messages/", {"quote": "  "})
        assert not Draft.objects.exists()
        self.login(self.readonly)
        assert self.client.post(f"/cases/{self.case.pk}/messages/", {"quote": self.QUOTE}).status_code == 404
        self.login(self.stranger)
        assert self.client.post(f"/cases/{self.case.pk}/messages/", {"quote": self.QUOTE}).status_code == 404
        assert not Draft.objects.exists()


class TestConcernFromEvidence(MessagingPageTest):
    def item(self):
        from amicable.evidence.services import evidence_file_item

        return evidence_file_item(actor=self.owner, case=self.case, kind="email", subject="Re: mockup",
                                  body="You didn't follow the mockup at all.")

    def test_it_offers_record_as_concern_on_the_item_page_for_members(self):
        item = self.item()
        page = self.client.get(reverse("evidence:item", args=[self.case.pk, item.pk])).content.decode()
        assert "Record as concern" in page and f'{self.url("concerns")}?item={item.pk}' in page
        assert f'name="evidence_item_id" value="{item.pk}"' in page and "evidence/quote.js" in page
        self.login(self.readonly)
        page = self.client.get(reverse("evidence:item", args=[self.case.pk, item.pk])).content.decode()
        assert "Record as concern" not in page

    def test_it_records_the_selected_quote_against_the_item_and_links_back(self):
        item = self.item()
        response = self.client.post(f'{self.url("concerns")}?item={item.pk}', {
            "quote": "You didn't follow the mockup", "type": "quality", "evidence_item_id": item.pk,
            "source_ref": item.title})
        assert response.status_code == 302
        concern = self.case.concerns.get()
        assert concern.evidence_item_id == item.pk and concern.quote == "You didn't follow the mockup"
        assert self.last_event().kind == "messaging.concern_added"
        page = self.client.get(self.url("concerns")).content.decode()
        assert reverse("evidence:item", args=[self.case.pk, item.pk]) in page

    def test_it_prefills_the_form_from_the_query(self):
        item = self.item()
        page = self.client.get(f'{self.url("concerns")}?item={item.pk}&quote=Too+slow').content.decode()
        assert "Too slow</textarea>" in page and f'value="{item.pk}"' in page

    def test_it_refuses_an_item_of_another_case(self):
        from amicable.evidence.services import evidence_file_item

        other = evidence_file_item(actor=self.stranger, case=self.stranger_case, kind="note", body="theirs")
        response = self.client.post(self.url("concerns"), {"quote": "x", "type": "other",
                                                           "evidence_item_id": other.pk})
        assert response.status_code == 400 and not Concern.objects.exists()
        assert "This case has no evidence item" in response.content.decode()


class TestLearnedFindingsOnThePage(BaseTestCase):
    def test_a_whole_sentence_gets_advice_and_phrases_inside_keep_their_marks(self):
        from unittest import mock

        from amicable.messaging.tone import check, learned
        from amicable.messaging.views import highlighted

        mdl = one_word_model("zorble", "sarcasm")
        self.login(self.owner)
        text = "The zorble is LATE again."
        with mock.patch.object(learned, "model", lambda: mdl):
            page = self.client.post(reverse("messaging:tone"),
                                    {"body": "The zorble is here. " + text}).content.decode()
            marked = str(highlighted(text, check(text)))
        assert "How to put it: " + learned.ADVICE["sarcasm"] in page
        # the first sentence is marked whole; in the second, the shouted word keeps its own mark
        assert "The zorble is here.</mark>" in page
        assert marked.count("<mark") == 1 and ">LATE</mark>" in marked
        assert not Draft.objects.exists()
