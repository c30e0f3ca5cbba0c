from decimal import Decimal

import pytest

from amicable.lib.money import Money, MoneyError, format_money, normalise_currency, parse_amount


@pytest.mark.parametrize("raw,currency,expected", [
    ("1200", "EUR", Decimal("1200.00")), ("1,200.50", "usd", Decimal("1200.50")), ("1 200", "EUR", Decimal("1200.00")),
    (Decimal("5"), "JPY", Decimal("5")), ("0.125", "KWD", Decimal("0.125")), (7, "GBP", Decimal("7.00")),
])
def test_it_parses_valid_amounts(raw, currency, expected):
    assert parse_amount(raw, currency) == expected


@pytest.mark.parametrize("raw,currency,message", [
    ("-5", "EUR", "negative"), ("abc", "EUR", "not a number"), ("", "EUR", "Enter an amount"),
    ("0", "EUR", "more than zero"), ("10.5", "JPY", "no decimals"), ("1.001", "EUR", "at most 2 decimals"),
    ("5", "EURO", "not an ISO 4217"), ("5", "", "Choose a currency"), ("1e15", "EUR", "too large"),
    ("NaN", "EUR", "finite"), (1.5, "EUR", "not a float"),
])
def test_it_rejects_bad_amounts_with_a_specific_message(raw, currency, message):
    with pytest.raises(MoneyError, match=message):
        parse_amount(raw, currency)


def test_it_allows_zero_when_asked():
    assert parse_amount("0", "EUR", allow_zero=True) == Decimal("0.00")


def test_it_formats_with_code_first():
    assert format_money(Decimal("1234.5"), "EUR") == "EUR 1,234.50"
    assert format_money(Decimal("1234"), "JPY") == "JPY 1,234"


def test_it_refuses_mixed_currency_arithmetic():
    assert Money(Decimal("1"), "eur") + Money(Decimal("2"), "EUR") == Money(Decimal("3"), "EUR")
    with pytest.raises(MoneyError, match="exchange rate"):
        Money(Decimal("1"), "EUR") + Money(Decimal("1"), "USD")
    with pytest.raises(MoneyError):
        Money(1.0, "EUR")  # type: ignore[arg-type]


def test_it_normalises_currency_codes():
    assert normalise_currency(" gbp ") == "GBP"
