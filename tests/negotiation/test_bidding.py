"""Double-blind round resolution: known answers, and nothing revealed without a settlement."""

from decimal import Decimal as D

import pytest

from amicable.negotiation.bidding import (
    BidError,
    check_round_allowed,
    gap_amount,
    resolve_round,
    sanity_warning,
)


def resolve(floor, ceiling, reference="4500", gap="10"):
    return resolve_round(
        freelancer_floor=D(floor),
        client_ceiling=D(ceiling),
        currency="EUR",
        reference=D(reference) if reference else None,
        gap_percent=D(gap),
    )


def test_it_settles_at_the_midpoint_when_the_figures_overlap():
    result = resolve("4000", "4400")
    assert result.settled and result.amount == D("4200.00")


def test_it_settles_when_the_gap_is_within_the_agreed_percent_of_the_amount_in_dispute():
    assert resolve("4000", "3600").amount == D("3800.00")  # gap 400 <= 450
    assert resolve("4000", "3550").amount == D("3775.00")  # gap 450 == 450: settles
    assert resolve("4000", "3549.99").settled is False  # gap 450.01


def test_it_reveals_nothing_but_no_settlement():
    result = resolve("4000", "1000")
    assert result.settled is False and result.amount is None
    assert "4000" not in repr(result) and "1000" not in repr(result)


def test_it_uses_the_midpoint_as_reference_without_an_amount_in_dispute():
    assert resolve("1000", "910", reference=None).amount == D("955.00")  # 10% of 955 = 95.5 >= 90
    assert resolve("1000", "900", reference=None).settled is False  # 10% of 950 = 95 < 100


def test_it_rounds_the_midpoint_half_up():
    assert resolve("1000.01", "1000.00").amount == D("1000.01")  # 1000.005


def test_it_honours_a_zero_gap_and_rejects_silly_ones():
    assert resolve("100", "99.99", gap="0").settled is False
    with pytest.raises(BidError, match="between 0% and 50%"):
        resolve("100", "90", gap="60")
    with pytest.raises(BidError, match="positive"):
        resolve("0", "90")


def test_it_shows_the_gap_as_an_amount_up_front():
    assert gap_amount(reference=D("4500"), currency="EUR") == D("450.00")
    assert gap_amount(reference=None, currency="EUR") is None


def test_it_asks_to_confirm_a_figure_far_outside_the_amount_in_dispute():
    assert sanity_warning(D("4000"), amount_in_dispute=D("4500"), currency="EUR") is None
    high = sanity_warning(D("45000"), amount_in_dispute=D("4500"), currency="EUR")
    assert high.startswith("EUR 45,000.00 is more than twice the amount in dispute (EUR 4,500.00)")
    assert "less than a tenth" in sanity_warning(D("45"), amount_in_dispute=D("4500"), currency="EUR")
    assert sanity_warning(D("45"), amount_in_dispute=None, currency="EUR") is None
    with pytest.raises(BidError, match="above zero"):
        sanity_warning(D("-1"), amount_in_dispute=D("4500"), currency="EUR")


def test_it_allows_at_most_three_rounds_and_none_after_settling():
    check_round_allowed(2, settled=False)
    with pytest.raises(BidError, match="All 3 bidding rounds have been used"):
        check_round_allowed(3, settled=False)
    with pytest.raises(BidError, match="already settled"):
        check_round_allowed(1, settled=True)
