from decimal import Decimal

from amicable.cases.models import Case, CaseEvent
from amicable.cases.schemas import DesiredOutcome
from amicable.cases.services import case_open

from .base import ApiTestCase


class TestCasesApi(ApiTestCase):
    def test_it_opens_a_case_and_logs_it(self):
        body = {"engagement_id": self.engagement.pk, "title": "Extra pages", "dispute_types": ["scope_creep"],
                "amount": "1,200.50", "currency": "eur"}
        response = self.call("post", "/cases", body)
        assert response.status_code == 201, response.content
        out = response.json()
        case = Case.objects.get(pk=out["id"])
        assert (case.stage, case.amount_in_dispute, case.currency, case.created_by) == (
            "intake", Decimal("1200.50"), "EUR", self.owner)
        assert out["amount_in_dispute"] == "1200.50" and out["allowed_moves"] == ["clarifying", "negotiating",
                                                                                   "closed"]
        event = case.events.get()
        assert (event.kind, event.actor, event.data["dispute_types"]) == ("case.opened", self.owner, ["scope_creep"])

    def test_it_explains_bad_case_input_and_saves_nothing(self):
        before = (Case.objects.count(), CaseEvent.objects.count())
        base = {"engagement_id": self.engagement.pk, "title": "X"}
        self.assert_error(self.call("post", "/cases", base | {"amount": "-1"}), 400, "amount", "negative")
        self.assert_error(self.call("post", "/cases", base | {"amount": "lots"}), 400, "amount", "not a number")
        self.assert_error(self.call("post", "/cases", base | {"amount": "10", "currency": "XYZ"}), 400, "currency",
                          "ISO 4217")
        self.assert_error(self.call("post", "/cases", base | {"dispute_types": ["rudeness"]}), 422,
                          "dispute_types.0")
        self.assert_error(self.call("post", "/cases", base | {"dispute_types": "non_payment"}), 422, "dispute_types")
        self.assert_error(self.call("post", "/cases", base | {"title": " "}), 400, "title")
        self.assert_error(self.call("post", "/cases", base | {"amount": True}), 422, "amount")
        assert (Case.objects.count(), CaseEvent.objects.count()) == before

    def test_it_lists_cases_with_filters(self):
        other = case_open(actor=self.owner, engagement=self.engagement, title="Scope", dispute_types=["scope_creep"])
        ids = [c["id"] for c in self.call("get", "/cases").json()]
        assert ids == [other.pk, self.case.pk]
        assert [c["id"] for c in self.call("get", "/cases?dispute_type=scope_creep").json()] == [other.pk]
        assert self.call("get", "/cases?status=closed").json() == []
        self.assert_error(self.call("get", "/cases?status=shut"), 422, "status")
        assert [c["id"] for c in self.call("get", "/cases", user=self.stranger).json()] == [self.stranger_case.pk]

    def test_it_updates_a_case(self):
        response = self.call("patch", f"/cases/{self.case.pk}", {"title": "INV-7 unpaid", "currency": "USD"})
        assert response.status_code == 200, response.content
        self.case.refresh_from_db()
        assert (self.case.title, self.case.currency, self.case.amount_in_dispute) == ("INV-7 unpaid", "USD",
                                                                                        Decimal("2400.00"))
        assert self.last_event().kind == "case.updated"
        self.assert_error(self.call("patch", f"/cases/{self.case.pk}", {"amount": "0"}), 400, "amount")
        assert self.call("patch", f"/cases/{self.case.pk}", {"title": "x"}, user=self.readonly).status_code == 404

    def test_it_never_deletes_a_case(self):
        self.assert_error(self.call("delete", f"/cases/{self.case.pk}"), 405, None, "close it instead")
        assert self.call("delete", f"/cases/{self.case.pk}", user=self.stranger).status_code == 404
        assert Case.objects.filter(pk=self.case.pk).exists()

    def test_it_moves_a_case_and_logs_the_move(self):
        url = f"/cases/{self.case.pk}/transition"
        response = self.call("post", url, {"stage": "negotiating", "note": "Client replied"})
        assert response.status_code == 200, response.content
        assert response.json()["stage"] == "negotiating"
        event = self.last_event()
        assert (event.kind, event.data) == ("case.stage_changed", {"from": "intake", "to": "negotiating",
                                                                   "note": "Client replied"})

    def test_it_refuses_forbidden_moves_with_the_reason(self):
        url = f"/cases/{self.case.pk}/transition"
        self.assert_error(self.call("post", url, {"stage": "formal"}), 400, "stage", "finish the intake")
        self.assert_error(self.call("post", url, {"stage": "intake"}), 400, "stage", "already")
        self.assert_error(self.call("post", url, {"stage": "limbo"}), 422, "stage")
        self.assert_error(self.call("post", url, {"stage": "closed"}), 400, "outcome", "how the case ended")
        self.assert_error(self.call("post", url, {"stage": "closed", "outcome": "settled",
                                                  "amount_recovered": "-3"}), 400, "amount_recovered")
        self.case.refresh_from_db()
        assert self.case.stage == "intake"
        assert self.case.events.count() == 1

    def test_it_closes_and_reopens(self):
        url = f"/cases/{self.case.pk}/transition"
        body = self.call("post", url, {"stage": "closed", "outcome": "settled", "amount_recovered": "1800"}).json()
        assert (body["stage"], body["outcome"], body["amount_recovered"]) == ("closed", "settled", "1800.00")
        assert body["closed_at"] is not None and body["allowed_moves"] == ["intake", "negotiating"]
        body = self.call("post", url, {"stage": "negotiating"}).json()
        assert (body["stage"], body["outcome"], body["amount_recovered"]) == ("negotiating", "", None)

    def test_it_lists_events_newest_first(self):
        self.call("post", f"/cases/{self.case.pk}/transition", {"stage": "clarifying"})
        events = self.call("get", f"/cases/{self.case.pk}/events").json()
        assert [e["kind"] for e in events] == ["case.stage_changed", "case.opened"]
        assert events[0]["actor"] == "Alice Owner" and events[0]["at"].endswith("Z")
        assert len(self.call("get", f"/cases/{self.case.pk}/events?limit=1").json()) == 1
        assert [e["kind"] for e in self.call("get", f"/cases/{self.case.pk}/events?kind=case.opened").json()] == [
            "case.opened"]
        self.assert_error(self.call("get", f"/cases/{self.case.pk}/events?limit=0"), 422, "limit")

    def test_it_lets_readonly_members_read_but_not_move(self):
        assert self.call("get", f"/cases/{self.case.pk}", user=self.readonly).status_code == 200
        assert self.call("post", f"/cases/{self.case.pk}/transition", {"stage": "clarifying"},
                         user=self.readonly).status_code == 404
        assert self.call("post", f"/cases/{self.case.pk}/transition", {"stage": "clarifying"},
                         user=self.teammate).status_code == 200


