"""Offer terms: the structured part of an offer, validated into a `Terms` value. Pure Python.

The JSON shape (what is stored on an Offer and accepted by the API):

    {"amount": "1200.00", "currency": "EUR", "fx_rate": "1.08",          # fx_rate only for another currency
     "instalments": [{"amount": "600.00", "due": "2026-12-01"}, ...],    # optional; must add up to amount
     "deliverables": ["Final logo files (SVG, PNG)"],
     "dates": [{"label": "Revision delivered by", "date": "2026-12-10"}],
     "conditions": ["Usage rights transfer on receipt of full payment"]}

`fx_rate` is engagement-currency units per one unit of the offer currency.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from amicable.lib.money import (
    MINOR_UNITS,
    MoneyError,
    format_money,
    normalise_currency,
    parse_amount,
    quantize,
)

KNOWN_KEYS = frozenset(
    {"amount", "currency", "fx_rate", "instalments", "deliverables", "dates", "conditions"}
)
MAX_INSTALMENTS = 60
MAX_ITEMS = 50
MAX_TEXT = 500


class TermsError(ValueError):
    """Terms that cannot be accepted; `errors` lists (field, message), one per problem."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{f}: {m}" for f, m in errors))
        self.errors = errors


@dataclass(frozen=True)
class Instalment:
    due: date
    amount: Decimal


@dataclass(frozen=True)
class DatedTerm:
    label: str
    date: date


@dataclass(frozen=True)
class Terms:
    amount: Decimal
    currency: str
    fx_rate: Decimal | None = None
    instalments: tuple[Instalment, ...] = ()
    deliverables: tuple[str, ...] = ()
    dates: tuple[DatedTerm, ...] = ()
    conditions: tuple[str, ...] = ()

    @property
    def amount_in_engagement_currency(self) -> Decimal:
        """The amount converted with `fx_rate` (unchanged when the currency is the engagement's)."""
        if self.fx_rate is None:
            return self.amount
        return self.amount * self.fx_rate

    def to_json(self) -> dict[str, Any]:
        """Return the terms as JSON-ready data (amounts and dates as strings)."""
        data: dict[str, Any] = {"amount": str(self.amount), "currency": self.currency}
        if self.fx_rate is not None:
            data["fx_rate"] = str(self.fx_rate)
        data["instalments"] = [{"amount": str(i.amount), "due": i.due.isoformat()} for i in self.instalments]
        data["deliverables"] = list(self.deliverables)
        data["dates"] = [{"label": d.label, "date": d.date.isoformat()} for d in self.dates]
        data["conditions"] = list(self.conditions)
        return data

    def summary(self) -> str:
        """One line for a case event or notification, e.g. 'EUR 1,200.00 in 3 instalments'."""
        text = format_money(self.amount, self.currency)
        if self.instalments:
            text += f" in {len(self.instalments)} instalments"
        return text


class _Collector:
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append((field, message))


def validate_terms(raw: Mapping[str, Any], *, engagement_currency: str, today: date) -> Terms:
    """Return clean `Terms` from raw JSON-like data, or raise TermsError listing every problem."""
    errs = _Collector()
    if not isinstance(raw, Mapping):
        raise TermsError([("terms", "Terms must be an object with an amount and a currency.")])
    for key in sorted(set(raw) - KNOWN_KEYS):
        errs.add(key, f"Unknown term “{key}”; the terms are {', '.join(sorted(KNOWN_KEYS))}.")
    currency = _currency(raw, engagement_currency, errs)
    amount = _money(raw.get("amount"), currency, "amount", errs) if currency else None
    fx_rate = _fx_rate(raw, currency, engagement_currency, errs)
    instalments = _instalments(raw.get("instalments") or [], currency, today, errs) if currency else ()
    if amount is not None and instalments and all(i is not None for i in instalments):
        total = sum((i.amount for i in instalments if i), Decimal(0))
        if total != amount:
            errs.add(
                "instalments",
                f"The instalments add up to {format_money(total, currency)}, "
                f"not the offered {format_money(amount, currency)}.",
            )
    deliverables = _texts(raw.get("deliverables") or [], "deliverables", errs)
    conditions = _texts(raw.get("conditions") or [], "conditions", errs)
    dates = _dated_terms(raw.get("dates") or [], today, errs)
    if errs.errors:
        raise TermsError(errs.errors)
    assert amount is not None and currency is not None
    return Terms(
        amount, currency, fx_rate, tuple(i for i in instalments if i), deliverables, dates, conditions
    )


def _currency(raw: Mapping[str, Any], engagement_currency: str, errs: _Collector) -> str | None:
    try:
        return normalise_currency(str(raw.get("currency") or engagement_currency))
    except MoneyError as exc:
        errs.add("currency", str(exc))
        return None


def _money(value: Any, currency: str, field: str, errs: _Collector) -> Decimal | None:
    if value is None or value == "":
        errs.add(field, "Enter an amount.")
        return None
    try:
        return parse_amount(value, currency)
    except MoneyError as exc:
        errs.add(field, str(exc))
        return None


