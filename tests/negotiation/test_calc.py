"""Settlement calculator: known answers worked out by hand (see each test's comment)."""

from datetime import date
from decimal import Decimal as D

import pytest

from amicable.negotiation.calc import (
    CalcError,
    Cost,
    EngagementFacts,
    Invoice,
    KillFeeTerms,
    LatePaymentTerms,
    Milestone,
    Payment,
    TimeEntry,
    calculate,
)

AS_OF = date(2026, 11, 25)


def facts(**overrides):
    base = dict(
        currency="EUR",
        as_of=AS_OF,
        hourly_rate=D("80"),
        milestones=(
            Milestone("m1", "Brand discovery", D("1000"), "accepted"),
            Milestone("m2", "Logo concepts", D("1500"), "delivered"),
            Milestone("m3", "Brand guide", D("2000"), "planned", due=date(2026, 12, 15)),
        ),
        time_entries=(TimeEntry("t1", D("10"), "workshop"), TimeEntry("t2", D("2.5"), "rush", rate=D("100"))),
        costs=(
            Cost("c1", "Font licence", D("120")),
            Cost("c2", "Stock photo", D("50"), currency="USD", fx_rate=D("0.92")),
            Cost("c3", "Coffee", D("30"), rebillable=False),
        ),
        invoices=(
            Invoice("i1", "INV-1", D("1000"), date(2026, 9, 1), date(2026, 10, 1)),
            Invoice("i2", "INV-2", D("1500"), date(2026, 10, 1), date(2026, 10, 31)),
        ),
        payments=(Payment("p1", D("400"), date(2026, 10, 16)),),
        deposit_held=D("500"),
        kill_fee=KillFeeTerms("percent_of_remaining", D("25"), "clause:14"),
        late_payment=LatePaymentTerms(D("8"), 365, "clause:9", fixed_fee=D("40")),
    )
    base.update(overrides)
    return EngagementFacts(**base)


def test_it_computes_every_basis_with_known_totals():
    s = calculate(facts())
    # received: deposit 500 + payment 400
    assert s.received == D("900")
    assert s.basis("accepted_milestones").total == D("100.00")  # 1000 - 900
    assert s.basis("work_delivered").total == D("1766.00")  # 1000 + 1500 + 120 + 46 - 900
    assert s.basis("hours").total == D("316.00")  # 10*80 + 2.5*100 + 166 - 900
    assert s.basis("invoiced").total == D("1600.00")  # 2500 - 900
    assert s.basis("kill_fee").total == D("2266.00")  # 2666 + 25% of 2000 - 900


def test_it_counts_simple_interest_by_days_on_what_remains_unpaid():
    s = calculate(facts())
    basis = s.basis("invoiced_with_interest")
    interest = [ln for ln in basis.lines if ln.label.startswith("Interest")]
    # deposit pays INV-1 down to 500 before it is due; the 400 payment on 16 Oct leaves 100.
    # INV-1: 500 x 8% x 15/365, then 100 x 8% x 40/365; INV-2: 1500 x 8% x 25/365.
    assert [ln.amount for ln in interest] == [D(600) / 365, D(320) / 365, D(3000) / 365]
    assert "15 days (2026-10-01 to 2026-10-16)" in interest[0].label
    assert interest[2].source == "clause:9 + invoice:i2"
    fees = [ln for ln in basis.lines if ln.label.startswith("Late-payment compensation")]
    assert [ln.amount for ln in fees] == [D(40), D(40)]
    # 1600 + 80 + 3920/365 (10.7397...) = 1690.7397... -> 1690.74
    assert basis.total == D("1690.74")


def test_it_traces_every_line_to_a_source():
    s = calculate(facts())
    for basis in s.bases:
        assert sum(ln.amount for ln in basis.lines).quantize(D("0.01")) == basis.total
        for line in basis.lines:
            assert line.source and line.label
    delivered = s.basis("work_delivered")
    assert {ln.source for ln in delivered.lines} == {
        "milestone:m1",
        "milestone:m2",
        "cost:c1",
        "cost:c2",
        "engagement:deposit",
        "payment:p1",
    }
    stock = next(ln for ln in delivered.lines if ln.source == "cost:c2")
    assert stock.amount == D("46.00") and "USD 50 at 0.92" in stock.label
    hours = s.basis("hours")
    assert (
        next(ln for ln in hours.lines if ln.source.startswith("time:t1")).source
        == "time:t1 + engagement:rate"
    )


def test_it_rounds_half_up_once_at_the_end():
    # two lines of 0.004 each: rounded per line they would be 0.00; the exact sum 0.008 rounds to 0.01
    s = calculate(
        facts(
            milestones=(),
            invoices=(),
            payments=(),
            deposit_held=D(0),
            costs=(),
            kill_fee=None,
            time_entries=(TimeEntry("a", D("0.1"), rate=D("0.04")), TimeEntry("b", D("0.1"), rate=D("0.04"))),
        )
    )
    assert s.basis("hours").total == D("0.01")
    s = calculate(
        facts(
            milestones=(),
            invoices=(),
            payments=(),
            deposit_held=D(0),
            costs=(),
            kill_fee=None,
            time_entries=(TimeEntry("a", D("1"), rate=D("0.005")),),
        )
    )
    assert s.basis("hours").total == D("0.01")  # half up, not banker's rounding


