from django.core.files.uploadedfile import SimpleUploadedFile

from amicable.accounts.services import api_token_create
from amicable.contracts import services
from amicable.contracts.models import Contract
from amicable.test import BaseTestCase

from . import samples


class TestContractApi(BaseTestCase):
    def auth(self, user):
        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t').raw}"}

    def test_it_uploads_lists_and_returns_the_analysis(self):
        headers = self.auth(self.owner)
        url = f"/api/engagements/{self.engagement.pk}/contracts"
        response = self.client.post(url, {"file": SimpleUploadedFile("c.pdf", samples.as_pdf())}, **headers)
        assert response.status_code == 201, response.content
        body = response.json()
        clause = next(c for c in body["clauses"] if c["number"] == "3.2")
        assert clause["page"] == 1 and clause["types"][0]["triggers"]
        assert body["sha256"] == Contract.objects.get().sha256
        listing = self.client.get(url, **headers).json()
        assert [c["version"] for c in listing] == [1]
        detail = self.client.get(f"{url}/{body['id']}", **headers).json()
        assert any(h["key"] == "acceptance_period" and not h["present"] for h in detail["health"])

    def test_it_reports_an_unreadable_upload_without_losing_the_file(self):
        response = self.client.post(f"/api/engagements/{self.engagement.pk}/contracts",
                                    {"file": SimpleUploadedFile("x.pdf", samples.as_pdf(encrypt=True))},
                                    **self.auth(self.owner))
        assert response.status_code == 201
        assert response.json()["status"] == "unreadable" and response.json()["error_code"] == "encrypted"

    def test_it_records_a_deal_and_shows_the_case_view(self):
        headers = self.auth(self.owner)
        response = self.client.post(f"/api/engagements/{self.engagement.pk}/deal",
                                    {"payment_due_days": 14, "late_fee_rate": "2", "late_fee_period": "month"},
                                    content_type="application/json", **headers)
        assert response.status_code == 201, response.content
        view = self.client.get(f"/api/cases/{self.case.pk}/contract", **headers).json()
        assert view["contract"]["kind"] == "deal"
        assert view["relevant"][0]["summary"].startswith("Invoices are due 14 days after issue")
        assert view["relevant"][0]["quote"]

    def test_it_asks_for_the_file(self):
        response = self.client.post(f"/api/engagements/{self.engagement.pk}/contracts", {},
                                    **self.auth(self.owner))
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "file"

    def test_it_validates_deal_input(self):
        response = self.client.post(f"/api/engagements/{self.engagement.pk}/deal", {"payment_due_days": "soon"},
                                    content_type="application/json", **self.auth(self.owner))
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "payment_due_days"
        response = self.client.post(f"/api/engagements/{self.engagement.pk}/deal", {},
                                    content_type="application/json", **self.auth(self.owner))
        assert response.status_code == 400 and "at least one term" in response.json()["message"]

    def test_it_answers_404_to_strangers_and_readonly_writers(self):
        contract = services.contract_upload(actor=self.owner, engagement=self.engagement,
                                            upload=samples.as_markdown(), filename="c.md")
        stranger = self.auth(self.stranger)
        base = f"/api/engagements/{self.engagement.pk}"
        for url in (f"{base}/contracts", f"{base}/contracts/{contract.pk}", f"/api/cases/{self.case.pk}/contract"):
            assert self.client.get(url, **stranger).status_code == 404, url
        upload = {"file": SimpleUploadedFile("c.md", samples.as_markdown())}
        assert self.client.post(f"{base}/contracts", upload, **stranger).status_code == 404
        assert self.client.post(f"{base}/contracts", {"file": SimpleUploadedFile("c.md", b"1. Fees")},
                                **self.auth(self.readonly)).status_code == 404
        assert self.client.post(f"{base}/deal", {"payment_due_days": 3}, content_type="application/json",
                                **stranger).status_code == 404
        assert Contract.objects.count() == 1
