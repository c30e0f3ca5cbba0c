"""The "deal as agreed": typed terms turned into the same clauses and key terms a document gives.

Pure module: no Django import. When there is no written contract, the freelancer types what was agreed
(and where: an email, a call); each term becomes one clause with its type, so the case panel, the
health check and the summaries work the same as for an uploaded contract.
"""

from __future__ import annotations

from decimal import Decimal

from .analyze import AnalyzedClause
from .classify import TypeHit
from .health import health_check
from .terms import KeyTerm, Money

DISPUTE_METHODS = ("negotiation", "mediation", "arbitration", "courts")

# field -> (heading, clause type)
DEAL_FIELDS = {
    "fee": ("Fee", "payment_terms"),
    "payment_due_days": ("Payment due", "payment_terms"),
    "late_fee": ("Late payment", "late_payment"),
    "deposit": ("Deposit", "deposit"),
    "revision_rounds": ("Revisions", "revisions"),
    "kill_fee": ("Kill fee", "kill_fee"),
    "termination_notice_days": ("Ending the work", "termination"),
    "deemed_acceptance_days": ("Acceptance", "acceptance"),
    "ip_on_full_payment": ("Ownership of the work", "ip_ownership"),
    "governing_law": ("Governing law", "governing_law"),
    "venue": ("Venue", "dispute_resolution"),
    "dispute_methods": ("Disputes", "dispute_resolution"),
}


def _dec(v) -> Decimal | None:
    if v in (None, ""):
        return None
    return v if isinstance(v, Decimal) else Decimal(str(v))


def deal_terms(data: dict, currency: str) -> list[tuple[str, str, object, str]]:
    """Return (field, sentence, value, display) for each term filled in the typed form."""
    out = []
    if (fee := _dec(data.get("fee"))) is not None:
        money = Money(fee, currency)
        out.append(("fee", f"The fee is {money}.", money, str(money)))
    if data.get("payment_due_days") not in (None, ""):
        n = int(data["payment_due_days"])
        out.append(("payment_due_days", f"Invoices are due {n} days after issue.", n,
                    f"Invoices are due {n} days after issue"))
    if (rate := _dec(data.get("late_fee_rate"))) is not None:
        period = data.get("late_fee_period") or "month"
        out.append(("late_fee", f"Late amounts carry {rate}% a {period}.",
                    {"kind": "rate", "rate": rate, "period": period}, f"{rate}% a {period}"))
    elif (flat := _dec(data.get("late_fee_flat"))) is not None:
        money = Money(flat, currency)
        out.append(("late_fee", f"A late fee of {money} applies.", {"kind": "flat", "amount": money},
                    f"a flat {money}"))
    if (pct := _dec(data.get("deposit_percent"))) is not None:
        out.append(("deposit", f"A deposit of {pct}% is paid up front.", {"percent": pct, "refundable": None},
                    f"{pct}% up front"))
    elif (amount := _dec(data.get("deposit_amount"))) is not None:
        money = Money(amount, currency)
        out.append(("deposit", f"A deposit of {money} is paid up front.", {"amount": money, "refundable": None},
                    f"{money} up front"))
    if data.get("revision_rounds") not in (None, ""):
        n = int(data["revision_rounds"])
        out.append(("revision_rounds", f"The fee includes {n} rounds of revisions.", n,
                    f"{n} rounds of revisions included"))
    if (kill := _dec(data.get("kill_fee_percent"))) is not None:
        when = (data.get("kill_fee_when") or "").strip()
        text = f"If the client cancels{' ' + when if when else ''}, it pays {kill}% of the remaining fee."
        out.append(("kill_fee", text, {"percent": kill, "basis": "of the remaining fee", "when": when},
                    f"{kill}% of the remaining fee"))
    if data.get("termination_notice_days") not in (None, ""):
        n = int(data["termination_notice_days"])
        out.append(("termination_notice_days", f"Either side may end the work with {n} days' notice.", n,
                    f"{n} days' notice to end the contract"))
    if data.get("deemed_acceptance_days") not in (None, ""):
        n = int(data["deemed_acceptance_days"])
        out.append(("deemed_acceptance_days", f"Work counts as accepted if no objection arrives within {n} days.", n,
                    f"deemed accepted if no objection within {n} days"))
    ip = data.get("ip_on_full_payment")
    if ip in (True, False):
        text = ("Rights in the work pass to the client only once paid in full." if ip else
                "Rights in the work pass to the client without a payment condition.")
        out.append(("ip_on_full_payment", text, ip, text.rstrip(".")))
    if law := (data.get("governing_law") or "").strip():
        out.append(("governing_law", f"The law of {law} applies.", law, f"the law of {law}"))
    if venue := (data.get("venue") or "").strip():
        out.append(("venue", f"Disputes go to {venue}.", {"forum": "courts", "place": venue}, venue))
    methods = [m for m in data.get("dispute_methods") or [] if m in DISPUTE_METHODS]
    if methods:
        out.append(("dispute_methods", f"Disputes follow this order: {' → '.join(methods)}.", methods,
                    " → ".join(methods)))
    return out


def deal_analysis(data: dict, currency: str, *, source: str = "") -> tuple[list[AnalyzedClause], list[KeyTerm], list]:
    """Return (clauses, key terms, health) for a typed deal, in the shapes an analysed document has."""
    clauses: list[AnalyzedClause] = []
    terms: list[KeyTerm] = []
    text_pos = 0
    where = f" (agreed {source})" if source else ""
    for i, (name, sentence, value, display) in enumerate(deal_terms(data, currency)):
        heading, typ = DEAL_FIELDS[name]
        body = f"{heading}. {sentence}{where}"
        clause = AnalyzedClause(index=i, number="", heading=heading, start=text_pos, end=text_pos + len(body),
                                text=body, kind="clause", types=[TypeHit(typ, 1.0, ["typed in the deal form"])])
        clauses.append(clause)
        terms.append(KeyTerm(name=name, value=value, display=display, clause=i, citation=clause.citation,
                             quote=sentence, start=text_pos, end=text_pos + len(body)))
        text_pos += len(body) + 2
    return clauses, terms, health_check(clauses, terms)
