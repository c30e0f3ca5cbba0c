"""Restating the client's concerns neutrally, for the acknowledgement message (step 2).

The client wrote to the freelancer, so their "you" is the freelancer and their "I" is the client:
"You didn't follow the mockup!" becomes "You're concerned that I didn't follow the mockup." Heat is
taken out with the tone coach's own suggestions (capitals, swearing, "never", scare quotes).

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .tone import apply_suggestions, check

# Categories whose suggestions are applied when restating (the others change meaning too much).
_CALMING = {"shouting", "profanity", "absolute", "sarcasm", "dismissive"}
_MAX_CHARS = 240

_PRONOUN = re.compile(
    r"\b(you're|you are|you've|you have|you'll|you will|you'd|you were|yourself|yours|your|you|"
    r"i'm|i am|i've|i have|i'll|i will|i'd|i was|myself|mine|my|me|i)\b",
    re.I,
)
_SWAP = {
    "you're": "I'm", "you are": "I am", "you've": "I've", "you have": "I have", "you'll": "I'll",
    "you will": "I will", "you'd": "I'd", "you were": "I was", "yourself": "myself", "yours": "mine",
    "your": "my",
    "i'm": "you're", "i am": "you are", "i've": "you've", "i have": "you have", "i'll": "you'll",
    "i will": "you will", "i'd": "you'd", "i was": "you were", "myself": "yourself", "mine": "yours",
    "my": "your", "me": "you", "i": "you",
}
# "we" is left alone: the client's "we" is often both parties ("what we agreed").
# After these words, the client's "you" is an object ("sent you" -> "sent me").
_OBJECT_BEFORE = re.compile(
    r"(?:\b(?:to|for|with|at|from|of|about|than|by|on|told|asked|sent|paid|gave|give|promised|charged|"
    r"charge|pay|send|tell|ask|hired|trusted|contacted|emailed|called|thank|thanked|let|help|helped|"
    r"see|saw|understand|believe|warned|reminded|owe|owed)\s+)$",
    re.I,
)


_I_NEVER = re.compile(r"\b(I|we) never(?= \w+)(?! \w+ed\b)", re.I)
_BLAME_ON_ME = re.compile(r"\b(that|it|this|everything)(?: (was|is)|('s)) (?:all |entirely |totally )?my "
                          r"(fault|mistake|problem|error)\b", re.I)


def _their_view(m: re.Match) -> str:
    verb = f" {m.group(2).lower()}" if m.group(2) else "'s"
    return f"you feel {m.group(1).lower()}{verb} my {m.group(4).lower()}"


@dataclass(frozen=True)
class Restatement:
    quote: str
    text: str  # "You're concerned that ..."


def flip_perspective(quote: str) -> str:
    """Swap first and second person: the client's words as the freelancer would restate them."""

    def swap(m: re.Match) -> str:
        word = m.group(0)
        key = re.sub(r"\s+", " ", word.lower())
        if key == "you":
            new = "me" if _OBJECT_BEFORE.search(quote[max(0, m.start() - 20) : m.start()]) else "I"
        else:
            new = _SWAP[key]
        if m.start() == 0 and not new.startswith("I"):
            new = new[0].upper() + new[1:]
        return new

    return _PRONOUN.sub(swap, quote)


def calm(text: str) -> str:
    """Apply the tone coach's suggestions for shouting, swearing, absolutes and sarcasm."""
    report = check(text)
    findings = []
    for f in report.negatives:
        if f.category not in _CALMING and f.rule != "blame.judged":
            continue
        if f.rule == "abs.never" and f.suggestion == "rarely":
            f = replace(f, suggestion="don't")  # "you never answer" is restated "you don't answer"
        findings.append(f)
    text = apply_suggestions(text, findings) if findings else text
    # Flipped, their "you never answer" reads "I never answer", which the coach takes for the writer's
    # own habit ("I never work weekends") and leaves alone; in a restated complaint it is theirs.
    return _I_NEVER.sub(r"\1 don't", text)


def restate_concern(quote: str, summary: str = "") -> Restatement:
    """One concern in neutral words: "You're concerned that <their point, in my words>."

    ``summary`` (the freelancer's own neutral wording) is used as is when given.
    """
    if summary.strip():
        core = summary.strip()
    else:
        core = _first_sentences(quote.strip())
        core = calm(flip_perspective(core))
        # Their blame, restated, must not read as my admission: "that was my mistake" is their view.
        core = _BLAME_ON_ME.sub(_their_view, core).replace(", you feel", ", and you feel")
    question = core.rstrip().endswith("?")
    core = re.sub(r"\bso[- ]called\s+", "", core, flags=re.I)
    core = re.sub(r"\s+", " ", core).strip().strip("\"'“”").rstrip(" .!?;:,")
    core = re.sub(r"^(?:that|and|but|so|well|look|honestly|frankly)[, ]+", "", core, flags=re.I)
    if not core:
        return Restatement(quote, "")
    if not core.startswith(("I ", "I'")):
        core = core[0].lower() + core[1:]
    if question:
        return Restatement(quote, f"You're asking: {core}?")
    if core.startswith("you feel "):
        return Restatement(quote, f"You feel {core[9:]}.")
    return Restatement(quote, f"You're concerned that {core}.")


def _first_sentences(text: str) -> str:
    if len(text) <= _MAX_CHARS:
        return text
    cut = max(text.rfind(c, 0, _MAX_CHARS) for c in ".!?")
    return text[: cut + 1] if cut > 40 else text[:_MAX_CHARS].rsplit(" ", 1)[0]


def acknowledgement_body(restatements: Sequence[Restatement], *, client_name: str, sender_name: str) -> str:
    """The acknowledgement draft: each open concern restated, then an open question and a next step."""
    greeting = f"Hi {client_name}," if client_name else "Hello,"
    lines = [greeting, "",
             "Thank you for telling me what worries you. Before anything else, I want to make sure I have "
             "understood your concerns correctly:", ""]
    points = [r.text for r in restatements if r.text]
    if len(points) == 1:
        lines.append(points[0])
    else:
        lines.extend(f"{i}. {p}" for i, p in enumerate(points, start=1))
    lines += ["", "Have I understood this correctly, and is there anything I have missed? Once you confirm, "
              "I'll come back to you on each point with what I propose.", "", "Best regards,", sender_name]
    return "\n".join(lines).rstrip() + "\n"


def restate_all(quotes: Iterable[tuple[str, str]]) -> list[Restatement]:
    """Restate (quote, summary) pairs in order."""
    return [restate_concern(q, s) for q, s in quotes]
