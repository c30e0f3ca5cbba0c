from amicable.accounts.models import Grant, User
from amicable.accounts.services import api_token_create
from amicable.evidence import services
from amicable.evidence.models import EvidenceItem
from tests.api.base import ApiTestCase

from .base import MBOX, VaultTestCase


class EvidenceApiTests(VaultTestCase, ApiTestCase):
    def base(self):
        return f"/cases/{self.case.pk}/evidence"

    def test_it_pages_the_timeline_with_a_cursor(self):
        for i in range(5):
            services.note_add(actor=self.owner, case=self.case, body=f"note {i}", occurred_at=self.future(-10 + i))
        first = self.call("get", self.base() + "?limit=3").json()
        assert [i["body"] for i in first["items"]] == ["note 0", "note 1", "note 2"]
        rest = self.call("get", self.base() + f"?limit=3&cursor={first['next_cursor']}").json()
        assert [i["body"] for i in rest["items"]] == ["note 3", "note 4"] and rest["next_cursor"] == ""
        only = self.call("get", self.base() + "?kind=email").json()
        assert only["items"] == []
        bad = self.call("get", self.base() + "?since=yesterday")
        self.assert_error(bad, 422, "since", "not an ISO 8601")

    def test_it_adds_a_note_tags_it_and_finds_it(self):
        created = self.call("post", self.base() + "/notes", {"body": "Carol promised to pay on Friday.",
                                                              "kind": "call_note", "tags": ["promise_to_pay"]})
        assert created.status_code == 201
        item = created.json()
        assert item["kind"] == "call_note" and item["tags"] == ["promise_to_pay"]
        tagged = self.call("post", self.base() + f"/items/{item['id']}/tags", {"tag": "agreement"}).json()
        assert tagged == {"changed": True, "tags": ["agreement", "promise_to_pay"]}
        found = self.call("get", self.base() + "/search?q=friday").json()
        assert [r["item"]["id"] for r in found["results"]] == [item["id"]]
        assert "<mark>Friday</mark>" in found["results"][0]["snippet"]

    def test_it_returns_an_item_with_its_proof(self):
        item = services.note_add(actor=self.owner, case=self.case, body="x")
        body = self.call("get", self.base() + f"/items/{item.pk}").json()
        assert body["proof"]["valid"] and body["proof"]["tree_size"] == 1
        assert body["canonical"].startswith('{"added_at"')

    def test_it_imports_an_uploaded_file(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = self.client.post("/api" + self.base() + "/imports",
                                    {"file": SimpleUploadedFile("mail.mbox", MBOX), "tz": "UTC"},
                                    headers={"Authorization": f"Bearer {self.tokens[self.owner.pk]}"})
        assert response.status_code == 201, response.content
        batch = response.json()
        assert (batch["status"], batch["imported"], batch["importer"]) == ("done", 2, "mbox")
        again = self.call("get", self.base() + f"/imports/{batch['id']}").json()
        assert again["source_sha256"] == batch["source_sha256"]
        items = self.call("get", self.base()).json()["items"]
        pdf = next(a for i in items for a in i["attachments"])
        download = self.client.get(pdf["url"], headers={"Authorization": f"Bearer {self.tokens[self.owner.pk]}"})
        assert download.status_code == 200 and download["Content-Type"] == "application/pdf"

    def test_it_refuses_writes_from_read_only_members_and_bad_input(self):
        item = services.note_add(actor=self.owner, case=self.case, body="x")
        denied = self.call("post", self.base() + f"/items/{item.pk}/tags", {"tag": "agreement"}, user=self.readonly)
        self.assert_error(denied, 403, None, "not change")
        bad = self.call("post", self.base() + f"/items/{item.pk}/tags", {"tag": "<b>"})
        self.assert_error(bad, 400, "tag", "not a usable tag")
        unknown = self.call("post", self.base() + f"/items/{item.pk}/redactions", {"fields": ["kind"], "reason": "r"})
        assert unknown.status_code == 422

    def test_it_corrects_redacts_and_shares(self):
        item = services.note_add(actor=self.owner, case=self.case, body="Call on Monday")
        new = self.call("post", self.base() + f"/items/{item.pk}/corrections",
                        {"reason": "It was Tuesday", "body": "Call on Tuesday"}).json()
        assert new["corrects_id"] == item.pk and new["body"] == "Call on Tuesday"
        redacted = self.call("post", self.base() + f"/items/{new['id']}/redactions",
                             {"fields": ["body"], "reason": "private"}).json()
        assert redacted["body"] == "" and redacted["redacted_fields"] == ["body"]
        shared = self.call("post", self.base() + f"/items/{new['id']}/visibility", {"visibility": "shared"}).json()
        assert shared["visibility"] == "shared"

    def test_it_shows_a_client_only_shared_items_and_verifies_for_owners(self):
        carol = User.objects.create_user("carol@northwind.example", "pw-long-enough-1")
        Grant.objects.create(case=self.case, user=carol, role="client")
        token = api_token_create(user=carol, name="t").raw
        services.note_add(actor=self.owner, case=self.case, body="private")
        shared = services.note_add(actor=self.owner, case=self.case, body="shared")
        services.item_set_visibility(actor=self.owner, item=shared, visibility="shared")
        seen = self.call("get", self.base(), token=token).json()["items"]
        assert [i["body"] for i in seen] == ["shared"]
        assert self.call("get", self.base() + "/log", token=token).status_code == 403
        note = self.call("post", self.base() + "/notes", {"body": "My view", "visibility": "private"}, token=token)
        assert note.json()["visibility"] == "shared" and note.json()["added_by_role"] == "client"
        report = self.call("post", self.base() + "/verify").json()
        assert report["ok"] and report["items"] == 3
        assert self.call("post", self.base() + "/verify", user=self.teammate).status_code == 404
        assert EvidenceItem.objects.count() == 3

    def test_it_gives_a_consistency_proof_between_checkpoints(self):
        from amicable.lib import merkle

        for i in range(3):
            services.note_add(actor=self.owner, case=self.case, body=f"n{i}")
        body = self.call("get", self.base() + "/log/consistency?old=1&new=3").json()
        proof = [bytes.fromhex(h) for h in body["proof"]]
        assert merkle.verify_consistency(1, 3, bytes.fromhex(body["old"]["root_hash"]),
                                         bytes.fromhex(body["new"]["root_hash"]), proof)
        self.assert_error(self.call("get", self.base() + "/log/consistency?old=2&new=9"), 422, "new", "size 9")
        self.assert_error(self.call("get", self.base() + "/log/consistency?old=3&new=1"), 422, "old", "not be larger")
