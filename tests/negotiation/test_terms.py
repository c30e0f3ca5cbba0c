"""Offer terms validation: every bad input gets a specific message naming its field."""

from datetime import date
from decimal import Decimal as D

import pytest

from amicable.negotiation.terms import Instalment, TermsError, split_instalments, validate_terms

TODAY = date(2026, 11, 25)


def check(raw, currency="EUR"):
    return validate_terms(raw, engagement_currency=currency, today=TODAY)


def errors(raw, currency="EUR"):
    with pytest.raises(TermsError) as err:
        check(raw, currency)
    return dict(err.value.errors)


def test_it_accepts_complete_terms_and_round_trips_them():
    raw = {
        "amount": "1200",
        "currency": "eur",
        "instalments": [{"amount": "600.00", "due": "2027-01-01"}, {"amount": "600", "due": "2026-12-01"}],
        "deliverables": [" Final files "],
        "dates": [{"label": "Revision by", "date": "2026-11-25"}],
        "conditions": ["Rights on payment"],
    }
    terms = check(raw)
    assert terms.amount == D("1200.00") and terms.currency == "EUR"
    assert [i.due for i in terms.instalments] == [date(2026, 12, 1), date(2027, 1, 1)]  # sorted by date
    assert terms.deliverables == ("Final files",)
    assert terms.summary() == "EUR 1,200.00 in 2 instalments"
    assert check(terms.to_json()) == terms


def test_it_defaults_to_the_engagement_currency():
    assert check({"amount": "10"}, currency="GBP").currency == "GBP"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "The amount must be more than zero."),
        ("-5", "The amount cannot be negative."),
        ("abc", "“abc” is not a number. Write the amount with digits, like 1200 or 1200.50."),
        ("1.234", "EUR amounts have at most 2 decimals; “1.234” has more."),
        (None, "Enter an amount."),
    ],
)
def test_it_rejects_bad_amounts(amount, message):
    assert errors({"amount": amount})["amount"] == message


def test_it_rejects_a_float_amount():
    assert "not a float" in errors({"amount": 12.5})["amount"]


def test_it_rejects_instalments_that_do_not_add_up():
    errs = errors(
        {
            "amount": "1200",
            "instalments": [{"amount": "500", "due": "2026-12-01"}, {"amount": "600", "due": "2027-01-01"}],
        }
    )
    assert errs == {"instalments": "The instalments add up to EUR 1,100.00, not the offered EUR 1,200.00."}


def test_it_rejects_zero_instalments_and_past_dates():
    errs = errors(
        {
            "amount": "10",
            "instalments": [{"amount": "0", "due": "2026-11-24"}, {"amount": "10", "due": "soon"}],
            "dates": [{"label": "Delivery", "date": "2026-01-01"}, {"label": "", "date": "2027-01-01"}],
        }
    )
    assert errs == {
        "instalments[0].amount": "The amount must be more than zero.",
        "instalments[0].due": "2026-11-24 is in the past; choose today or a later date.",
        "instalments[1].due": "“soon” is not a date; write it as YYYY-MM-DD.",
        "dates[0].date": "2026-01-01 is in the past; choose today or a later date.",
        "dates[1].label": "Say what the date is for (1 to 500 characters).",
    }


def test_it_needs_a_rate_for_another_currency():
    assert errors({"amount": "100", "currency": "USD"}) == {
        "currency": "The engagement is in EUR; an offer in USD needs an exchange rate (EUR per 1 USD)."
    }
    terms = check({"amount": "100", "currency": "USD", "fx_rate": "0.92"})
    assert terms.fx_rate == D("0.92") and terms.amount_in_engagement_currency == D("92.0000")
    assert (
        "not a usable exchange rate" in errors({"amount": "1", "currency": "USD", "fx_rate": "-1"})["fx_rate"]
    )
    assert "only needed" in errors({"amount": "1", "fx_rate": "2"})["fx_rate"]


def test_it_rejects_unknown_currencies_and_keys():
    assert "not an ISO 4217" in errors({"amount": "1", "currency": "EURO"})["currency"]
    assert errors({"amount": "1", "bonus": 5})["bonus"].startswith("Unknown term “bonus”")
    assert errors(["amount"]) == {"terms": "Terms must be an object with an amount and a currency."}


def test_it_rejects_empty_or_overlong_texts():
    errs = errors({"amount": "1", "deliverables": ["", "x" * 501], "conditions": "pay"})
    assert set(errs) == {"deliverables[0]", "deliverables[1]", "conditions"}


def test_it_splits_instalments_that_add_up_with_the_last_absorbing_rounding():
    dues = [date(2026, 12, n) for n in (1, 2, 3)]
    plan = split_instalments(D("100"), 3, dues, "EUR")
    assert [i.amount for i in plan] == [D("33.33"), D("33.33"), D("33.34")]
    assert sum(i.amount for i in plan) == D("100.00")
    assert split_instalments(D("0.06"), 4, [TODAY] * 4, "EUR")[-1] == Instalment(TODAY, D("0.03"))
    assert [i.amount for i in split_instalments(D("1000"), 3, dues, "JPY")] == [D(333), D(333), D(334)]
    with pytest.raises(ValueError, match="too small to split into 3"):
        split_instalments(D("0.02"), 3, dues, "EUR")
    with pytest.raises(ValueError, match="one due date per instalment"):
        split_instalments(D("10"), 3, dues[:2], "EUR")
