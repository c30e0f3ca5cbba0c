"""Money as Decimal plus an ISO 4217 currency code. No floats, no Django.

The currency table lists the active ISO 4217 codes with their minor units (number of decimals),
from the ISO 4217 list maintained by SIX (https://www.six-group.com/en/products-services/
financial-information/data-standards.html), as of 2024-06. Fund and precious-metal codes are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_ZERO_DECIMALS = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF"
_THREE_DECIMALS = "BHD IQD JOD KWD LYD OMR TND"
_TWO_DECIMALS = (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD "
    "CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD "
    "GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD "
    "MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP "
    "PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS "
    "TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD YER ZAR ZMW ZWG"
)

MINOR_UNITS: dict[str, int] = {
    **{code: 2 for code in _TWO_DECIMALS.split()},
    **{code: 0 for code in _ZERO_DECIMALS.split()},
    **{code: 3 for code in _THREE_DECIMALS.split()},
}
CURRENCIES: tuple[str, ...] = tuple(sorted(MINOR_UNITS))
COMMON_CURRENCIES: tuple[str, ...] = ("EUR", "USD", "GBP", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "PLN",
                                      "JPY", "INR", "BRL", "MXN", "ZAR", "NZD", "SGD")


class MoneyError(ValueError):
    """A money value or currency that cannot be accepted; the message says why."""


def normalise_currency(code: str) -> str:
    """Return the upper-case ISO 4217 code, or raise MoneyError naming the bad code."""
    cleaned = (code or "").strip().upper()
    if not cleaned:
        raise MoneyError("Choose a currency (a three-letter ISO 4217 code such as EUR or USD).")
    if cleaned not in MINOR_UNITS:
        raise MoneyError(f"“{code.strip()}” is not an ISO 4217 currency code (for example EUR, USD, GBP).")
    return cleaned


def parse_amount(raw: object, currency: str, *, allow_zero: bool = False, allow_negative: bool = False) -> Decimal:
    """Return `raw` as a Decimal valid for `currency`, or raise MoneyError saying exactly what is wrong.

    Accepts Decimal, int and strings such as "1200", "1,200.50" or "1 200.50"; never floats.
    """
    code = normalise_currency(currency)
    if isinstance(raw, float):
        raise MoneyError("Amounts must be given as text or Decimal, not a float.")
    if isinstance(raw, Decimal | int):
        value = Decimal(raw)
    else:
        text = str(raw or "").strip().replace(" ", "").replace("\u00a0", "").replace(",", "")
        if not text:
            raise MoneyError("Enter an amount.")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise MoneyError(f"“{raw}” is not a number. Write the amount with digits, like 1200 or 1200.50.") from None
    if not value.is_finite():
        raise MoneyError("Enter a finite amount.")
    if value < 0 and not allow_negative:
        raise MoneyError("The amount cannot be negative.")
    if value == 0 and not allow_zero:
        raise MoneyError("The amount must be more than zero.")
    places = MINOR_UNITS[code]
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        unit = "no decimals" if places == 0 else f"at most {places} decimals"
        raise MoneyError(f"{code} amounts have {unit}; “{raw}” has more.")
    if abs(value) >= Decimal("1e12"):
        raise MoneyError("That amount is too large (the limit is 999,999,999,999).")
    return quantize(value, code)


def quantize(value: Decimal, currency: str) -> Decimal:
    """Round to the currency's minor unit, half up (commercial rounding)."""
    places = MINOR_UNITS[normalise_currency(currency)]
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in one currency. Arithmetic only between equal currencies."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.amount, float):
            raise MoneyError("Money amounts are never floats.")
        object.__setattr__(self, "currency", normalise_currency(self.currency))

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise MoneyError(f"Cannot combine {self.currency} and {other.currency} without an exchange rate.")

    def __str__(self) -> str:
        return format_money(self.amount, self.currency)


def format_money(amount: Decimal, currency: str) -> str:
    """'EUR 1,200.00' — code first, so it reads the same in every locale."""
    places = MINOR_UNITS.get(currency, 2)
    return f"{currency} {quantize(amount, currency):,.{places}f}"
