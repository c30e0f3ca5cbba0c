from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from amicable.cases.flows import allowed_moves, case_transition
from amicable.cases.models import Case, Stage
from amicable.test import BaseTestCase


class TestCaseTransition(BaseTestCase):
    def move(self, to, **kw):
        return case_transition(actor=self.owner, case=self.case, to=to, **kw)

    def test_it_moves_forward_and_logs_the_event(self):
        self.move("clarifying")
        self.case.refresh_from_db()
        assert self.case.stage == Stage.CLARIFYING
        event = self.last_event()
        assert event.kind == "case.stage_changed" and event.actor == self.owner
        assert event.data == {"from": "intake", "to": "clarifying"}

    def test_it_refuses_a_forbidden_jump_and_changes_nothing(self):
        before = self.case.events.count()
        with pytest.raises(ValidationError) as exc:
            self.move("formal")
        assert "Finish the intake first" in exc.value.message_dict["stage"][0]
        assert Case.objects.get(pk=self.case.pk).stage == Stage.INTAKE
        assert self.case.events.count() == before

    def test_it_refuses_unknown_stage_and_same_stage(self):
        with pytest.raises(ValidationError, match="Unknown stage"):
            self.move("limbo")
        with pytest.raises(ValidationError, match="already in intake"):
            self.move("intake")

    def test_it_needs_an_outcome_to_close(self):
        with pytest.raises(ValidationError) as exc:
            self.move("closed")
        assert "outcome" in exc.value.message_dict
        assert Case.objects.get(pk=self.case.pk).stage == Stage.INTAKE

    def test_it_closes_with_outcome_and_amount_then_reopens(self):
        self.move("closed", outcome="settled", amount_recovered="1800")
        self.case.refresh_from_db()
        assert (self.case.stage, self.case.outcome, self.case.amount_recovered) == ("closed", "settled", Decimal("1800"))
        assert self.case.closed_at is not None
        assert self.last_event().data["amount_recovered"] == "1800.00"
        with pytest.raises(ValidationError, match="reopened"):
            self.move("mediation")
        self.move("negotiating")
        self.case.refresh_from_db()
        assert self.case.outcome == "" and self.case.closed_at is None

    def test_it_rejects_a_bad_recovered_amount(self):
        with pytest.raises(ValidationError) as exc:
            self.move("closed", outcome="settled", amount_recovered="-3")
        assert "negative" in exc.value.message_dict["amount_recovered"][0]
        assert Case.objects.get(pk=self.case.pk).stage == Stage.INTAKE

    def test_it_lists_allowed_moves(self):
        assert allowed_moves("intake") == ["clarifying", "negotiating", "closed"]
        assert allowed_moves("closed") == ["intake", "negotiating"]
        assert "formal" in allowed_moves("mediation")
