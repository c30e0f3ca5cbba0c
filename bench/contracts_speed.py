"""Speed of contract analysis: a 50-page contract analysed in <= 1 s (PRODUCT.md quality bar).

Run: uv run python bench/contracts_speed.py
Builds a 50-page services contract (numbered clauses, sub-items, definitions, signature block) as PDF
with fpdf2, and the same text as DOCX and plain text, then times analyze_document (extraction,
segmentation, classification, key terms, health check) end to end. Prints median and worst of 7 runs.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from amicable.contracts.analyze import analyze_document  # noqa: E402

REFERENCE_SECONDS = 1.0
TARGET_PAGES = 50
RUNS = 7

BODIES = [
    "The Client shall pay each invoice within fourteen (14) days of the invoice date by bank transfer.",
    "Overdue amounts carry interest at 1.5% per month from the due date until payment in full.",
    "The Consultant will deliver the work described in the statement of work by the dates in the schedule.",
    "The fee includes two (2) rounds of revisions; further revisions are charged at $90 per hour.",
    "Either party may terminate this Agreement on thirty (30) days' written notice to the other party.",
    "Each party shall keep the other party's confidential information secret and use it only for this Agreement.",
    "Copyright in the deliverables passes to the Client upon full payment of all invoices.",
    "Neither party is liable for indirect or consequential loss; total liability is limited to the fees paid.",
    "This Agreement is governed by the laws of England and Wales and the courts of England have jurisdiction.",
    "Any change to the scope must be agreed in a written change order stating its cost and effect on the schedule.",
]


def build_sections(n_sections: int) -> list[tuple[str, list[str]]]:
    sections = []
    for s in range(1, n_sections + 1):
        subs = []
        for k in range(1, 7):
            body = BODIES[(s + k) % len(BODIES)]
            subs.append(f"{s}.{k} {body} " + " ".join(BODIES[(s * k + j) % len(BODIES)] for j in range(2)))
        subs.append(f"(a) the first condition applying to clause {s};")
        subs.append("(b) the second condition, which also applies.")
        sections.append((f"{s}. SECTION HEADING NUMBER {s}", subs))
    return sections


def as_pdf(sections) -> tuple[bytes, int]:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, "MASTER SERVICES AGREEMENT", new_x="LMARGIN", new_y="NEXT")
    for heading, subs in sections:
        pdf.multi_cell(0, 5, heading, new_x="LMARGIN", new_y="NEXT")
        for sub in subs:
            pdf.multi_cell(0, 5, sub, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, "IN WITNESS WHEREOF the parties have signed this Agreement.", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.multi_cell(0, 5, "By: ____________________", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output()), pdf.page


def as_docx(sections) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading("MASTER SERVICES AGREEMENT", 0)
    for heading, subs in sections:
        doc.add_heading(heading, 2)
        for sub in subs:
            doc.add_paragraph(sub)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def as_text(sections) -> bytes:
    parts = ["MASTER SERVICES AGREEMENT"]
    for heading, subs in sections:
        parts.append(heading)
        parts.extend(subs)
    return "\n\n".join(parts).encode()


def timed(data: bytes, name: str) -> tuple[list[float], list[float], object]:
    times, cpu = [], []
    analysis = None
    for _ in range(RUNS):
        t0, c0 = time.perf_counter(), time.process_time()
        analysis = analyze_document(data, name)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return times, cpu, analysis


def main() -> None:
    n = 10
    while True:
        sections = build_sections(n)
        pdf, pages = as_pdf(sections)
        if pages >= TARGET_PAGES:
            break
        n += 4
    print(f"Contract: {pages} PDF pages, {len(sections)} sections, {len(pdf) / 1024:.0f} KB PDF")
    for label, data, name in (("PDF", pdf, "c.pdf"), ("DOCX", as_docx(sections), "c.docx"),
                              ("text", as_text(sections), "c.txt")):
        times, cpu, analysis = timed(data, name)
        median = statistics.median(times)
        print(f"{label:5s}: {len(analysis.clauses)} clauses, {len(analysis.terms)} terms, median {median:.3f} s "
              f"(CPU {statistics.median(cpu):.3f} s), worst {max(times):.3f} s  -> {median / REFERENCE_SECONDS:.2f} x "
              f"the 1 s budget")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Load average during the run: {load:.1f} on {os.cpu_count()} cores (other work inflates wall time).")


if __name__ == "__main__":
    main()
