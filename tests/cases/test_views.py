from decimal import Decimal

from django.urls import reverse

from amicable.cases.models import Case, Client, Deadline, Engagement, Invoice, Milestone, Payment
from amicable.test import BaseTestCase


class TestClientViews(BaseTestCase):
    def test_it_creates_a_client(self):
        self.login(self.owner)
        response = self.client.post(reverse("cases:client_new"), {"name": "Globex", "country": "fr"})
        client = Client.objects.get(name="Globex")
        assert response.status_code == 302 and client.country == "FR" and client.workspace == self.workspace

    def test_it_shows_errors_next_to_fields_and_saves_nothing(self):
        self.login(self.owner)
        response = self.client.post(reverse("cases:client_new"), {"name": "Globex", "country": "France"})
        assert response.status_code == 200
        assert "Use the two-letter country code" in response.content.decode()
        assert 'aria-invalid="true"' in response.content.decode()
        assert not Client.objects.filter(name="Globex").exists()

    def test_it_edits_a_client(self):
        self.login(self.teammate)
        self.client.post(reverse("cases:client_edit", args=[self.counterparty.pk]), {"name": "Northwind GmbH"})
        self.counterparty.refresh_from_db()
        assert self.counterparty.name == "Northwind GmbH"

    def test_it_gives_readonly_members_404_on_edits(self):
        self.login(self.readonly)
        response = self.client.post(reverse("cases:client_edit", args=[self.counterparty.pk]), {"name": "Hacked"})
        assert response.status_code == 404
        self.counterparty.refresh_from_db()
        assert self.counterparty.name == "Northwind Studio"


class TestEngagementViews(BaseTestCase):
    def test_it_creates_an_engagement(self):
        self.login(self.owner)
        data = {"client": self.counterparty.pk, "title": "Brand book", "currency": "GBP", "rate": "500",
                "rate_unit": "day", "start_date": "2026-01-01", "end_date": "2026-02-01"}
        response = self.client.post(reverse("cases:engagement_new"), data)
        engagement = Engagement.objects.get(title="Brand book")
        assert response.status_code == 302 and engagement.rate == Decimal("500") and engagement.currency == "GBP"

    def test_it_reports_end_before_start(self):
        self.login(self.owner)
        data = {"client": self.counterparty.pk, "title": "Brand book", "currency": "EUR", "rate_unit": "day",
                "start_date": "2026-03-01", "end_date": "2026-02-01"}
        response = self.client.post(reverse("cases:engagement_new"), data)
        assert "is before the start date" in response.content.decode()
        assert not Engagement.objects.filter(title="Brand book").exists()

    def test_it_refuses_another_workspaces_client(self):
        self.login(self.owner)
        data = {"client": self.stranger_case.engagement.client_id, "title": "Sneaky", "currency": "EUR",
                "rate_unit": "hour"}
        response = self.client.post(reverse("cases:engagement_new"), data)
        assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
        assert not Engagement.objects.filter(title="Sneaky").exists()

    def test_it_adds_milestones_invoices_and_payments(self):
        self.login(self.owner)
        e = self.engagement
        self.client.post(reverse("cases:milestone_add", args=[e.pk]), {"ms-title": "Wireframes", "ms-amount": "600",
                                                                       "ms-status": "delivered"})
        milestone = Milestone.objects.get(title="Wireframes")
        assert milestone.delivered_on is None or milestone.status == "delivered"
        self.client.post(reverse("cases:milestone_status", args=[e.pk, milestone.pk]), {"status": "accepted"})
        milestone.refresh_from_db()
        assert milestone.status == "accepted" and milestone.delivered_on
        self.client.post(reverse("cases:invoice_add", args=[e.pk]), {"inv-number": "INV-8", "inv-amount": "600",
                                                                     "inv-issue_date": "2026-10-01",
                                                                     "inv-due_date": "2026-10-15"})
        invoice = Invoice.objects.get(number="INV-8")
        self.client.post(reverse("cases:payment_add", args=[e.pk, invoice.pk]), {"pay-amount": "100",
                                                                                  "pay-received_on": "2026-10-10"})
        assert Payment.objects.get(invoice=invoice).amount == Decimal("100")
        kinds = list(self.case.events.values_list("kind", flat=True))
        assert {"milestone.added", "milestone.status", "invoice.added", "payment.recorded"} <= set(kinds)

    def test_it_reports_a_bad_invoice_amount(self):
        self.login(self.owner)
        response = self.client.post(reverse("cases:invoice_add", args=[self.engagement.pk]), {
            "inv-number": "INV-9", "inv-amount": "12abc", "inv-issue_date": "2026-10-01", "inv-due_date": "2026-10-15"})
        assert response.status_code == 400 and "is not a number" in response.content.decode()
        assert not Invoice.objects.filter(number="INV-9").exists()

    def test_it_refuses_a_payment_above_outstanding(self):
        self.login(self.owner)
        response = self.client.post(reverse("cases:payment_add", args=[self.engagement.pk, self.invoice.pk]),
                                    {"pay-amount": "9999", "pay-received_on": "2026-10-10"})
        assert response.status_code == 400 and "still outstanding" in response.content.decode()
        assert not self.invoice.payments.exists()


