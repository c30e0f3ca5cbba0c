"""The clarifying-question bank (step 3): practical questions per dispute type, as data.

A question may be answered already by the intake (``answered_by`` names intake fields): it is then
not suggested. Chosen questions become a clarifying message; answers are recorded against the
question's id and shown as case facts.

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    id: str
    text: str  # addressed to the client
    why: str  # for the freelancer: what the answer settles
    answered_by: tuple[str, ...] = ()  # intake fields that, when filled, make the question unnecessary


GENERAL = [
    Question("gen.outcome", "What outcome would you consider fair at this point?",
             "Tells you what they would accept before you propose anything."),
    Question("gen.contact", "Who on your side can make a decision on this, and how do you prefer to be reached?",
             "Avoids negotiating with someone who cannot agree."),
]

BANK: dict[str, list[Question]] = {
    "non_payment": [
        Question("np.received", "Could you confirm that you received invoice {invoice} and that it reached the "
                 "right person in accounts?", "Rules out a lost or misrouted invoice.", ("client_says",)),
        Question("np.blocker", "Is anything in the invoice or the delivered work holding up payment? If so, "
                 "which item exactly?", "Turns a silent non-payment into a specific objection."),
        Question("np.date", "On what date do you expect the payment to be made?",
                 "A date you can hold them to, and put in a reminder."),
        Question("np.process", "Does your accounts team need anything from me (purchase order, tax details, "
                 "a different invoice format) to process it?", "Removes administrative excuses."),
    ],
    "late_payment": [
        Question("lp.schedule", "When does your team run payments, and which run will this invoice be in?",
                 "Shows whether the delay is structural."),
        Question("lp.terms", "Do you agree that the payment terms were {terms}?",
                 "Settles the due date before any late-payment interest is discussed.", ("agreed",)),
        Question("lp.future", "Would a deposit or staged payments make future invoices easier for you?",
                 "Prevents the next late payment."),
    ],
    "scope_creep": [
        Question("sc.list", "Could you list the items you consider part of the original scope, so I can "
                 "compare them with the agreed brief?", "Puts the disagreement item by item.", ("agreed",)),
        Question("sc.when", "When and how was each additional item requested (email, call, chat)?",
                 "Finds the change requests in the record."),
        Question("sc.priority", "Which of the additional items matter most to you right now?",
                 "Lets you propose a priced change request for what matters."),
        Question("sc.budget", "Is there a budget for the work beyond the original scope?",
                 "Tells you whether a change order can be paid."),
    ],
    "quality": [
        Question("q.items", "Which pages, screens or files do not meet your expectations, and what exactly "
                 "is wrong with each?", "Turns 'poor quality' into a fixable list.", ("client_says",)),
        Question("q.reference", "Which document or approved version are you comparing the work with?",
                 "Quality is judged against what was agreed, not taste.", ("agreed",)),
        Question("q.fix", "If these points were fixed, would the work be acceptable to you?",
                 "Finds out whether a revision round settles it."),
        Question("q.deadline", "By when would you need the corrections?", "A realistic date for a revision."),
    ],
    "missed_deadline": [
        Question("md.impact", "What did the delay affect on your side (a launch, a campaign, a cost)?",
                 "Measures the real impact instead of arguing about blame."),
        Question("md.date", "Which date do you have as the agreed deadline, and where was it agreed?",
                 "Checks the deadline against the record.", ("agreed",)),
        Question("md.inputs", "Were there inputs I was waiting for (content, approvals, access) that you see "
                 "differently?", "Brings dependencies into the timeline."),
        Question("md.new", "What new date would work for you for the remaining work?", "A concrete next step."),
    ],
    "cancellation": [
        Question("c.reason", "Could you tell me why you decided to stop the project?",
                 "Sometimes the reason is fixable.", ("client_says",)),
        Question("c.done", "Do you agree that the work delivered up to {today} was {delivered}?",
                 "Agreement on work done is the basis of any kill fee.", ("delivered",)),
        Question("c.files", "Which of the files and work in progress would you like to receive?",
                 "Separates what they keep from what they pay for."),
    ],
    "ip_usage": [
        Question("ip.use", "Where and how are you using the work at the moment (site, print, campaign)?",
                 "Establishes the actual use."),
        Question("ip.license", "What usage rights do you understand you have, and on what is that based?",
                 "Compares their understanding with the contract.", ("agreed",)),
        Question("ip.plan", "Would you like to secure full rights to the work? I can set out what that takes.",
                 "Opens a licence or buy-out instead of a fight."),
    ],
    "chargeback": [
        Question("cb.reason", "Could you tell me the reason you gave your bank or the platform for the dispute?",
                 "You need it to answer the chargeback precisely."),
        Question("cb.contact", "Would you be willing to withdraw the dispute if we resolve this directly?",
                 "A direct settlement is faster than the processor's decision."),
        Question("cb.received", "Can you confirm that you received the delivered files on {delivered_on}?",
                 "Proof of delivery is the core of a chargeback response.", ("delivered_on",)),
    ],
    "communication": [
        Question("cm.channel", "Which channel works best for you for project decisions: email, calls or chat?",
                 "Stops messages getting lost."),
        Question("cm.cadence", "Would a short weekly update help you keep track of the work?",
                 "A simple process fix."),
        Question("cm.missed", "Is there a message from me that you feel went unanswered?",
                 "Finds the specific breakdown."),
    ],
    "other": [
        Question("o.summary", "In a few sentences, what would you like to see happen next?",
                 "Gets the issue in their words.", ("client_says",)),
    ],
}

_ALL = {q.id: q for qs in [GENERAL, *BANK.values()] for q in qs}


def question(qid: str) -> Question | None:
    return _ALL.get(qid)


def suggested(dispute_types: Iterable[str], intake: Mapping[str, object],
              answered_ids: Iterable[str] = ()) -> list[Question]:
    """Questions for these dispute types (then the general ones), minus those the intake or a recorded
    answer already settles. Unknown types fall back to "other"."""
    done = set(answered_ids)
    out: list[Question] = []
    types = [t for t in dispute_types if t in BANK] or ["other"]
    for t in types:
        for q in BANK[t]:
            if q.id in done or any(str(intake.get(f) or "").strip() for f in q.answered_by):
                continue
            if q not in out:
                out.append(q)
    out.extend(q for q in GENERAL if q.id not in done)
    return out


def fill(text: str, values: Mapping[str, str]) -> str:
    """Fill {placeholders} from case facts; a missing fact becomes a neutral phrase, never a brace."""
    defaults = {"invoice": "the invoice", "terms": "as set out in our agreement", "today": "today",
                "delivered": "as listed in my last update", "delivered_on": "the delivery date"}

    class _Facts(dict):
        def __missing__(self, key: str) -> str:
            return defaults.get(key, key)

    return text.format_map(_Facts({k: v for k, v in values.items() if v}))


def clarifying_body(questions: Iterable[Question], values: Mapping[str, str], *, client_name: str,
                    sender_name: str) -> str:
    """The clarifying message: a short opening, the chosen questions numbered, a next step."""
    qs = [fill(q.text, values) for q in questions]
    lines = [f"Hi {client_name}," if client_name else "Hello,", "",
             "Thank you for your message. To make sure we resolve this properly, could you help me with a "
             "few questions?", ""]
    lines.extend(f"{i}. {q}" for i, q in enumerate(qs, start=1))
    lines += ["", "Once I have your answers, I'll come back to you with a concrete proposal.", "",
              "Best regards,", sender_name]
    return "\n".join(lines).rstrip() + "\n"
