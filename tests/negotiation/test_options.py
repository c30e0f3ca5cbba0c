"""Options generator: which options each dispute type gets, and their computed amounts."""

from datetime import date
from decimal import Decimal as D

import pytest

from amicable.negotiation.calc import EngagementFacts, Invoice, KillFeeTerms, Milestone, calculate
from amicable.negotiation.options import OptionPrefs, add_months, generate_options
from amicable.negotiation.terms import validate_terms

TODAY = date(2026, 11, 25)

FACTS = EngagementFacts(
    currency="EUR",
    as_of=TODAY,
    milestones=(
        Milestone("m1", "Discovery", D("1000"), "accepted"),
        Milestone("m2", "Concepts", D("1500"), "delivered"),
        Milestone("m3", "Guide", D("2000"), "planned", due=date(2026, 12, 15)),
    ),
    deposit_held=D("500"),
    kill_fee=KillFeeTerms("percent_of_remaining", D("25"), "clause:14"),
)


def options(types, facts=FACTS, prefs=None):
    return generate_options(facts, calculate(facts), types, TODAY, prefs)


def test_it_offers_the_options_that_fit_the_dispute_types():
    assert [o.key for o in options(["quality"]).options] == [
        "pay_completed",
        "partial_revision",
        "deadline_extension",
        "reduced_scope",
    ]
    assert [o.key for o in options(["cancellation"]).options] == [
        "pay_completed",
        "reduced_scope",
        "kill_fee",
        "payment_plan",
        "ip_transfer",
    ]
    assert len(options([]).options) == 7


def test_it_computes_each_amount_from_the_settlement():
    opts = options([])
    owed = D("2000.00")  # 1000 + 1500 delivered - 500 deposit
    assert opts.get("pay_completed").amount == owed
    partial = opts.get("partial_revision")
    assert [(i.due, i.amount) for i in partial.instalments] == [
        (date(2026, 12, 2), D("1000.00")),
        (date(2026, 12, 16), D("1000.00")),
    ]
    assert partial.terms["dates"] == [{"label": "Revision delivered by", "date": "2026-12-09"}]
    ext = opts.get("deadline_extension")
    assert ext.amount == D("4000.00")  # delivered 2000 + planned 2000
    assert ext.terms["dates"] == [{"label": "“Guide” delivered by", "date": "2026-12-29"}]
    assert opts.get("reduced_scope").amount == D("3200.00")  # 2000 + 60% of 2000
    assert opts.get("kill_fee").amount == D("2500.00")  # 2500 + 25% of 2000 - 500
    assert opts.get("ip_transfer").amount == owed


def test_it_builds_a_payment_plan_whose_instalments_add_up():
    facts = EngagementFacts(
        currency="EUR",
        as_of=TODAY,
        invoices=(Invoice("i", "INV-9", D("100"), date(2026, 10, 1), date(2026, 10, 31)),),
    )
    plan = options(["late_payment"], facts, OptionPrefs(first_payment_days=6)).get("payment_plan")
    assert [(i.due, i.amount) for i in plan.instalments] == [
        (date(2026, 12, 1), D("33.33")),
        (date(2027, 1, 1), D("33.33")),
        (date(2027, 2, 1), D("33.34")),
    ]
    assert plan.basis == "invoiced"


def test_it_produces_terms_that_pass_offer_validation():
    for option in options([]).options:
        terms = validate_terms(option.terms, engagement_currency="EUR", today=TODAY)
        assert terms.amount == option.amount, option.key
        assert option.rationale and option.trade_offs


def test_it_says_why_an_option_is_missing():
    facts = EngagementFacts(
        currency="EUR", as_of=TODAY, milestones=(Milestone("m1", "All", D("800"), "accepted"),)
    )
    result = options(["cancellation"], facts)
    assert dict(result.skipped) == {
        "reduced_scope": "No planned work left to reduce.",
        "kill_fee": "The contract has no kill-fee terms.",
    }


def test_it_skips_everything_when_nothing_is_owed():
    facts = EngagementFacts(
        currency="EUR",
        as_of=TODAY,
        deposit_held=D("800"),
        milestones=(Milestone("m1", "All", D("800"), "accepted"),),
    )
    result = options(["non_payment"], facts)
    assert result.options == ()
    assert dict(result.skipped)["pay_completed"] == "Nothing is owed for the work delivered so far."


def test_it_rejects_unknown_dispute_types():
    with pytest.raises(ValueError, match="Unknown dispute type"):
        options(["grumpiness"])


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
    ],
)
def test_it_adds_months_clamped_to_the_month_end(start, months, expected):
    assert add_months(start, months) == expected
