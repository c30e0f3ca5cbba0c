import datetime as dt
from decimal import Decimal

from django.utils import timezone

from amicable.cases.models import Engagement, Milestone, Payment

from .base import ApiTestCase


class TestEngagementsApi(ApiTestCase):
    def new(self, **overrides):
        body = {"client_id": self.counterparty.pk, "title": "Brand refresh", "currency": "eur", "rate": "650",
                "rate_unit": "day", "start_date": "2026-01-05", "end_date": "2026-03-31"} | overrides
        return self.call("post", "/engagements", body)

    def test_it_creates_an_engagement_with_money_as_strings(self):
        response = self.new()
        assert response.status_code == 201, response.content
        body = response.json()
        engagement = Engagement.objects.get(pk=body["id"])
        assert (engagement.currency, engagement.rate, engagement.rate_unit) == ("EUR", Decimal("650.00"), "day")
        assert body["rate"] == "650.00" and body["currency"] == "EUR" and body["client_name"] == "Northwind Studio"
        assert body["milestones"] == [] and body["invoices"] == [] and body["case_ids"] == []

    def test_it_explains_bad_engagement_input_and_saves_nothing(self):
        before = Engagement.objects.count()
        self.assert_error(self.new(end_date="2025-12-01"), 400, "end_date", "before the start date")
        self.assert_error(self.new(currency="EURO"), 400, "currency", "ISO 4217")
        self.assert_error(self.new(rate="-5"), 400, "rate", "negative")
        self.assert_error(self.new(rate="12abc"), 400, "rate", "not a number")
        self.assert_error(self.new(rate=12.5), 422, "rate", "strings")
        self.assert_error(self.new(rate_unit="week"), 422, "rate_unit")
        self.assert_error(self.new(start_date="yesterday"), 422, "start_date")
        self.assert_error(self.new(title=""), 400, "title")
        self.assert_error(self.new(client_id="x"), 422, "client_id")
        assert Engagement.objects.count() == before

    def test_it_accepts_whole_numbers_as_amounts(self):
        assert self.new(rate=700).json()["rate"] == "700.00"

    def test_it_will_not_attach_an_engagement_to_a_strangers_client(self):
        response = self.new(client_id=self.stranger_case.engagement.client_id)
        assert response.status_code == 404
        response = self.call("post", "/engagements", {"client_id": self.counterparty.pk, "title": "X",
                                                      "currency": "EUR"}, user=self.stranger)
        assert response.status_code == 404

    def test_it_lists_and_filters_engagements(self):
        self.new()
        titles = [e["title"] for e in self.call("get", "/engagements").json()]
        assert titles == ["Brand refresh", "Website redesign"]
        other = self.call("get", f"/engagements?client_id={self.stranger_case.engagement.client_id}").json()
        assert other == []

    def test_it_updates_an_engagement_and_notes_it_on_open_cases(self):
        response = self.call("patch", f"/engagements/{self.engagement.pk}", {"scope": "Six pages", "rate": "90"})
        assert response.status_code == 200, response.content
        self.engagement.refresh_from_db()
        assert (self.engagement.scope, self.engagement.rate) == ("Six pages", Decimal("90.00"))
        assert self.last_event().kind == "engagement.updated"

    def test_it_refuses_a_currency_change_once_invoiced(self):
        response = self.call("patch", f"/engagements/{self.engagement.pk}", {"currency": "USD"})
        self.assert_error(response, 400, "currency", "cannot change")
        self.assert_error(self.call("patch", f"/engagements/{self.engagement.pk}", {"title": None}), 422, "title")
        self.engagement.refresh_from_db()
        assert self.engagement.currency == "EUR"

    def test_it_deletes_only_engagements_without_cases(self):
        self.assert_error(self.call("delete", f"/engagements/{self.engagement.pk}"), 409, "cases", "never deleted")
        spare = self.new().json()["id"]
        assert self.call("delete", f"/engagements/{spare}", user=self.readonly).status_code == 404
        assert self.call("delete", f"/engagements/{spare}").status_code == 204
        assert not Engagement.objects.filter(pk=spare).exists()

    def test_it_adds_milestones_and_changes_their_status(self):
        url = f"/engagements/{self.engagement.pk}/milestones"
        response = self.call("post", url, {"title": "Design approved", "amount": "1200", "due_date": "2026-12-01"})
        assert response.status_code == 201, response.content
        milestone = Milestone.objects.get(pk=response.json()["id"])
        assert response.json()["amount"] == "1200.00" and response.json()["currency"] == "EUR"
        assert self.last_event().kind == "milestone.added"
        response = self.call("patch", f"{url}/{milestone.pk}", {"status": "delivered"})
        assert response.status_code == 200
        milestone.refresh_from_db()
        assert (milestone.status, milestone.delivered_on) == ("delivered", timezone.localdate())
        assert self.last_event().data["status"] == "delivered"
        assert [m["id"] for m in self.call("get", url).json()] == [milestone.pk]
        self.assert_error(self.call("post", url, {"title": "X", "amount": "0"}), 400, "amount", "more than zero")
        self.assert_error(self.call("patch", f"{url}/{milestone.pk}", {"status": "done"}), 422, "status")
        assert self.call("patch", f"{url}/999999", {"status": "delivered"}).status_code == 404

    def test_it_adds_invoices_and_records_payments(self):
        url = f"/engagements/{self.engagement.pk}/invoices"
        response = self.call("post", url, {"number": "INV-8", "amount": "1000.50", "issue_date": "2026-10-01",
                                           "due_date": "2026-10-31"})
        assert response.status_code == 201, response.content
        invoice_id = response.json()["id"]
        assert response.json()["outstanding"] == "1000.50"
        self.assert_error(self.call("post", url, {"number": "INV-8", "amount": "5", "issue_date": "2026-10-01",
                                                  "due_date": "2026-10-31"}), 400, "number", "already exists")
        self.assert_error(self.call("post", url, {"number": "INV-9", "amount": "5", "issue_date": "2026-10-01",
                                                  "due_date": "2026-09-01"}), 400, "due_date", "before the issue")
        self.assert_error(self.call("post", url, {"number": "INV-9", "amount": "5.001", "issue_date": "2026-10-01",
                                                  "due_date": "2026-11-01"}), 400, "amount", "decimals")
        pay = f"{url}/{invoice_id}/payments"
        today = timezone.localdate()
        response = self.call("post", pay, {"amount": "400", "received_on": str(today), "note": "first part"})
        assert response.status_code == 201, response.content
        assert Payment.objects.get(pk=response.json()["id"]).amount == Decimal("400.00")
        assert self.last_event().kind == "payment.recorded"
        self.assert_error(self.call("post", pay, {"amount": "700", "received_on": str(today)}), 400, "amount",
                          "outstanding")
        self.assert_error(self.call("post", pay, {"amount": "10", "received_on": str(today + dt.timedelta(days=2))}),
                          400, "received_on", "future")
        detail = self.call("get", f"{url}/{invoice_id}").json()
        assert (detail["paid"], detail["outstanding"], len(detail["payments"])) == ("400.00", "600.50", 1)
        assert [p["amount"] for p in self.call("get", pay).json()] == ["400.00"]
        assert len(self.call("get", url).json()) == 2

    def test_it_does_not_reach_an_invoice_through_another_engagement(self):
        other = self.stranger_case.engagement
        invoice = other.invoices.get()
        assert self.call("get", f"/engagements/{self.engagement.pk}/invoices/{invoice.pk}").status_code == 404
        response = self.call("post", f"/engagements/{self.engagement.pk}/invoices/{invoice.pk}/payments",
                             {"amount": "1", "received_on": "2026-10-01"})
        assert response.status_code == 404
        assert not invoice.payments.exists()