class TestIntakeApi(ApiTestCase):
    def test_it_saves_answers_and_suggests_types_with_reasons(self):
        url = f"/cases/{self.case.pk}/intake"
        response = self.call("patch", url, {"agreed": "Five pages", "client_says": "We will not pay until the extra "
                                            "pages are done", "amount": "2000", "delivered_on": "2026-10-01"})
        assert response.status_code == 200, response.content
        body = response.json()
        self.case.refresh_from_db()
        assert self.case.intake["agreed"] == "Five pages" and self.case.intake["delivered_on"] == "2026-10-01"
        assert self.case.amount_in_dispute == Decimal("2000.00")
        assert self.last_event().kind == "case.intake_saved"
        types = [s["type"] for s in body["suggestions"]]
        assert types[0] == "non_payment" and "scope_creep" in types
        assert any("INV-7" in r for r in body["suggestions"][0]["reasons"])
        # Fields left out keep their answer.
        self.call("patch", url, {"you_say": "The extra pages were never agreed"})
        self.case.refresh_from_db()
        assert self.case.intake["agreed"] == "Five pages"
        assert self.call("get", url).json()["answers"]["you_say"] == "The extra pages were never agreed"

    def test_it_explains_bad_intake_answers(self):
        url = f"/cases/{self.case.pk}/intake"
        self.assert_error(self.call("patch", url, {"amount": "-1"}), 400, "amount", "negative")
        self.assert_error(self.call("patch", url, {"amount": "5", "currency": "ABC"}), 400, "currency")
        self.assert_error(self.call("patch", url, {"desired_outcome": "revenge"}), 422, "desired_outcome")
        self.assert_error(self.call("patch", url, {"delivered_on": "31/12/2026"}), 422, "delivered_on")
        self.case.refresh_from_db()
        assert self.case.intake == {} and self.case.amount_in_dispute == Decimal("2400.00")

    def test_it_confirms_types(self):
        url = f"/cases/{self.case.pk}/intake/types"
        body = self.call("post", url, {"dispute_types": ["non_payment", "communication"]}).json()
        assert body["dispute_types"] == ["non_payment", "communication"] and body["types_confirmed_at"]
        assert self.last_event().data == {"before": ["non_payment"], "after": ["non_payment", "communication"]}
        self.assert_error(self.call("post", url, {"dispute_types": []}), 400, "dispute_types", "at least one")
        self.assert_error(self.call("post", url, {"dispute_types": ["grumpy"]}), 422, "dispute_types.0")
        assert self.call("post", url, {"dispute_types": ["other"]}, user=self.stranger).status_code == 404

    def test_its_outcome_choices_match_the_intake_form(self):
        from typing import get_args

        from amicable.cases.forms import IntakeForm

        assert set(get_args(DesiredOutcome)) == {value for value, _ in IntakeForm.OUTCOMES}