def test_it_rounds_to_the_currency_minor_unit():
    # JPY has no decimals: 10000 x 10% x 1/365 = 2.739... -> 3
    s = calculate(
        EngagementFacts(
            currency="jpy",
            as_of=date(2026, 1, 2),
            invoices=(Invoice("i", "A-1", D("10000"), date(2026, 1, 1), date(2026, 1, 1)),),
            late_payment=LatePaymentTerms(D("10"), 365, "clause:1"),
        )
    )
    assert s.currency == "JPY"
    assert s.basis("invoiced_with_interest").total == D("10003")


def test_it_applies_a_fixed_kill_fee_and_fee_total_for_the_remaining_work():
    s = calculate(facts(kill_fee=KillFeeTerms("fixed", D("300"), "clause:2")))
    assert s.basis("kill_fee").total == D("2066.00")  # 2666 + 300 - 900
    s = calculate(facts(fee_total=D("6000")))  # remaining = 6000 - 2500 done = 3500; 25% = 875
    line = next(ln for ln in s.basis("kill_fee").lines if ln.label.startswith("Kill fee"))
    assert line.amount == D("875") and line.source == "clause:14 + engagement:fee"


def test_it_applies_a_payment_to_its_named_invoice_first():
    # 400 paid against INV-2: INV-1 stays at 500 after the deposit; INV-2 drops to 1100 on 16 Oct (before due)
    s = calculate(facts(payments=(Payment("p1", D("400"), date(2026, 10, 16), invoice_ref="i2"),)))
    interest = [
        ln.amount for ln in s.basis("invoiced_with_interest").lines if ln.label.startswith("Interest")
    ]
    assert interest == [D(500) * D("0.08") * 55 / 365, D(1100) * D("0.08") * 25 / 365]


def test_it_counts_no_interest_within_the_grace_period_or_when_paid():
    terms = LatePaymentTerms(D("8"), 365, "clause:9", grace_days=60)
    s = calculate(facts(late_payment=terms))
    assert s.basis("invoiced_with_interest").total == D("1600.00")
    paid = (Payment("p1", D("2000"), date(2026, 9, 30)),)
    s = calculate(facts(payments=paid, late_payment=LatePaymentTerms(D("8"), 365, "c", fixed_fee=D(40))))
    assert s.basis("invoiced_with_interest").total == D("0.00")


def test_it_reports_overpayment_as_a_negative_total_and_zero_owed():
    s = calculate(facts(payments=(Payment("p1", D("3000"), date(2026, 10, 2)),)))
    basis = s.basis("accepted_milestones")
    assert basis.total == D("-2500.00") and basis.owed == 0


def test_it_leaves_out_bases_that_do_not_apply_and_says_why():
    s = calculate(
        EngagementFacts(
            currency="EUR", as_of=AS_OF, milestones=(Milestone("m", "All", D("10"), "delivered"),)
        )
    )
    assert [b.key for b in s.bases] == ["accepted_milestones", "work_delivered"]
    assert s.basis("kill_fee") is None
    assert "No kill-fee terms: no kill-fee basis." in s.notes


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"currency": "EURO"}, "currency"),
        ({"milestones": (Milestone("m", "x", D("-1"), "accepted"),)}, "milestones[0].amount"),
        ({"milestones": (Milestone("m", "x", D("1"), "done"),)}, "milestones[0].status"),
        ({"milestones": (Milestone("m", "x", 1.5, "accepted"),)}, "milestones[0].amount"),
        ({"hourly_rate": None}, "time_entries[0].rate"),
        ({"time_entries": (TimeEntry("t", D("-2")),)}, "time_entries[0].hours"),
        ({"costs": (Cost("c", "x", D("5"), currency="USD"),)}, "costs[0].fx_rate"),
        ({"costs": (Cost("c", "x", D("5"), currency="USD", fx_rate=D(0)),)}, "costs[0].fx_rate"),
        ({"payments": (Payment("p", D("0"), AS_OF),)}, "payments[0].amount"),
        ({"payments": (Payment("p", D("1"), AS_OF, invoice_ref="nope"),)}, "payments[0].invoice_ref"),
        ({"invoices": (Invoice("i", "I", D("1"), date(2026, 2, 1), date(2026, 1, 1)),)}, "invoices[0].due"),
        ({"deposit_held": D("-5")}, "deposit_held"),
        ({"kill_fee": KillFeeTerms("percent_of_remaining", D("120"), "c")}, "kill_fee.value"),
        ({"kill_fee": KillFeeTerms("weekly", D("1"), "c")}, "kill_fee.kind"),
        ({"late_payment": LatePaymentTerms(D("8"), 0, "c")}, "late_payment.period_days"),
    ],
)
def test_it_rejects_bad_input_naming_the_field(override, field):
    with pytest.raises(CalcError) as err:
        calculate(facts(**override))
    assert err.value.field == field
