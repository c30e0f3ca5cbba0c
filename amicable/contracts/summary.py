"""What the contract says about a dispute: the dispute-type → clause-type table, ranking, and plain words.

Pure module: no Django import. `DISPUTE_CLAUSE_MAP` is the one table that says which clause types bear on
which dispute type, with weights; `relevant_clauses` ranks a contract's clauses for a case's dispute
types; `plain_summary` turns a clause's key terms into a sentence a freelancer can read
("Invoices are due 14 days after issue; late amounts carry 1.5% a month (clause 5.2).").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .classify import TYPE_LABELS

DISPUTE_TYPES = ("non_payment", "late_payment", "scope_creep", "quality", "missed_deadline", "cancellation",
                 "ip_usage", "chargeback", "communication", "other")

DISPUTE_CLAUSE_MAP: dict[str, dict[str, float]] = {
    "non_payment": {"payment_terms": 1.0, "late_payment": 0.9, "ip_ownership": 0.7, "acceptance": 0.7,
                    "deposit": 0.6, "dispute_resolution": 0.6, "termination": 0.5, "kill_fee": 0.4,
                    "expenses": 0.4, "governing_law": 0.3, "license": 0.3},
    "late_payment": {"late_payment": 1.0, "payment_terms": 0.9, "ip_ownership": 0.4, "dispute_resolution": 0.4,
                     "termination": 0.3, "governing_law": 0.3},
    "scope_creep": {"scope": 1.0, "change_requests": 1.0, "revisions": 0.9, "client_obligations": 0.5,
                    "payment_terms": 0.4, "timeline": 0.4, "acceptance": 0.4, "entire_agreement": 0.3},
    "quality": {"acceptance": 1.0, "revisions": 0.9, "warranty": 0.8, "scope": 0.7, "liability": 0.5,
                "client_obligations": 0.4, "dispute_resolution": 0.4},
    "missed_deadline": {"timeline": 1.0, "client_obligations": 0.8, "force_majeure": 0.7, "change_requests": 0.5,
                        "termination": 0.5, "liability": 0.4},
    "cancellation": {"termination": 1.0, "kill_fee": 1.0, "deposit": 0.7, "notices": 0.5, "payment_terms": 0.5,
                     "ip_ownership": 0.4},
    "ip_usage": {"ip_ownership": 1.0, "license": 1.0, "confidentiality": 0.5, "payment_terms": 0.4,
                 "indemnity": 0.3},
    "chargeback": {"payment_terms": 0.9, "acceptance": 0.8, "scope": 0.6, "deposit": 0.6, "dispute_resolution": 0.6,
                   "ip_ownership": 0.4, "entire_agreement": 0.3},
    "communication": {"notices": 1.0, "client_obligations": 0.7, "change_requests": 0.6, "dispute_resolution": 0.6,
                      "timeline": 0.3},
    "other": {"dispute_resolution": 1.0, "governing_law": 0.8, "notices": 0.5, "entire_agreement": 0.4},
}

# what a clause of each type is about, when no key term gives us the specifics
TYPE_PLAIN = {
    "payment_terms": "sets how much and when you are paid",
    "late_payment": "says what happens when payment is late",
    "deposit": "covers the upfront deposit",
    "expenses": "says which costs the client reimburses",
    "scope": "describes the work that was agreed",
    "change_requests": "says how changes to the work are agreed and priced",
    "revisions": "sets how many revisions are included",
    "timeline": "sets the schedule and what moves it",
    "acceptance": "says how and when the work counts as accepted",
    "client_obligations": "lists what the client must provide",
    "termination": "says how either side can end the contract",
    "kill_fee": "says what the client pays if it cancels",
    "ip_ownership": "says who owns the work",
    "license": "says how the work may be used, including your portfolio",
    "confidentiality": "keeps each side's information confidential",
    "warranty": "is the promise about the quality of the work",
    "liability": "limits how much either side can be liable for",
    "indemnity": "says who covers third-party claims",
    "governing_law": "names the law that applies",
    "dispute_resolution": "sets how disputes are resolved",
    "notices": "says how formal notices must be sent",
    "force_majeure": "excuses delays caused by events outside anyone's control",
    "entire_agreement": "says this document is the whole agreement",
    "independent_contractor": "confirms you are an independent contractor",
    "non_solicitation": "restricts hiring or poaching people",
    "data_protection": "covers personal data",
}


@dataclass
class RelevantClause:
    """A clause that bears on the case, with its score, the types that matched, and plain words."""

    clause: object
    score: float
    types: list[str]
    summary: str
    terms: list = field(default_factory=list)

    def to_dict(self) -> dict:
        c = self.clause
        return {"index": c.index, "citation": c.citation, "heading": c.heading, "page": c.page, "score":
                round(self.score, 3), "types": self.types, "summary": self.summary, "text": c.text,
                "quote": quote_text(c)}


def _term_sentence(t) -> str:
    """One clause of a sentence for a key term."""
    v = t.value
    match t.name:
        case "payment_due_days":
            return t.display
        case "late_fee":
            return f"late amounts carry {t.display}" if isinstance(v, dict) and v.get("kind") == "rate" else \
                f"late payment costs {t.display}"
        case "deposit":
            return f"a deposit of {t.display.replace(' up front', '')} is due up front"
        case "revision_rounds":
            if v == "unlimited":
                return "revisions are unlimited"
            return f"the fee includes {v} round{'s' if v != 1 else ''} of revisions"
        case "kill_fee":
            when = _when(v.get("when", "")) if isinstance(v, dict) else ""
            if isinstance(v, dict) and v.get("deposit_kept"):
                return f"if the client cancels{when}, the deposit is kept"
            return f"if the client cancels{when}, it owes {t.display}"
        case "termination_notice_days":
            return f"either side needs {t.display}"
        case "deemed_acceptance_days":
            return f"work is {t.display}"
        case "governing_law":
            return f"{t.display} applies"
        case "venue":
            return f"disputes go to {t.display}"
        case "dispute_methods":
            return f"disputes follow this order: {t.display}"
        case "ip_on_full_payment":
            return "the client gets the rights only once paid in full" if v else \
                "no clause ties the client's rights to full payment"
        case "fee":
            return f"the fee is {t.display}"
        case "rate":
            return f"the rate is {t.display}"
    return ""


_WHEN_LEAD = re.compile(r"^(?:if|should|where|once)\s+(?:the\s+)?\w+\s+(?:cancels?|terminates?|ends? it)"
                        r"(?:\s+(?:the|this)\s+(?:project|agreement|contract|work|study))?\s*(?P<rest>.*)$", re.I)


def _when(when: str) -> str:
    """Return ' after the roughs have been delivered' from 'If the Client cancels after the roughs ...'."""
    m = _WHEN_LEAD.match((when or "").strip().rstrip(","))
    if not m or not m.group("rest"):
        return ""
    rest = re.split(r",|;| the client (?:shall|will|must)", m.group("rest"), maxsplit=1)[0].strip()
    return f" {rest}" if rest else ""


def plain_summary(clause, terms: list) -> str:
    """Return a plain-language sentence for a clause from its key terms, ending with its citation."""
    own = [t for t in terms if t.clause == clause.index and t.name not in ("currency", "amounts")]
    parts = [p for p in (_term_sentence(t) for t in own) if p]
    if not parts:
        types = [h.type for h in getattr(clause, "types", [])]
        what = TYPE_PLAIN.get(types[0], "") if types else ""
        if not what:
            return f"See {clause.citation}."
        parts = [f"This clause {what}"]
    sentence = "; ".join(parts)
    sentence = sentence[0].upper() + sentence[1:]
    return f"{sentence} ({clause.citation})."


def quote_text(clause) -> str:
    """Return the citation and exact text of a clause, ready to paste into a message."""
    page = f", page {clause.page}" if getattr(clause, "page", None) else ""
    return f"{clause.citation[0].upper()}{clause.citation[1:]}{page}: “{clause.text.strip()}”"


def relevant_clauses(clauses: list, terms: list, dispute_types: list[str], *, limit: int = 8) -> list[RelevantClause]:
    """Return the clauses that bear on the dispute types, best first.

    A clause scores the best weight of its types in DISPUTE_CLAUSE_MAP for any of the dispute types,
    times its type confidence, plus a small bonus when key terms were read from it.
    """
    wanted = [d for d in dispute_types if d in DISPUTE_CLAUSE_MAP] or ["other"]
    ranked = []
    for c in clauses:
        if c.kind in ("signature", "cover", "preamble") or not getattr(c, "types", None):
            continue
        best = 0.0
        matched = []
        for h in c.types:
            weight = max(DISPUTE_CLAUSE_MAP[d].get(h.type, 0.0) for d in wanted)
            if weight:
                matched.append(h.type)
                score = weight * h.confidence * (0.6 if h.inherited else 1.0)
                best = max(best, score)
        if not best:
            continue
        own = [t for t in terms if t.clause == c.index and t.name not in ("currency", "amounts")]
        best += 0.05 * min(len(own), 3)
        if len(c.text.strip()) <= len(c.heading) + len(c.number) + 3:
            best *= 0.5  # a bare heading says less than the clauses under it
        ranked.append(RelevantClause(c, best, matched, plain_summary(c, terms), own))
    ranked.sort(key=lambda r: (-r.score, r.clause.start))
    return ranked[:limit]


def contract_summary(terms: list) -> list[str]:
    """Return plain-language lines for the whole contract's key terms, each with its citation."""
    lines = []
    for t in terms:
        if t.name in ("amounts",):
            continue
        sentence = _term_sentence(t) if t.name != "currency" else f"amounts are in {t.display}"
        if sentence:
            cite = f" ({t.citation})" if t.citation else ""
            lines.append(f"{sentence[0].upper()}{sentence[1:]}{cite}.")
    return lines


def type_label(name: str) -> str:
    return TYPE_LABELS.get(name, name)