class TestCaseViews(BaseTestCase):
    def test_it_opens_a_case_and_sends_the_user_to_intake(self):
        self.login(self.owner)
        response = self.client.post(reverse("cases:case_new"), {"engagement": self.engagement.pk, "title": "Scope row"})
        case = Case.objects.get(title="Scope row")
        assert response["Location"] == reverse("cases:intake", args=[case.pk])
        assert case.events.get().kind == "case.opened"

    def test_it_shows_the_playbook_with_ten_steps(self):
        self.login(self.owner)
        body = self.client.get(reverse("cases:case_detail", args=[self.case.pk])).content.decode()
        for n in range(1, 11):
            assert f'id="step-{n}"' in body
        assert "Start the intake" in body

    def test_it_moves_the_stage_from_the_page(self):
        self.login(self.owner)
        self.client.post(reverse("cases:case_transition", args=[self.case.pk]), {"to": "clarifying"})
        self.case.refresh_from_db()
        assert self.case.stage == "clarifying"

    def test_it_explains_a_refused_move(self):
        self.login(self.owner)
        response = self.client.post(reverse("cases:case_transition", args=[self.case.pk]),
                                    {"to": "closed", "amount_recovered": "100"})
        assert response.status_code == 400 and "Choose how the case ended" in response.content.decode()
        self.case.refresh_from_db()
        assert self.case.stage == "intake"

    def test_it_adds_and_completes_deadlines_from_the_page(self):
        self.login(self.owner)
        due = self.future(5).strftime("%Y-%m-%dT%H:%M")
        self.client.post(reverse("cases:deadline_add", args=[self.case.pk]), {"what": "Client reply", "due_at": due})
        deadline = Deadline.objects.get(what="Client reply")
        self.client.post(reverse("cases:deadline_done", args=[self.case.pk, deadline.pk]))
        deadline.refresh_from_db()
        assert deadline.done_at is not None

    def test_it_rejects_a_past_deadline(self):
        self.login(self.owner)
        due = self.future(-2).strftime("%Y-%m-%dT%H:%M")
        response = self.client.post(reverse("cases:deadline_add", args=[self.case.pk]), {"what": "Old", "due_at": due})
        assert response.status_code == 400 and "in the past" in response.content.decode()
        assert not Deadline.objects.filter(what="Old").exists()

    def test_it_exports_deadlines_as_ics(self):
        from amicable.cases import services

        services.deadline_add(actor=self.owner, case=self.case, what="Reply, please; now", due_at=self.future(2))
        self.login(self.readonly)
        response = self.client.get(reverse("cases:deadlines_ics", args=[self.case.pk]))
        body = response.content.decode()
        assert response["Content-Type"].startswith("text/calendar")
        assert "BEGIN:VEVENT" in body and "SUMMARY:Reply\\, please\\; now" in body

    def test_it_gives_readonly_members_404_on_case_writes(self):
        self.login(self.readonly)
        for url in (reverse("cases:case_transition", args=[self.case.pk]),
                    reverse("cases:deadline_add", args=[self.case.pk]),
                    reverse("cases:intake_confirm_types", args=[self.case.pk])):
            assert self.client.post(url, {"to": "clarifying"}).status_code == 404
        self.case.refresh_from_db()
        assert self.case.stage == "intake"


