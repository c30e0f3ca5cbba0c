import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from amicable.cases import services
from amicable.cases.models import CaseEvent, Client, Engagement, Invoice, Payment
from amicable.test import BaseTestCase


class TestClientAndEngagement(BaseTestCase):
    def test_it_creates_a_client_with_clean_fields(self):
        client = services.client_create(actor=self.owner, workspace=self.workspace, name="  Acme  ", country="gb")
        assert (client.name, client.country, client.workspace) == ("Acme", "GB", self.workspace)

    def test_it_rejects_blank_names_and_bad_countries(self):
        with pytest.raises(ValidationError) as exc:
            services.client_create(actor=self.owner, workspace=self.workspace, name=" ")
        assert "name" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            services.client_create(actor=self.owner, workspace=self.workspace, name="X", country="Germany")
        assert "country" in exc.value.message_dict
        assert Client.objects.filter(workspace=self.workspace).count() == 1

    def test_it_rejects_end_before_start_and_unknown_currency(self):
        with pytest.raises(ValidationError) as exc:
            services.engagement_create(actor=self.owner, client=self.counterparty, title="T", currency="EUR",
                                       start_date=dt.date(2026, 5, 2), end_date=dt.date(2026, 5, 1))
        assert "before the start date" in exc.value.message_dict["end_date"][0]
        with pytest.raises(ValidationError) as exc:
            services.engagement_create(actor=self.owner, client=self.counterparty, title="T", currency="XYZ")
        assert "ISO 4217" in exc.value.message_dict["currency"][0]
        with pytest.raises(ValidationError) as exc:
            services.engagement_create(actor=self.owner, client=self.counterparty, title="T", currency="EUR", rate="-1")
        assert "negative" in exc.value.message_dict["rate"][0]
        assert Engagement.objects.filter(client=self.counterparty).count() == 1

    def test_it_refuses_a_currency_change_once_invoiced(self):
        with pytest.raises(ValidationError, match="cannot change"):
            services.engagement_update(actor=self.owner, engagement=self.engagement, currency="USD")
        self.engagement.refresh_from_db()
        assert self.engagement.currency == "EUR"

    def test_it_logs_engagement_updates_on_open_cases(self):
        services.engagement_update(actor=self.owner, engagement=self.engagement, title="Site v2")
        assert self.last_event().kind == "engagement.updated"


class TestInvoicesAndPayments(BaseTestCase):
    def test_it_adds_an_invoice_and_logs_it_on_the_case(self):
        inv = services.invoice_add(actor=self.owner, engagement=self.engagement, number="INV-8", amount="100.50",
                                   issue_date=dt.date(2026, 10, 1), due_date=dt.date(2026, 10, 31))
        assert inv.amount == Decimal("100.50")
        event = self.last_event()
        assert event.kind == "invoice.added" and event.data == {"invoice_id": inv.pk}

    def test_it_rejects_duplicate_numbers_and_due_before_issue(self):
        with pytest.raises(ValidationError, match="already exists"):
            services.invoice_add(actor=self.owner, engagement=self.engagement, number="INV-7", amount="1",
                                 issue_date=dt.date(2026, 1, 1), due_date=dt.date(2026, 1, 2))
        with pytest.raises(ValidationError) as exc:
            services.invoice_add(actor=self.owner, engagement=self.engagement, number="INV-9", amount="1",
                                 issue_date=dt.date(2026, 1, 5), due_date=dt.date(2026, 1, 2))
        assert "before the issue date" in exc.value.message_dict["due_date"][0]
        assert Invoice.objects.filter(engagement=self.engagement).count() == 1

    def test_it_records_payments_but_never_more_than_outstanding(self):
        services.payment_record(actor=self.owner, invoice=self.invoice, amount="400", received_on=dt.date(2026, 9, 20))
        assert self.invoice.outstanding() == Decimal("2000")
        with pytest.raises(ValidationError, match="more than the EUR 2000"):
            services.payment_record(actor=self.owner, invoice=self.invoice, amount="2000.01",
                                    received_on=dt.date(2026, 9, 21))
        assert Payment.objects.filter(invoice=self.invoice).count() == 1
        assert self.last_event().kind == "payment.recorded"

    def test_it_refuses_future_payments(self):
        with pytest.raises(ValidationError, match="future"):
            services.payment_record(actor=self.owner, invoice=self.invoice, amount="1",
                                    received_on=dt.date.today() + dt.timedelta(days=5))