def _fx_rate(
    raw: Mapping[str, Any], currency: str | None, engagement_currency: str, errs: _Collector
) -> Decimal | None:
    given = raw.get("fx_rate")
    if currency is None:
        return None
    if currency == normalise_currency(engagement_currency):
        if given not in (None, ""):
            errs.add(
                "fx_rate", "An exchange rate is only needed when the currency differs from the engagement's."
            )
        return None
    if given in (None, ""):
        errs.add(
            "currency",
            f"The engagement is in {engagement_currency}; an offer in {currency} "
            f"needs an exchange rate ({engagement_currency} per 1 {currency}).",
        )
        return None
    try:
        rate = Decimal(str(given))
    except InvalidOperation:
        rate = None
    if isinstance(given, float) or rate is None or not rate.is_finite() or rate <= 0:
        errs.add("fx_rate", f"“{given}” is not a usable exchange rate; write a positive number like 1.08.")
        return None
    return rate


def _date(value: Any, field: str, today: date, errs: _Collector) -> date | None:
    if isinstance(value, date):
        parsed = value
    else:
        try:
            parsed = date.fromisoformat(str(value or ""))
        except ValueError:
            errs.add(field, f"“{value}” is not a date; write it as YYYY-MM-DD.")
            return None
    if parsed < today:
        errs.add(field, f"{parsed.isoformat()} is in the past; choose today or a later date.")
        return None
    return parsed


def _instalments(raw: Any, currency: str, today: date, errs: _Collector) -> tuple[Instalment | None, ...]:
    if not isinstance(raw, list):
        errs.add("instalments", "Instalments must be a list of {amount, due}.")
        return ()
    if len(raw) > MAX_INSTALMENTS:
        errs.add("instalments", f"At most {MAX_INSTALMENTS} instalments.")
        return ()
    out: list[Instalment | None] = []
    for n, item in enumerate(raw):
        where = f"instalments[{n}]"
        if not isinstance(item, Mapping):
            errs.add(where, "Each instalment needs an amount and a due date.")
            out.append(None)
            continue
        amount = _money(item.get("amount"), currency, f"{where}.amount", errs)
        due = _date(item.get("due"), f"{where}.due", today, errs)
        out.append(Instalment(due, amount) if amount is not None and due is not None else None)
    complete = [i for i in out if i is not None]
    return tuple(sorted(complete, key=lambda i: i.due)) if len(complete) == len(out) else tuple(out)


def _texts(raw: Any, field: str, errs: _Collector) -> tuple[str, ...]:
    if not isinstance(raw, list) or len(raw) > MAX_ITEMS:
        errs.add(field, f"{field.capitalize()} must be a list of at most {MAX_ITEMS} short texts.")
        return ()
    out = []
    for n, item in enumerate(raw):
        text = str(item).strip() if isinstance(item, str) else ""
        if not text or len(text) > MAX_TEXT:
            errs.add(f"{field}[{n}]", f"Write a text of 1 to {MAX_TEXT} characters.")
            continue
        out.append(text)
    return tuple(out)


def _dated_terms(raw: Any, today: date, errs: _Collector) -> tuple[DatedTerm, ...]:
    if not isinstance(raw, list) or len(raw) > MAX_ITEMS:
        errs.add("dates", f"Dates must be a list of at most {MAX_ITEMS} {{label, date}} entries.")
        return ()
    out = []
    for n, item in enumerate(raw):
        label = str(item.get("label") or "").strip() if isinstance(item, Mapping) else ""
        if not label or len(label) > MAX_TEXT:
            errs.add(f"dates[{n}].label", "Say what the date is for (1 to 500 characters).")
            continue
        when = _date(item.get("date"), f"dates[{n}].date", today, errs)
        if when is not None:
            out.append(DatedTerm(label, when))
    return tuple(out)


def split_instalments(total: Decimal, count: int, dues: list[date], currency: str) -> tuple[Instalment, ...]:
    """Split `total` into `count` instalments that add up exactly; the last absorbs the rounding.

    Every instalment but the last is total/count rounded DOWN to the minor unit, so the last is the
    largest and never below one minor unit. Raises ValueError when that is impossible.
    """
    if count < 1 or count > MAX_INSTALMENTS:
        raise ValueError(f"Choose between 1 and {MAX_INSTALMENTS} instalments.")
    if len(dues) != count:
        raise ValueError("Give one due date per instalment.")
    total = quantize(total, currency)
    unit = Decimal(1).scaleb(-_places(currency))
    if total < unit * count:
        raise ValueError(f"{format_money(total, currency)} is too small to split into {count} instalments.")
    share = (total / count).quantize(unit, rounding="ROUND_DOWN")
    amounts = [share] * (count - 1) + [total - share * (count - 1)]
    return tuple(Instalment(d, a) for d, a in zip(dues, amounts, strict=True))


def _places(currency: str) -> int:
    return MINOR_UNITS[normalise_currency(currency)]