class TestIntake(BaseTestCase):
    ANSWERS = {"agreed": "Five pages and two revision rounds for EUR 2,400",
               "delivered": "All five pages on 1 September", "client_says": "We won't pay until you add a blog section",
               "you_say": "The blog was never part of the brief", "amount": "2400", "currency": "EUR",
               "desired_outcome": "full_payment"}

    def test_it_saves_answers_and_suggests_types_with_reasons(self):
        self.login(self.owner)
        response = self.client.post(reverse("cases:intake", args=[self.case.pk]), self.ANSWERS)
        assert response.status_code == 302
        self.case.refresh_from_db()
        assert self.case.intake["client_says"].startswith("We won't pay")
        page = self.client.get(reverse("cases:intake", args=[self.case.pk])).content.decode()
        assert "Invoice INV-7" in page and "suggested" in page

    def test_it_reports_a_bad_amount_and_keeps_earlier_answers(self):
        self.login(self.owner)
        self.client.post(reverse("cases:intake", args=[self.case.pk]), self.ANSWERS)
        response = self.client.post(reverse("cases:intake", args=[self.case.pk]), {**self.ANSWERS, "amount": "-5",
                                                                                    "agreed": "changed"})
        assert response.status_code == 400 and "cannot be negative" in response.content.decode()
        self.case.refresh_from_db()
        assert self.case.intake["agreed"].startswith("Five pages") and self.case.amount_in_dispute == Decimal("2400")

    def test_it_suggests_live_without_saving(self):
        self.login(self.owner)
        response = self.client.get(reverse("cases:intake_suggest", args=[self.case.pk]),
                                   {"client_says": "this is out of scope"})
        assert "Scope creep" in response.content.decode()
        self.case.refresh_from_db()
        assert self.case.intake == {}

    def test_it_confirms_types_and_marks_step_three_done(self):
        from amicable.cases import services
        from amicable.cases.playbook import playbook_for

        self.login(self.owner)
        services.case_intake_save(actor=self.owner, case=self.case, answers=self.ANSWERS)
        response = self.client.post(reverse("cases:intake_confirm_types", args=[self.case.pk]),
                                    {"dispute_types": ["non_payment", "scope_creep"]})
        assert response.status_code == 302
        self.case.refresh_from_db()
        assert self.case.dispute_types == ["non_payment", "scope_creep"]
        step3 = playbook_for(self.case, self.owner)[2]
        assert step3.done and step3.state == "done"

    def test_it_refuses_an_empty_type_choice(self):
        self.login(self.owner)
        self.client.post(reverse("cases:intake_confirm_types", args=[self.case.pk]), {})
        self.case.refresh_from_db()
        assert self.case.types_confirmed_at is None


class TestParticipantHome(BaseTestCase):
    def test_it_shows_invited_participants_only_their_rooms(self):
        from amicable.accounts.models import Grant
        from amicable.test import make_user

        guest = make_user("client@example.com")
        Grant.objects.create(case=self.case, user=guest, role=Grant.Role.CLIENT)
        self.login(guest)
        body = self.client.get(reverse("cases:dashboard")).content.decode()
        assert "Your case rooms" in body and f"/cases/{self.case.pk}/room/" in body
        assert ">Engagements<" not in body and f"/cases/{self.stranger_case.pk}/" not in body
        assert self.client.get(reverse("cases:case_detail", args=[self.case.pk])).status_code == 404