class TestCases(BaseTestCase):
    def test_it_opens_a_case_with_its_first_event(self):
        case = services.case_open(actor=self.owner, engagement=self.engagement, title="Scope", dispute_types=["scope_creep"],
                                  amount="300", currency="eur")
        assert (case.currency, case.amount_in_dispute, case.stage) == ("EUR", Decimal("300.00"), "intake")
        event = case.events.get()
        assert event.kind == "case.opened" and event.actor == self.owner and event.data["amount"] == "300.00"

    def test_it_rejects_unknown_types_and_bad_amounts_without_saving(self):
        count = self.engagement.cases.count()
        with pytest.raises(ValidationError, match="Unknown dispute type"):
            services.case_open(actor=self.owner, engagement=self.engagement, title="X", dispute_types=["theft"])
        with pytest.raises(ValidationError) as exc:
            services.case_open(actor=self.owner, engagement=self.engagement, title="X", amount="twelve")
        assert "not a number" in exc.value.message_dict["amount"][0]
        assert self.engagement.cases.count() == count

    def test_it_saves_intake_and_confirms_types(self):
        services.case_intake_save(actor=self.owner, case=self.case, answers={"agreed": "5 pages", "amount": "2,000",
                                                                              "currency": "EUR"})
        self.case.refresh_from_db()
        assert self.case.intake["agreed"] == "5 pages" and self.case.amount_in_dispute == Decimal("2000")
        services.case_types_confirm(actor=self.owner, case=self.case, dispute_types=["non_payment", "quality"])
        self.case.refresh_from_db()
        assert self.case.dispute_types == ["non_payment", "quality"] and self.case.types_confirmed_at
        assert self.last_event().data == {"before": ["non_payment"], "after": ["non_payment", "quality"]}

    def test_it_requires_at_least_one_type(self):
        with pytest.raises(ValidationError, match="at least one"):
            services.case_types_confirm(actor=self.owner, case=self.case, dispute_types=[])

    def test_it_keeps_the_activity_log_append_only(self):
        from amicable.cases.models import AppendOnlyError

        event = self.case.events.first()
        event.summary = "rewritten"
        with pytest.raises(AppendOnlyError):
            event.save()
        with pytest.raises(AppendOnlyError):
            event.delete()
        assert CaseEvent.objects.get(pk=event.pk).summary.startswith("Case opened")


class TestDeadlines(BaseTestCase):
    def test_it_adds_completes_and_cancels_deadlines(self):
        d = services.deadline_add(actor=self.owner, case=self.case, what="Reply to notice", due_at=self.future(3),
                                  if_missed="Move to letter before claim", step=9)
        assert d.is_open and self.last_event().kind == "deadline.added"
        services.deadline_complete(actor=self.owner, deadline=d)
        d.refresh_from_db()
        assert d.done_at and self.last_event().kind == "deadline.done"
        with pytest.raises(ValidationError, match="already done"):
            services.deadline_cancel(actor=self.owner, deadline=d)

    def test_it_rejects_past_and_naive_due_times(self):
        with pytest.raises(ValidationError, match="in the past"):
            services.deadline_add(actor=self.owner, case=self.case, what="X", due_at=self.future(-1))
        with pytest.raises(ValidationError, match="time zone"):
            services.deadline_add(actor=self.owner, case=self.case, what="X", due_at=dt.datetime(2030, 1, 1))
        assert not self.case.deadlines.exists()
