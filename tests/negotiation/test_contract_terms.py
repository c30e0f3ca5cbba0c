"""Kill-fee and late-payment terms read from the analysed contract (step 7) into the calculator."""

from dataclasses import dataclass, field
from decimal import Decimal as D
from typing import Any

import pytest

from amicable.negotiation.calc import calculate
from amicable.negotiation.facts import _kill_fee_from, _late_from, facts_for
from tests.mediation.base import RoomTestCase


@dataclass
class Term:  # the shape of contracts.terms.KeyTerm, as stored (values JSON-ready)
    name: str
    value: Any
    display: str = ""
    clause: int | None = 9
    citation: str = "§ 9.2"
    detail: dict = field(default_factory=dict)


@dataclass
class Contract:
    pk: int = 3


@pytest.mark.parametrize(("value", "expected"), [
    ({"percent": "25", "basis": "of the remaining fee"}, ("percent_of_remaining", D(25))),
    ({"percent": "50", "basis": "of the outstanding balance"}, ("percent_of_remaining", D(50))),
    ({"percent": "20", "basis": "of the total fee"}, ("fixed", D(800))),  # 20% of a 4,000 project
    ({"full_fee": True}, ("percent_of_remaining", D(100))),
    ({"amount": {"amount": "500", "currency": "EUR"}}, ("fixed", D(500))),
    ({"amount": {"amount": "500", "currency": "USD"}}, None),  # another currency: left to the freelancer
    ({"deposit_kept": True}, None),
    ({"percent": "250", "basis": "of the fee"}, None),
])
def test_it_maps_the_contracts_kill_fee(value, expected):
    terms = _kill_fee_from(Term("kill_fee", value), Contract(), "EUR", D(4000))
    assert (terms.kind, terms.value) == expected if expected else terms is None
    if terms:
        assert terms.source.startswith("contract:3 § 9.2")


@pytest.mark.parametrize(("value", "display", "expected"), [
    ({"kind": "rate", "rate": "1.5", "period": "month"}, "1.5% a month", (D("1.5"), 30, D(0))),
    ({"kind": "rate", "rate": "8", "period": "year"}, "8% a year", (D(8), 365, D(0))),
    ({"kind": "flat", "amount": {"amount": "40", "currency": "EUR"}}, "a flat EUR 40", (D(0), 365, D(40))),
    ({"kind": "rate", "rate": "8", "period": "year"}, "8% a year above the base rate", None),
    ({"kind": "statutory", "reference": "Late Payment Act"}, "statutory interest", None),
])
def test_it_maps_the_contracts_late_payment_terms(value, display, expected):
    terms = _late_from(Term("late_fee", value, display), Contract(), "EUR")
    got = (terms.rate_percent, terms.period_days, terms.fixed_fee) if terms else None
    assert got == expected


def test_it_reads_nothing_without_a_contract():
    assert _kill_fee_from(None, Contract(), "EUR", D(0)) is None
    assert _late_from(None, Contract(), "EUR") is None


def _contracts_app_here() -> bool:
    import importlib.util

    return importlib.util.find_spec("amicable.contracts.services") is not None


CONTRACT = b"""Design services agreement

1. Fees. The total fee is EUR 4,000, payable in milestones.

2. Late payment. Invoices are due within 14 days. Overdue amounts bear interest at 1.5% per month.

3. Cancellation. If the Client cancels the project, the Client shall pay a kill fee of 25% of the remaining fee.
"""


@pytest.mark.skipif(not _contracts_app_here(), reason="the contracts app (step 7) is not here")
class TestFromAnUploadedContract(RoomTestCase):
    def test_it_reads_the_kill_fee_interest_and_fee_from_the_contract(self):
        from amicable.contracts import services as contract_services

        contract_services.contract_upload(actor=self.owner, engagement=self.engagement, upload=CONTRACT,
                                          filename="contract.txt")
        facts = facts_for(self.case)
        assert (facts.kill_fee.kind, facts.kill_fee.value) == ("percent_of_remaining", D(25))
        assert (facts.late_payment.rate_percent, facts.late_payment.period_days) == (D("1.5"), 30)
        assert facts.fee_total == D(4000) and facts.kill_fee.source.startswith("contract:")
        # nothing delivered yet, nothing received: the kill fee is 25% of the whole 4,000
        assert calculate(facts).basis("kill_fee").total == D("1000.00")
