"""Composer templates (step 4): calm, specific messages filled from the case facts.

Each template returns a subject and a body the freelancer then edits. Every template's output passes
the tone coach with the verdict "send" (a test checks it); the final notice mentions formal steps and
is checked with ``allow_legal=True``, as the escalation ladder calls for it at that point.

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

KINDS = {
    "acknowledge": "Acknowledge their concerns",
    "clarify": "Ask clarifying questions",
    "propose": "Propose a solution",
    "payment_reminder": "Payment reminder",
    "firm_reminder": "Firm payment reminder",
    "final_notice": "Final notice before formal steps",
    "confirm_agreement": "Confirm what was agreed",
    "free": "Blank message",
}
LEGAL_KINDS = frozenset({"final_notice"})


@dataclass(frozen=True)
class InvoiceLine:
    number: str
    amount: str  # formatted with its currency, e.g. "€2,400.00"
    outstanding: str
    due_date: dt.date
    days_overdue: int


@dataclass(frozen=True)
class MilestoneLine:
    title: str
    amount: str
    status: str  # planned, delivered, accepted, paid...
    due_date: dt.date | None = None


@dataclass(frozen=True)
class ClauseLine:
    ref: str  # "clause 7.2" or the heading
    summary: str  # plain words


@dataclass
class CaseFacts:
    """What the templates may use. Built from the case by ``selectors.case_facts``."""

    client_name: str
    contact_name: str
    sender_name: str
    engagement_title: str
    currency: str
    amount_in_dispute: str = ""
    total_outstanding: str = ""
    invoices: list[InvoiceLine] = field(default_factory=list)
    milestones: list[MilestoneLine] = field(default_factory=list)
    clauses: list[ClauseLine] = field(default_factory=list)
    today: dt.date = field(default_factory=lambda: dt.datetime.now(dt.UTC).date())

    @property
    def greeting_name(self) -> str:
        return self.contact_name or self.client_name

    @property
    def overdue(self) -> list[InvoiceLine]:
        return [i for i in self.invoices if i.days_overdue > 0]

    def clause_about(self, *words: str) -> ClauseLine | None:
        for c in self.clauses:
            text = (c.ref + " " + c.summary).lower()
            if any(w in text for w in words):
                return c
        return None


def date_text(d: dt.date) -> str:
    """'15 March 2026': unambiguous in every country."""
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _greet(f: CaseFacts) -> str:
    return f"Hi {f.greeting_name}," if f.greeting_name else "Hello,"


def _sign(f: CaseFacts) -> list[str]:
    return ["", "Best regards,", f.sender_name]


def _invoice_lines(f: CaseFacts) -> list[str]:
    rows = f.overdue or f.invoices
    out = []
    for i in rows:
        late = f", now {i.days_overdue} days overdue" if i.days_overdue > 0 else ""
        out.append(f"- Invoice {i.number}: {i.outstanding} outstanding (due {date_text(i.due_date)}{late})")
    return out


def _subject_invoices(f: CaseFacts) -> str:
    nums = ", ".join(i.number for i in (f.overdue or f.invoices))
    return f"invoice {nums}" if nums else f.engagement_title


def payment_reminder(f: CaseFacts) -> tuple[str, str]:
    pay_by = f.today + dt.timedelta(days=7)
    lines = [_greet(f), "", f"I hope you're well. This is a friendly reminder about {_subject_invoices(f)} for "
             f"{f.engagement_title}:", "", *_invoice_lines(f), "",
             f"Could you let me know when the payment is scheduled? If it could reach me by {date_text(pay_by)}, "
             "that would be great. If anything on the invoice needs clarifying, I'm happy to help.", *_sign(f)]
    return f"Payment reminder: {_subject_invoices(f)}", "\n".join(lines)


def firm_reminder(f: CaseFacts) -> tuple[str, str]:
    pay_by = f.today + dt.timedelta(days=7)
    clause = f.clause_about("pay", "late", "interest", "due")
    cite = f" Under {clause.ref} of our agreement, {clause.summary.rstrip('.')}." if clause else ""
    total = f" The total outstanding is {f.total_outstanding}." if f.total_outstanding else ""
    lines = [_greet(f), "", f"I'm following up on {_subject_invoices(f)} for {f.engagement_title}, which "
             "remains unpaid:", "", *_invoice_lines(f), "", f"{total.strip()}{cite}".strip(), "",
             f"Please arrange payment by {date_text(pay_by)}. If there is a problem with the invoice or the "
             "work, please tell me what it is so that we can resolve it. I'm also open to a payment plan.",
             *_sign(f)]
    return f"Second reminder: {_subject_invoices(f)}", "\n".join(_squeeze(lines))


def final_notice(f: CaseFacts) -> tuple[str, str]:
    pay_by = f.today + dt.timedelta(days=14)
    total = f.total_outstanding or f.amount_in_dispute
    lines = [_greet(f), "", f"Despite my earlier reminders, {_subject_invoices(f)} for {f.engagement_title} is "
             "still unpaid:", "", *_invoice_lines(f), "",
             f"Please pay the outstanding {total} by {date_text(pay_by)}." if total else
             f"Please pay the outstanding amount by {date_text(pay_by)}.",
             "If I have not received payment or heard from you by then, I will take the next formal step to "
             "recover the debt, which may include statutory late-payment interest and compensation and a claim "
             "through the small claims process. I would much prefer to settle this directly with you, and I "
             "remain open to a payment plan if you contact me before that date.", *_sign(f)]
    return f"Final notice: {_subject_invoices(f)}", "\n".join(lines)


def propose(f: CaseFacts) -> tuple[str, str]:
    done = [m for m in f.milestones if m.status in ("delivered", "accepted", "paid")]
    open_ = [m for m in f.milestones if m.status not in ("delivered", "accepted", "paid")]
    lines = [_greet(f), "", "Thank you for talking this through with me. I'd like to propose a way forward "
             f"for {f.engagement_title}:", ""]
    if done:
        lines.append("1. You pay for the work already delivered:")
        lines += [f"   - {m.title}: {m.amount}" for m in done]
        lines.append("2. " + ("We agree together what happens with the remaining milestones ("
                              + ", ".join(m.title for m in open_) + ")." if open_ else
                              "I provide one more revision round on the points you listed."))
    else:
        lines += ["1. [What you offer]", "2. [What you ask in return]"]
    lines += ["", "Does this work for you? If not, I'm happy to hear what you would suggest.", *_sign(f)]
    return f"Proposal: {f.engagement_title}", "\n".join(lines)


def confirm_agreement(f: CaseFacts) -> tuple[str, str]:
    lines = [_greet(f), "", f"Thank you for the conversation. To make sure we have the same understanding, here "
             f"is what we agreed on {date_text(f.today)} for {f.engagement_title}:", "",
             "1. [First point agreed]", "2. [Second point agreed]", "",
             "Could you reply to confirm that this matches your understanding? Once you do, I'll go ahead.",
             *_sign(f)]
    return f"Confirming our agreement: {f.engagement_title}", "\n".join(lines)


def acknowledge(f: CaseFacts, body: str) -> tuple[str, str]:
    return f"Your concerns about {f.engagement_title}", body


def clarify(f: CaseFacts, body: str) -> tuple[str, str]:
    return f"A few questions about {f.engagement_title}", body


def free(f: CaseFacts) -> tuple[str, str]:
    return f.engagement_title, "\n".join([_greet(f), "", "", *_sign(f)])


def _squeeze(lines: Sequence[str]) -> list[str]:
    """Drop doubled blank lines left by optional parts."""
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return out


SIMPLE: dict[str, Callable[[CaseFacts], tuple[str, str]]] = {
    "payment_reminder": payment_reminder,
    "firm_reminder": firm_reminder,
    "final_notice": final_notice,
    "propose": propose,
    "confirm_agreement": confirm_agreement,
    "free": free,
}
