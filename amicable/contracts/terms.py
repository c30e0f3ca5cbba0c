"""Key terms read from the clauses: due days, late fee, deposit, revision rounds, kill fee, notice,
deemed acceptance, governing law, venue, dispute path, IP on full payment, currency and amounts.

Pure module: no Django import. Money is Decimal + ISO 4217 code. Each term keeps the clause it came from
and the exact words (start/end offsets in the document text) so it can be quoted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

TERM_NAMES = (
    "payment_due_days", "late_fee", "deposit", "revision_rounds", "kill_fee", "termination_notice_days",
    "deemed_acceptance_days", "governing_law", "venue", "dispute_methods", "ip_on_full_payment", "currency",
    "fee", "rate", "amounts",
)

TERM_LABELS = {
    "payment_due_days": "Payment due", "late_fee": "Late fee", "deposit": "Deposit",
    "revision_rounds": "Revision rounds", "kill_fee": "Kill fee", "termination_notice_days": "Termination notice",
    "deemed_acceptance_days": "Deemed acceptance", "governing_law": "Governing law", "venue": "Venue",
    "dispute_methods": "Dispute path", "ip_on_full_payment": "IP passes on full payment", "currency": "Currency",
    "fee": "Fee", "rate": "Rate", "amounts": "Amounts",
}


@dataclass(frozen=True)
class Money:
    """An amount of money: Decimal plus ISO 4217 currency code."""

    amount: Decimal
    currency: str

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,}"

    def to_dict(self) -> dict:
        return {"amount": str(self.amount), "currency": self.currency}


@dataclass
class KeyTerm:
    """One key term: a value, plain words for it, and where it was found."""

    name: str
    value: Any
    display: str
    clause: int | None = None
    citation: str = ""
    quote: str = ""
    start: int = 0
    end: int = 0
    detail: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"name": self.name, "label": TERM_LABELS.get(self.name, self.name), "value": _jsonable(self.value),
                "display": self.display, "clause": self.clause, "citation": self.citation, "quote": self.quote,
                "start": self.start, "end": self.end, "detail": _jsonable(self.detail)}


def _jsonable(v: Any) -> Any:
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, Money):
        return v.to_dict()
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    return v


# --------------------------------------------------------------------------------------------
# numbers and money

_WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1, "single": 1,
}
NUM = (r"(?:\d{1,4}(?:\.\d+)?|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?"
       r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
       r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred))"
       r"(?:\s*\(\d{1,4}\))?")
UNIT = r"(?:(?:business|working|calendar|banking)\s+)?(?:days?|weeks?|months?)"


def parse_number(s: str) -> Decimal | None:
    """Return the number in '14', 'fourteen (14)', 'forty-five', '1.5'; None if there is none."""
    s = s.strip().lower()
    paren = re.search(r"\((\d{1,4})\)", s)
    if paren:
        return Decimal(paren.group(1))
    m = re.match(r"\d+(?:\.\d+)?", s)
    if m:
        return Decimal(m.group(0))
    total = 0
    found = False
    for w in re.split(r"[- ]+", s):
        if w in _WORD_NUMBERS:
            total = total * 100 if w == "hundred" and total else total + _WORD_NUMBERS[w]
            found = True
    return Decimal(total) if found else None


def to_days(n: Decimal, unit: str) -> int:
    """Return a period in days: weeks x 7, months x 30 (the unit is kept in the term's detail)."""
    unit = unit.lower()
    if "week" in unit:
        return int(n * 7)
    if "month" in unit:
        return int(n * 30)
    return int(n)


_SYMBOLS = {"us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "hk$": "HKD",
            "s$": "SGD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "chf": "CHF", "fr.": "CHF"}
ISO_CODES = ("USD", "EUR", "GBP", "SEK", "NOK", "DKK", "CHF", "CAD", "AUD", "NZD", "JPY", "INR", "PLN", "CZK",
             "HUF", "ZAR", "BRL", "MXN", "SGD", "HKD", "RON", "ISK", "TRY", "ILS", "AED", "CNY", "KRW")
_NAMES = {"euro": "EUR", "euros": "EUR", "dollars": "USD", "pounds": "GBP", "pounds sterling": "GBP",
          "kronor": "SEK", "francs": "CHF"}
_AMOUNT = r"\d{1,3}(?:[,.' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_ISO = "|".join(ISO_CODES)
MONEY_RE = re.compile(
    rf"(?P<sym>US\$|A\$|AU\$|C\$|CA\$|NZ\$|HK\$|S\$|\$|€|£|¥|₹)\s?(?P<a1>{_AMOUNT})(?:\s?(?P<iso1>{_ISO})\b)?"
    rf"|\b(?P<iso2>{_ISO})\s?(?P<a2>{_AMOUNT})"
    rf"|(?P<a3>{_AMOUNT})\s?(?P<iso3>{_ISO}|euros?|dollars|pounds(?: sterling)?)\b"
    rf"|\b(?P<a4>\d{{1,3}})p\b",
)


def parse_amount(s: str) -> Decimal | None:
    """Parse '1,000.50', '1.000,50', '2,400', '0.14' into a Decimal."""
    s = s.replace(" ", "").replace("'", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", s):
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d{1,2}", s):
        s = s.replace(",", ".")
    else:
        s = s.replace(",", "")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def find_money(text: str) -> list[tuple[Money, int, int]]:
    """Return every amount of money in `text` with its offsets."""
    out = []
    for m in MONEY_RE.finditer(text):
        if m.group("sym"):
            cur = m.group("iso1") or _SYMBOLS[m.group("sym").lower()]
            raw = m.group("a1")
        elif m.group("iso2"):
            cur, raw = m.group("iso2"), m.group("a2")
        elif m.group("a3"):
            word = m.group("iso3").lower()
            cur, raw = (m.group("iso3") if m.group("iso3") in ISO_CODES else _NAMES.get(word, "")), m.group("a3")
        else:
            amount = parse_amount(m.group("a4"))
            if amount is not None:
                out.append((Money(amount / 100, "GBP"), m.start(), m.end()))
            continue
        amount = parse_amount(raw)
        if amount is not None and cur:
            out.append((Money(amount, cur), m.start(), m.end()))
    return out


# --------------------------------------------------------------------------------------------
# the extractor


class _Ctx:
    """Clauses with their types, and helpers to record a term with its place in the document."""

    def __init__(self, clauses: list) -> None:
        self.clauses = [c for c in clauses if c.kind not in ("signature", "cover")]
        self.terms: list[KeyTerm] = []

    def typed(self, *types: str) -> list:
        return [c for c in self.clauses if any(h.type in types for h in getattr(c, "types", []))]

    def add(self, name: str, value: Any, display: str, clause, m: re.Match | None = None, *,
            span: tuple[int, int] | None = None, detail: dict | None = None) -> KeyTerm:
        start, end = span if span else ((m.start(), m.end()) if m else (0, len(clause.text)))
        term = KeyTerm(name=name, value=value, display=display, clause=clause.index, citation=clause.citation,
                       quote=clause.text[start:end], start=clause.start + start, end=clause.start + end,
                       detail=detail or {})
        self.terms.append(term)
        return term

    def has(self, name: str) -> bool:
        return any(t.name == name for t in self.terms)


def extract_terms(clauses: list) -> list[KeyTerm]:
    """Return the key terms found in typed clauses (see TERM_NAMES), in a stable order."""
    ctx = _Ctx(clauses)
    for fn in (_payment_due, _late_fee, _deposit, _revisions, _kill_fee, _termination_notice, _deemed_acceptance,
               _governing_law, _venue, _dispute_methods, _ip_on_payment, _fee_and_rate, _currency):
        fn(ctx)
    order = {n: i for i, n in enumerate(TERM_NAMES)}
    ctx.terms.sort(key=lambda t: (order.get(t.name, 99), t.start))
    return ctx.terms


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    s = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("; ", 0, start))
    e_candidates = [i for i in (text.find(". ", end), text.find(";", end), text.find("\n", end)) if i >= 0]
    e = min(e_candidates) + 1 if e_candidates else len(text)
    return (s + 1 if s >= 0 else 0), e


_DUE = [
    re.compile(r"\bnet\s*(?P<n>\d{1,3})\b", re.I),
    re.compile(rf"\b(?:payable|due|paid|pay (?:each|all|every|the) invoices?|payment (?:is|shall be) (?:due|made))"
               rf"\s+(?:with)?in\s+(?P<n>{NUM})\s*(?P<u>{UNIT})\s+(?:of|from|after|following)\s+"
               rf"(?:the\s+)?(?:date of\s+|receipt of\s+|receiving\s+|issue of\s+)?(?:the\s+|each\s+|a\s+|its\s+)?"
               rf"(?:proper\s+)?(?P<basis>\w+)", re.I),
    re.compile(rf"\b(?:payment (?:is )?due|payment terms are|payable|due)\s+(?P<n>{NUM})\s*(?P<u>{UNIT})\s+"
               rf"(?:from|after|of)\s+(?:the\s+)?(?:date of\s+)?(?:the\s+)?(?P<basis>\w+)", re.I),
    re.compile(rf"\b(?:invoices? (?:are|is) (?:payable|due)|payment is due)\s+(?:with)?in\s+(?P<n>{NUM})\s*"
               rf"(?P<u>{UNIT})", re.I),
    re.compile(rf"\b(?:pay|payable|due|paid)\b[^.;]{{0,40}}?\bwithin\s+(?P<n>{NUM})\s*(?P<u>{UNIT})"
               rf"(?:\s+(?:of|from|after|following)\s+(?:the\s+)?(?:date of\s+|receipt of\s+|receiving\s+|"
               rf"issue of\s+)?(?:the\s+|each\s+|a\s+|its\s+)?(?:proper\s+)?(?P<basis>\w+))?", re.I),
]


def _payment_due(ctx: _Ctx) -> None:
    for clause in ctx.typed("payment_terms") + ctx.clauses:
        for pat in _DUE:
            m = pat.search(clause.text)
            if not m:
                continue
            if m.re is _DUE[0]:
                n, unit, basis = Decimal(m.group("n")), "days", "invoice"
            else:
                n = parse_number(m.group("n"))
                unit = m.group("u").lower()
                basis = (m.groupdict().get("basis") or "invoice").lower()
                if basis in ("the", "each", "a", "its"):
                    basis = "invoice"
            if n is None:
                continue
            days = to_days(n, unit)
            basis = {"receipt": "invoice", "issue": "invoice", "invoice": "invoice", "date": "invoice"}.get(
                basis, basis)
            after = "issue" if basis == "invoice" else basis
            unit_word = _unit_words(n, unit)
            display = f"Invoices are due {unit_word} after {after}" if basis == "invoice" else \
                f"Payment is due {unit_word} after {after}"
            ctx.add("payment_due_days", days, display, clause, m,
                    detail={"number": n, "unit": unit, "basis": basis, "business_days": "business" in unit
                            or "working" in unit})
            return


def _unit_words(n: Decimal, unit: str) -> str:
    unit = unit.lower()
    base = re.sub(r"s$", "", unit)
    return f"{n} {base}" if n == 1 else f"{n} {base}s"


_RATE = re.compile(
    rf"(?P<rate>\d{{1,2}}(?:\.\d{{1,3}})?|{NUM})\s*(?:%|per ?cent|percent|percentage points?)"
    r"(?:\s*\(\d+(?:\.\d+)?%\))?\s*(?P<per>(?:per|a|each|every)\s+(?:month|annum|year|week|day)|monthly|annually|"
    r"above[^.;]{0,40}\b(?:base|reference|prime) rate)", re.I)
_STATUTORY = re.compile(r"\bstatutory (?:rate|interest)\b|\binterest act\b|\blate payment of commercial debts[^.;]*"
                        r"|\blate payment directive\b|\bsection 288\b[^.;]*|\breference rate\b", re.I)
_FLAT = re.compile(r"\b(?:late (?:fee|charge|payment charge)|reminder fee|flat fee|recovery compensation|"
                   r"fixed compensation)\b[^.;]{0,30}?(?:of|is)?\s*"
                   r"(?P<money>(?:[$€£]|\b[A-Z]{3}\s?)\s?\d[\d,.]*)", re.I)
_FLAT_PCT = re.compile(r"\blate (?:fee|charge|payment charge)\b[^.;]{0,20}?\bof\s+"
                       r"(?P<pct>\d{1,2}(?:\.\d+)?)\s*%\s+"
                       r"of the (?:invoice|overdue|unpaid)", re.I)


def _late_fee(ctx: _Ctx) -> None:
    for clause in ctx.typed("late_payment"):
        text = clause.text
        found = False
        for m in _RATE.finditer(text):
            rate = parse_number(m.group("rate"))
            per = m.group("per").lower()
            if rate is None:
                continue
            if "above" in per:
                period, display = "year", f"{rate}% a year above the {re.sub(r'^above (the )?', '', per)}"
            else:
                period = next(p for p in ("month", "annum", "year", "week", "day") if p in per)
                period = "year" if period == "annum" else period
                display = f"{rate}% a {period}"
            ctx.add("late_fee", {"kind": "rate", "rate": rate, "period": period}, display, clause, m)
            found = True
        for m in _FLAT.finditer(text):
            money = find_money(m.group("money"))
            if money:
                amount = money[0][0]
                tail = text[m.end():m.end() + 40].lower()
                per = " per week" if "each week" in tail or "per week" in tail else (
                    " per overdue invoice" if "per overdue invoice" in tail else "")
                ctx.add("late_fee", {"kind": "flat", "amount": amount}, f"a flat {amount}{per}", clause, m)
                found = True
        for m in _FLAT_PCT.finditer(text):
            pct = Decimal(m.group("pct"))
            ctx.add("late_fee", {"kind": "flat_percent", "percent": pct}, f"a one-off {pct}% of the invoice",
                    clause, m)
            found = True
        m = _STATUTORY.search(text)
        if m and not found:
            ref = m.group(0).strip()
            ctx.add("late_fee", {"kind": "statutory", "reference": ref}, f"statutory interest ({ref})", clause, m)
        if ctx.has("late_fee"):
            return


_DEPOSIT_PCT = [
    re.compile(r"\b(?:deposit|advance payment|advance|retainer)\b[^.;]{0,25}?\bof\s+(?P<pct>\d{1,3}(?:\.\d+)?)\s*%",
               re.I),
    re.compile(r"(?P<pct>\d{1,3}(?:\.\d+)?)\s*%\s*(?:non-refundable\s+)?(?:deposit|upfront|up-front|advance)", re.I),
    re.compile(r"(?P<pct>\d{1,3}(?:\.\d+)?)\s*%\s*(?:of the (?:total |project |fixed )?(?:fee|price)\s+)?"
               r"(?:is\s+)?(?:(?:payable|due|invoiced)\s+)?(?:on|upon|at|before)\s+(?:signing|signature|execution|"
               r"booking|work begins|recruitment)", re.I),
    re.compile(r"\b(?:invoice|pay)\s+(?P<pct>\d{1,3})\s*%\s+(?:on|upon|at)\s+(?:signing|signature)", re.I),
]
_DEPOSIT_HALF = re.compile(r"\bhalf\b[^.;]{0,30}\b(?:when we start|before work begins|on signing|upfront)", re.I)
_DEPOSIT_AMOUNT = re.compile(r"\b(?:deposit|retainer|advance payment|booking fee)\b[^.;]{0,20}?\bof\s+"
                             r"(?P<money>(?:[$€£]|\b[A-Z]{3}\s?)\s?\d[\d,.]*(?:\s?[A-Z]{3})?)", re.I)


def _deposit(ctx: _Ctx) -> None:
    for clause in ctx.typed("deposit"):
        text = clause.text
        refundable = None if "refund" not in text.lower() else "non-refundable" not in text.lower()
        for pat in _DEPOSIT_PCT:
            m = pat.search(text)
            if m:
                pct = Decimal(m.group("pct"))
                ctx.add("deposit", {"percent": pct, "refundable": refundable}, f"{pct}% up front", clause, m)
                return
        m = _DEPOSIT_HALF.search(text)
        if m:
            ctx.add("deposit", {"percent": Decimal(50), "refundable": refundable}, "50% up front", clause, m)
            return
        m = _DEPOSIT_AMOUNT.search(text)
        if m:
            money = find_money(m.group("money"))
            if money:
                ctx.add("deposit", {"amount": money[0][0], "refundable": refundable},
                        f"{money[0][0]} up front", clause, m)
                return


_ROUNDS = re.compile(
    rf"\b(?:up to\s+)?(?P<n>{NUM})\s+(?:consolidated\s+)?(?:rounds?|sets?|cycles?)\s+of\s+(?:edit\s+)?"
    r"(?:revisions?|changes|amendments|edits|fixes|corrections|feedback)"
    rf"|\b(?:up to\s+)?(?P<n2>{NUM})\s+(?:revision rounds|revisions|rounds)\b"
    rf"|\blimited to\s+(?P<n3>{NUM})\s+rounds?\b", re.I)


def _revisions(ctx: _Ctx) -> None:
    for clause in ctx.typed("revisions"):
        if re.search(r"\bunlimited (?:revisions|rounds|changes)\b", clause.text, re.I):
            m = re.search(r"\bunlimited (?:revisions|rounds|changes)\b", clause.text, re.I)
            ctx.add("revision_rounds", "unlimited", "unlimited revisions", clause, m)
            return
        matches = list(_ROUNDS.finditer(clause.text))
        counts = []
        for m in matches:
            n = parse_number(m.group("n") or m.group("n2") or m.group("n3"))
            if n is not None and n < 50:
                counts.append(int(n))
        if counts:
            n = counts[0]
            extra = f" (stages: {', '.join(str(c) for c in counts)})" if len(counts) > 1 else ""
            word = "round" if n == 1 else "rounds"
            ctx.add("revision_rounds", n, f"{n} {word} of revisions included{extra}", clause, matches[0],
                    detail={"per_stage": counts})
            return


_KILL_PCT = re.compile(r"(?P<pct>\d{1,3}(?:\.\d+)?)\s*%|(?P<pctw>\w+) percent \((?P<pctn>\d{1,3})%\)", re.I)
_KILL_FULL = re.compile(r"\b(?:the )?full (?:production |project |total )?fee\b|\bfees? for the remaining\b", re.I)
_KILL_KEPT = re.compile(r"\b(?:deposit|retainer|first payment|payments made)\b[^.;]{0,30}\b(?:kept|retained)\b", re.I)
_KILL_WHEN = re.compile(r"\b(?:if|where|should|once)\b[^.;]{0,160}?\b(?:cancel\w*|terminat\w*|ends? it)\b[^.;,]{0,100}",
                        re.I)


def _kill_fee(ctx: _Ctx) -> None:
    for clause in ctx.typed("kill_fee"):
        text = clause.text
        when_m = _KILL_WHEN.search(text)
        when = when_m.group(0).strip() if when_m else ""
        anchor = re.search(r"\b(?:kill fee|cancellation (?:fee|charge)|termination fee|cancel\w*|ends? it)\b", text,
                           re.I)
        pos = anchor.start() if anchor else 0
        m = next((x for x in _KILL_PCT.finditer(text) if x.start() >= pos - 40), None)
        if m:
            pct = Decimal(m.group("pct") or m.group("pctn"))
            s, e = _sentence(text, m.start(), m.end())
            of = re.search(r"%\)?\s*(of (?:the )?[\w ]{3,40}?)(?:[,.;]|\s+(?:less|plus|applies|in addition|is|also)\b)",
                           text[m.start():e])
            basis = of.group(1) if of else "of the fee"
            ctx.add("kill_fee", {"percent": pct, "basis": basis, "when": when}, f"{pct}% {basis}", clause,
                    span=(s, e), detail={"when": when})
            return
        m = _KILL_FULL.search(text)
        if m:
            ctx.add("kill_fee", {"full_fee": True, "when": when}, "the full fee", clause, m, detail={"when": when})
            return
        m = _KILL_KEPT.search(text)
        if m:
            ctx.add("kill_fee", {"deposit_kept": True, "when": when}, "the deposit is kept", clause, m,
                    detail={"when": when})
            return
        money = find_money(text)
        if money:
            amount, s, e = money[0]
            ctx.add("kill_fee", {"amount": amount, "when": when}, str(amount), clause, span=(s, e),
                    detail={"when": when})
            return


_NOTICE = re.compile(
    rf"(?P<n>{NUM})\s*(?P<u>{UNIT})['’]?\s*(?:prior\s+)?(?:advance\s+)?(?:written\s+)?notice"
    rf"|\bnotice of\s+(?:at least\s+)?(?P<n2>{NUM})\s*(?P<u2>{UNIT})"
    rf"|\bgiving (?:the other )?(?P<n3>{NUM})\s*(?P<u3>{UNIT})['’]?\s*notice", re.I)


def _termination_notice(ctx: _Ctx) -> None:
    for clause in ctx.typed("termination"):
        for m in _NOTICE.finditer(clause.text):
            raw = m.group("n") or m.group("n2") or m.group("n3")
            unit = (m.group("u") or m.group("u2") or m.group("u3")).lower()
            n = parse_number(raw)
            before = clause.text[max(0, m.start() - 60):m.start()].lower()
            if n is None or "suspend" in before or "cure" in before or "breach" in before and "terminat" not in before:
                continue
            days = to_days(n, unit)
            ctx.add("termination_notice_days", days, f"{_unit_words(n, unit)}' notice to end the contract", clause, m,
                    detail={"number": n, "unit": unit})
            return


_DEEMED = re.compile(r"\b(?:deemed|considered|treated as|be treated as)(?: final and)? (?:accepted|approved|final)\b",
                     re.I)
_WITHIN = re.compile(rf"\b(?:within|after|in)\s+(?P<n>{NUM})\s*(?P<u>{UNIT})", re.I)


def _deemed_acceptance(ctx: _Ctx) -> None:
    for clause in ctx.typed("acceptance"):
        d = _DEEMED.search(clause.text)
        if not d:
            continue
        s, e = _sentence(clause.text, d.start(), d.end())
        m = _WITHIN.search(clause.text[s:e])
        source, offset = clause, s
        if not m:
            # "...within seven (7) days. If the Client does not respond within that period, ... deemed accepted"
            m = _last_within(clause.text[:s])
            offset = 0
            if not m and clause.index > 0:
                prev = _previous(ctx, clause)
                if prev is not None:
                    m = _last_within(prev.text)
                    source = prev
        if not m:
            ctx.add("deemed_acceptance_days", None, "deemed accepted after a review period (length not stated)",
                    clause, d)
            return
        n = parse_number(m.group("n"))
        unit = m.group("u").lower()
        if n is None:
            continue
        ctx.add("deemed_acceptance_days", to_days(n, unit),
                f"deemed accepted if no objection within {_unit_words(n, unit)}", clause, d,
                detail={"number": n, "unit": unit, "period_quote": source.text[offset + m.start():offset + m.end()],
                        "business_days": "business" in unit or "working" in unit})
        return


def _last_within(text: str) -> re.Match | None:
    found = None
    for m in _WITHIN.finditer(text):
        found = m
    return found


def _previous(ctx: _Ctx, clause) -> Any:
    for c in ctx.clauses:
        if c.index == clause.index - 1 and c.parent == clause.parent:
            return c
    return None


_LAW = [
    re.compile(r"\bgoverned by(?:,? and (?:shall be )?construed in accordance with,?)? (?:the )?laws? of (?:the )?"
               r"(?P<place>(?:State of |Commonwealth of |Province of )?[A-Z][\w.]*(?:[ -](?:[A-Z][\w.]*|of|and))*)",),
    re.compile(r"\b(?:governed by|under) (?P<adj>[A-Z][a-z]+) law\b"),
    re.compile(r"\b(?P<adj>[A-Z][a-z]+) law (?:governs|applies|shall apply|will apply)\b"),
    re.compile(r"\blaws? of (?:the )?(?P<place>(?:State of |Commonwealth of )?[A-Z][\w.]*"
               r"(?:[ -](?:[A-Z][\w.]*|of|and))*)"
               r"(?= (?:governs?|appl(?:y|ies)|shall govern))"),
]
_ADJECTIVES = {"English": "England and Wales", "Irish": "Ireland", "Scottish": "Scotland", "Swedish": "Sweden",
               "German": "Germany", "French": "France", "Dutch": "the Netherlands", "Spanish": "Spain",
               "Italian": "Italy", "Finnish": "Finland", "Danish": "Denmark", "Norwegian": "Norway",
               "Swiss": "Switzerland", "Belgian": "Belgium", "Austrian": "Austria", "Portuguese": "Portugal",
               "Polish": "Poland", "Canadian": "Canada", "Australian": "Australia", "Welsh": "Wales"}


def _clean_place(place: str) -> str:
    place = re.sub(r"\s+(?:and|of)$", "", place.strip())
    place = re.sub(r"\s+and (?:the|any|all)\b.*$", "", place)
    place = re.sub(r"^(?:State|Commonwealth|Province) of ", "", place)
    return place.rstrip(".,")


def _governing_law(ctx: _Ctx) -> None:
    for clause in ctx.typed("governing_law") + ctx.typed("dispute_resolution"):
        for pat in _LAW:
            m = pat.search(clause.text)
            if not m:
                continue
            if m.groupdict().get("adj"):
                place = _ADJECTIVES.get(m.group("adj"), f"{m.group('adj')} law")
            else:
                place = _clean_place(m.group("place"))
            if not place:
                continue
            ctx.add("governing_law", place, f"the law of {place}", clause, m)
            return


_VENUE = [
    ("courts", re.compile(r"\b(?:the )?(?:state and federal |competent |exclusive )?courts? (?:of|in|located in|"
                          r"sitting in|for) (?:the )?(?P<place>(?:State of )?[A-Z][\w.]*(?:[ -](?:[A-Z][\w.]*|of|and))*"
                          r"(?:, [A-Z][a-z]+)?)")),
    ("courts", re.compile(r"\b(?:the )?(?P<place>[A-Z][a-z]+ (?:District|County|High|Regional|Superior) Court)\b")),
    ("courts", re.compile(r"\b(?:brought|filed|heard|commenced) in (?:the )?(?:courts of )?(?P<place>[A-Z][\w.]*"
                          r"(?: [A-Z][\w.]*)*(?:, [A-Z][a-z]+)?)")),
    ("arbitration", re.compile(r"\barbitration\b[^.;]{0,120}?\bin (?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)*"
                               r"(?:, [A-Z][a-z]+)?)")),
    ("courts", re.compile(r"\bthe (?P<place>[A-Z][a-z]+) courts\b")),
    ("small claims", re.compile(r"\b(?P<place>small claims(?: track)?(?: of the [A-Z][\w ]+? Court)?)")),
]


def _venue(ctx: _Ctx) -> None:
    for clause in ctx.typed("dispute_resolution") + ctx.typed("governing_law"):
        for forum, pat in _VENUE:
            m = pat.search(clause.text)
            if not m:
                continue
            place = _clean_place(m.group("place"))
            place = _ADJECTIVES.get(place, place)
            if forum == "arbitration" and place.split()[0] in ("Accordance", "The"):
                continue
            display = f"arbitration in {place}" if forum == "arbitration" else (
                place if "court" in place.lower() or forum == "small claims" else f"the courts of {place}")
            ctx.add("venue", {"forum": forum, "place": place}, display, clause, m)
            return


_METHODS = [
    ("negotiation", re.compile(r"\bnegotiat\w*|\bgood[- ]faith\b|\bdiscuss\w*|\btalking\b|\binformally\b|"
                               r"\bsenior (?:representatives|executives)\b|\bmeet\b|\bdirectly\b|\bamicabl\w*|"
                               r"\bproject sponsors\b", re.I)),
    ("mediation", re.compile(r"\bmediat\w*", re.I)),
    ("arbitration", re.compile(r"\barbitrat\w*", re.I)),
    ("courts", re.compile(r"\bcourts?\b|\blawsuit\b|\blitigation\b|\bsmall claims\b|\bjudicial\b", re.I)),
]


def _dispute_methods(ctx: _Ctx) -> None:
    clauses = ctx.typed("dispute_resolution")
    if not clauses:
        return
    found: list[tuple[int, str, Any, re.Match]] = []
    for order, clause in enumerate(clauses):
        for name, pat in _METHODS:
            m = pat.search(clause.text)
            if m:
                found.append((order * 100000 + m.start(), name, clause, m))
    if not found:
        return
    found.sort(key=lambda x: x[0])
    methods = []
    for _pos, name, _c, _m in found:
        if name not in methods:
            methods.append(name)
    first = found[0]
    ctx.add("dispute_methods", methods, " → ".join(methods), first[2], span=(0, len(first[2].text)),
            detail={"clauses": sorted({c.index for _p, _n, c, _m in found})})


_ON_PAYMENT = re.compile(
    r"\b(?:upon|on|after|once|following|when|until)\s+(?:(?:customer's|client's|the client's|the customer's)\s+)?"
    r"(?:receipt of\s+)?(?:final\s+)?(?:full payment|payment in full|payment of (?:all|the) (?:fees|invoices?|invoice)"
    r"(?: in full)?|(?:all )?invoices (?:are|have been) paid|the (?:fee|relevant month) has been paid(?: in full)?|"
    r"it has been paid for in full|the fee has been paid|paid (?:for )?in full|final payment)"
    r"|\buntil (?:all invoices have been |the fees? (?:has|have) been )?paid in full\b|\bonce\b[^.;]{0,40}\bpaid\b"
    r"|\bon payment of all invoices\b|\bupon full payment\b", re.I)


def _ip_on_payment(ctx: _Ctx) -> None:
    clauses = ctx.typed("ip_ownership")
    if not clauses:
        return
    for clause in clauses:
        m = _ON_PAYMENT.search(clause.text)
        if m:
            ctx.add("ip_on_full_payment", True, "Rights pass to the client only once paid in full", clause, m)
            return
    first = clauses[0]
    ctx.add("ip_on_full_payment", False, "No clause ties the client's rights to full payment",
            first, span=(0, len(first.text)))


_FEE = re.compile(r"\b(?:total|project|fixed|flat|production|the|my|our)\s+(?:project\s+)?fee\b[^.;]{0,40}?"
                  r"(?:is|of|:)\s+(?:a\s+)?(?:fixed\s+)?(?P<money>(?:[$€£]|\b[A-Z]{3}\s?)\s?\d[\d,.]*(?:\s?[A-Z]{3})?)"
                  r"|\b(?P<money2>(?:[$€£]|\b[A-Z]{3}\s?)\s?\d[\d,.]*)\s+in total\b", re.I)
_RATE_AMOUNT = re.compile(r"(?P<money>(?:[$€£]|\b[A-Z]{3}\s?)\s?\d[\d,.]*)\s*(?:per|/|an|a)\s*(?P<per>hour|day|"
                          r"word|source word|month|page|image)\b", re.I)


def _fee_and_rate(ctx: _Ctx) -> None:
    for clause in ctx.typed("payment_terms"):
        m = _FEE.search(clause.text)
        if m:
            money = find_money(m.group("money") or m.group("money2"))
            if money:
                ctx.add("fee", money[0][0], f"{money[0][0]}", clause, m)
                break
    for clause in ctx.typed("payment_terms"):
        m = _RATE_AMOUNT.search(clause.text)
        if m:
            money = find_money(m.group("money"))
            if money:
                per = m.group("per").lower()
                ctx.add("rate", {"amount": money[0][0], "per": per}, f"{money[0][0]} per {per}", clause, m)
                break


def _currency(ctx: _Ctx) -> None:
    counts: Counter[str] = Counter()
    amounts = []
    for clause in ctx.clauses:
        for money, s, e in find_money(clause.text):
            counts[money.currency] += 1
            amounts.append({"amount": money, "clause": clause.index, "citation": clause.citation,
                            "quote": clause.text[s:e], "start": clause.start + s, "end": clause.start + e})
    if not counts:
        return
    currency, _n = counts.most_common(1)[0]
    first = next(a for a in amounts if a["amount"].currency == currency)
    clause = next(c for c in ctx.clauses if c.index == first["clause"])
    others = sorted(c for c in counts if c != currency)
    display = currency + (f" (also {', '.join(others)})" if others else "")
    if currency == "USD" and re.search(r"\bAUD|CAD|NZD|australian|canadian\b", " ".join(c.text for c in ctx.clauses),
                                       re.I):
        display += " — note: '$' was read as US dollars; check the currency"
    ctx.add("currency", currency, display, clause, span=(first["start"] - clause.start, first["end"] - clause.start),
            detail={"counts": dict(counts)})
    ctx.terms.append(KeyTerm(name="amounts", value=[a["amount"] for a in amounts],
                             display=", ".join(str(a["amount"]) for a in amounts[:8]) + (" …" if len(amounts) > 8
                                                                                          else ""),
                             clause=None, citation="", quote="", start=0, end=0,
                             detail={"found": [{k: v for k, v in a.items()} for a in amounts]}))
