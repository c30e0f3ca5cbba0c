"""The settlement agreement as a document: canonical JSON, its fingerprint, and a PDF. Pure Python.

The fingerprint is the SHA-256 of the canonical JSON of the agreement's content (case, parties, terms,
acceptances), printed in the document itself; the PDF's own SHA-256 is what gets filed into the
evidence log. The PDF is deterministic (fixed creation date = when the agreement was recorded), so the
same agreement always renders to the same bytes and hash.

Fonts: a Unicode TrueType font (DejaVu Sans) is used when found at a usual system path or at
AMICABLE_PDF_FONT; otherwise the built-in Helvetica with text folded to Latin-1 (curly quotes become
straight, anything else unrepresentable becomes "?"), so the PDF always renders offline.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF

from amicable.lib.money import format_money
from amicable.negotiation.terms import Terms

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
    "C:/Windows/Fonts/DejaVuSans.ttf",
)
_LATIN1_FOLD = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "…": "...",
        "×": "x",
        "\u00a0": " ",
        "→": "->",
        "−": "-",
    }
)


@dataclass(frozen=True)
class Party:
    role: str  # freelancer | client | mediator
    name: str
    email: str = ""


@dataclass(frozen=True)
class Acceptance:
    role: str
    name: str
    accepted_at: datetime


@dataclass(frozen=True)
class AgreementDoc:
    case_label: str
    recorded_at: datetime
    recorded_by: str
    terms: Terms
    parties: tuple[Party, ...]
    acceptances: tuple[Acceptance, ...] = field(default=())
    note: str = ""

    def content(self) -> dict[str, Any]:
        """Return the agreement's content as JSON-ready data (what the fingerprint covers)."""
        return {
            "case": self.case_label,
            "recorded_at": self.recorded_at.isoformat(),
            "recorded_by": self.recorded_by,
            "parties": [{"role": p.role, "name": p.name, "email": p.email} for p in self.parties],
            "terms": self.terms.to_json(),
            "acceptances": [
                {"role": a.role, "name": a.name, "accepted_at": a.accepted_at.isoformat()}
                for a in self.acceptances
            ],
            "note": self.note,
        }

    def fingerprint(self) -> str:
        """Return the SHA-256 (hex) of the canonical JSON of `content()`."""
        canonical = json.dumps(self.content(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def term_lines(terms: Terms) -> list[str]:
    """Return the terms as plain sentences, in the order the document prints them."""
    lines = [f"Amount: {format_money(terms.amount, terms.currency)}"]
    if terms.fx_rate is not None:
        lines.append(f"Exchange rate: {terms.fx_rate} per 1 {terms.currency}")
    lines += [
        f"Instalment due {i.due.isoformat()}: {format_money(i.amount, terms.currency)}"
        for i in terms.instalments
    ]
    lines += [f"Deliverable: {d}" for d in terms.deliverables]
    lines += [f"{d.label}: {d.date.isoformat()}" for d in terms.dates]
    lines += [f"Condition: {c}" for c in terms.conditions]
    return lines


def _font_path() -> str | None:
    configured = os.environ.get("AMICABLE_PDF_FONT")
    for candidate in ((configured,) if configured else ()) + FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return None


class _Writer:
    def __init__(self, font: str | None) -> None:
        self.pdf = FPDF(format="A4")
        self.unicode = bool(font)
        if font:
            self.pdf.add_font("body", "", font)
            self.family = "body"
        else:
            self.family = "helvetica"
        self.pdf.set_auto_page_break(auto=True, margin=18)
        self.pdf.add_page()

    def text(self, value: str, size: int = 11, gap: float = 1.5) -> None:
        if not self.unicode:
            value = value.translate(_LATIN1_FOLD).encode("latin-1", "replace").decode("latin-1")
        self.pdf.set_font(self.family, size=size)
        self.pdf.multi_cell(0, size * 0.5, value, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)


def render_pdf(doc: AgreementDoc, *, font: str | None = None) -> bytes:
    """Return the agreement as PDF bytes (same agreement, same bytes)."""
    w = _Writer(font if font is not None else _font_path())
    w.pdf.set_creation_date(doc.recorded_at)
    w.pdf.set_title(f"Settlement agreement - {doc.case_label}")
    w.pdf.set_producer("amicable")
    w.text("Settlement agreement", size=18, gap=3)
    w.text(doc.case_label, size=12, gap=4)
    w.text("Parties", size=13)
    for p in doc.parties:
        w.text(f"{p.role.capitalize()}: {p.name}" + (f" <{p.email}>" if p.email else ""))
    w.text("Terms", size=13)
    for line in term_lines(doc.terms):
        w.text(line)
    if doc.note:
        w.text(doc.note)
    w.text("Acceptance", size=13)
    if not doc.acceptances:
        w.text("Not yet accepted by any party.")
    for a in doc.acceptances:
        w.text(f"Accepted by {a.name} ({a.role}) on {a.accepted_at.isoformat(timespec='seconds')}")
    w.text(f"Recorded by {doc.recorded_by} on {doc.recorded_at.isoformat(timespec='seconds')}", size=9)
    w.text(f"Fingerprint (SHA-256 of the agreement's content): {doc.fingerprint()}", size=8)
    return bytes(w.pdf.output())
