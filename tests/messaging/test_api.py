"""Messaging API: tone check, concerns, questions, drafts and sending; the gate on every route."""

from __future__ import annotations

import json

from django.core import mail

from amicable.messaging import services
from amicable.messaging.models import MailSettings, Message
from tests.api.base import ApiTestCase

from .stubs import SmtpStub, one_word_model


class TestMessagingApi(ApiTestCase):
    def test_it_checks_tone(self):
        r = self.call("post", "/tone/check", {"text": "You NEVER reply!!!"})
        assert r.status_code == 200
        body = r.json()
        assert body["verdict"] == "revise" and {f["category"] for f in body["findings"]} >= {"accusation", "shouting"}
        f = body["findings"][0]
        assert "You NEVER reply!!!"[f["start"] : f["end"]] == f["text"]
        assert all(x["replaceable"] is True for x in body["findings"])  # phrases, each with its replacement
        self.assert_error(self.call("post", "/tone/check", {"txt": "x"}), 422, "text")

    def test_it_marks_a_sentence_judged_by_the_learned_second_opinion_as_advice(self):
        from unittest import mock

        from amicable.messaging.tone import learned

        mdl = one_word_model("zorble", "threat")
        with mock.patch.object(learned, "model", lambda: mdl):
            body = self.call("post", "/tone/check", {"text": "The zorble goes out on Friday."}).json()
        (f,) = [x for x in body["findings"] if x["category"] == "threat"]
        assert f["replaceable"] is False and f["suggestion"] == learned.ADVICE["threat"]
        assert f["text"] == "The zorble goes out on Friday."

    def test_it_records_and_updates_concerns(self):
        path = f"/cases/{self.case.pk}/concerns"
        r = self.call("post", path, {"quote": "The logo is late.", "type": "delay", "source_ref": "call"})
        assert r.status_code == 201 and r.json()["status"] == "open"
        cid = r.json()["id"]
        r = self.call("patch", f"{path}/{cid}", {"status": "acknowledged"})
        assert r.json()["status"] == "acknowledged"
        assert [c["id"] for c in self.call("get", path).json()] == [cid]
        self.assert_error(self.call("post", path, {"quote": "x", "type": "mood"}), 422, "type")
        assert self.call("post", path, {"quote": "x"}, user=self.readonly).status_code == 404

    def test_it_refuses_a_concern_linked_to_another_cases_item(self):
        from amicable.evidence.services import evidence_file_item

        other = evidence_file_item(actor=self.stranger, case=self.stranger_case, kind="note", body="theirs")
        path = f"/cases/{self.case.pk}/concerns"
        self.assert_error(self.call("post", path, {"quote": "x", "evidence_item_id": other.pk}), 400,
                          "evidence_item_id")
        mine = evidence_file_item(actor=self.owner, case=self.case, kind="note", body="mine")
        r = self.call("post", path, {"quote": "x", "evidence_item_id": mine.pk})
        assert r.status_code == 201 and r.json()["evidence_item_id"] == mine.pk

    def test_it_lists_questions_and_records_answers(self):
        body = self.call("get", f"/cases/{self.case.pk}/questions").json()
        assert body["suggested"][0]["id"] == "np.received" and "INV-7" in body["suggested"][0]["text"]
        r = self.call("post", f"/cases/{self.case.pk}/questions/np.date/answer", {"answer": "Friday"})
        assert r.status_code == 201 and r.json()["question_id"] == "np.date"
        assert self.call("post", f"/cases/{self.case.pk}/questions/nope/answer", {"answer": "x"}).status_code == 404

    def test_it_creates_edits_and_sends_drafts(self):
        path = f"/cases/{self.case.pk}/drafts"
        r = self.call("post", path, {"kind": "firm_reminder"})
        assert r.status_code == 201
        draft = r.json()
        assert "INV-7" in draft["body"] and draft["tone"]["verdict"] == "send" and len(draft["revisions"]) == 1
        assert draft["to_email"] == "ap@example.com"
        r = self.call("put", f"{path}/{draft['id']}", {"subject": "Hi", "body": "You never pay!!!",
                                                       "to_email": "sam@example.com"})
        assert r.json()["tone_verdict"] == "revise" and len(r.json()["revisions"]) == 2
        r = self.call("post", f"{path}/{draft['id']}/send")
        assert r.status_code == 201 and r.json()["tone_report"]["verdict"] == "revise"
        assert len(mail.outbox) == 1
        self.assert_error(self.call("put", f"{path}/{draft['id']}", {"body": "again"}), 400, "body")

    def test_it_answers_502_and_records_nothing_when_the_server_refuses(self):
        d = services.draft_create(actor=self.owner, case=self.case, kind="free", subject="Hi", body="Thanks.",
                                  to_email="sam@example.com")
        with SmtpStub(mode="refuse") as stub:
            MailSettings.objects.create(workspace=self.workspace, host="127.0.0.1", port=stub.port, security="none",
                                        from_email="alice@example.com", timeout=2)
            r = self.client.post(f"/api/cases/{self.case.pk}/drafts/{d.pk}/send",
                                 headers={"Authorization": f"Bearer {self.tokens[self.owner.pk]}"})
        assert r.status_code == 502 and "refused" in json.loads(r.content)["message"]
        assert not Message.objects.exists()

    def test_it_starts_acknowledge_and_clarify_drafts(self):
        path = f"/cases/{self.case.pk}/drafts"
        self.assert_error(self.call("post", path, {"kind": "acknowledge"}), 400, "concerns")
        services.concern_add(actor=self.owner, case=self.case, quote="You didn't follow the mockup.")
        r = self.call("post", path, {"kind": "acknowledge"})
        assert "You're concerned that I didn't follow the mockup." in r.json()["body"]
        r = self.call("post", path, {"kind": "clarify", "question_ids": ["np.date"]})
        assert "On what date" in r.json()["body"]

    def test_a_stranger_gets_404(self):
        d = services.draft_create(actor=self.owner, case=self.case, kind="free", subject="Hi", body="Thanks.")
        for method, path in [("get", f"/cases/{self.case.pk}/concerns"), ("get", f"/cases/{self.case.pk}/drafts"),
                             ("get", f"/cases/{self.case.pk}/drafts/{d.pk}"),
                             ("post", f"/cases/{self.case.pk}/drafts/{d.pk}/send")]:
            assert self.call(method, path, user=self.stranger).status_code == 404, path
