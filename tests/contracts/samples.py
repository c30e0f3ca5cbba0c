"""Sample contracts for the tests, written for them, and writers for each file format."""

from __future__ import annotations

import io

SECTIONS = [
    ("1", "Definitions", [
        ("1.1", '"Deliverables" means the logo and brand guide described in the proposal.'),
        ("1.2", '"Fee" means the total fee stated in clause 3.1.'),
    ]),
    ("2", "Services", [
        ("2.1", "The Designer will design a logo and a brand guide for the Client."),
        ("2.2", "The fee includes two (2) rounds of revisions. Further revisions are charged at $80 per hour."),
    ]),
    ("3", "Payment", [
        ("3.1", "The total fee is $4,000. A deposit of 50% is payable on signing."),
        ("3.2", "Invoices are payable within fourteen (14) days of the invoice date. Late amounts carry "
                "interest at 1.5% per month."),
    ]),
    ("4", "Termination", [
        ("4.1", "Either party may terminate this Agreement on 14 days' written notice."),
        ("4.2", "If the Client cancels after work has started, the Client will pay a kill fee of 25% of the "
                "remaining fee."),
    ]),
    ("5", "Ownership", [
        ("5.1", "Copyright in the Deliverables passes to the Client upon full payment of all invoices."),
    ]),
    ("6", "Governing Law", [
        ("6.1", "This Agreement is governed by the laws of England and Wales."),
    ]),
]
TITLE = "Logo Design Agreement"
PREAMBLE = 'This agreement is made between Acme Ltd ("Client") and Jo Smith ("Designer").'
OUTLINE = [(n, h) for n, h, subs in SECTIONS for (n, h) in [(n, h)] + [(sn, "") for sn, _t in subs]]


def as_markdown() -> bytes:
    lines = [f"# {TITLE}", "", PREAMBLE, ""]
    for num, heading, subs in SECTIONS:
        lines += [f"## {num}. {heading}", ""]
        for sub, text in subs:
            lines += [f"{sub} {text}", ""]
    lines += ["Signed: ____________ (Client)", "", "Signed: ____________ (Designer)"]
    return "\n".join(lines).encode()


def as_html() -> bytes:
    parts = [f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><p>{PREAMBLE}</p>"]
    for num, heading, subs in SECTIONS:
        parts.append(f"<h2>{num}. {heading}</h2>")
        parts += [f"<p>{sub} {text.replace('&', '&amp;')}</p>" for sub, text in subs]
    parts.append("<p>Signed: ____________ (Client)</p><p>Signed: ____________ (Designer)</p></body></html>")
    return "".join(parts).encode()


def as_docx() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(TITLE, level=0)
    doc.add_paragraph(PREAMBLE)
    for num, heading, subs in SECTIONS:
        doc.add_heading(f"{num}. {heading}", level=2)
        for sub, text in subs:
            doc.add_paragraph(f"{sub} {text}")
    doc.add_paragraph("Signed: ____________ (Client)")
    doc.add_paragraph("Signed: ____________ (Designer)")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def as_pdf(*, page_per_section: bool = False, encrypt: bool = False) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)

    def para(text: str) -> None:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)

    para(TITLE.upper())
    para(PREAMBLE)
    for i, (num, heading, subs) in enumerate(SECTIONS):
        if page_per_section and i:
            pdf.add_page()
        para(f"{num}. {heading}")
        for sub, text in subs:
            para(f"{sub} {text}")
    para("Signed: ____________ (Client)")
    para("Signed: ____________ (Designer)")
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A PDF whose only page is an image (no text layer), like a scan."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(img).text((20, 20), "1. Payment: invoices are due in 14 days", fill="black")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(buf, x=10, y=10, w=180)
    return bytes(pdf.output())


def numbered_docx() -> bytes:
    """A DOCX whose clause numbers come from Word's automatic numbering, with a table."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("Services Agreement", style="Title")
    doc.add_paragraph("Payment", style="List Number")
    doc.add_paragraph("Invoices are due within 30 days.")
    doc.add_paragraph("Termination", style="List Number")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Milestone"
    table.cell(0, 1).text = "Amount"
    table.cell(1, 0).text = "Design"
    table.cell(1, 1).text = "$1,000"
    doc.add_paragraph("Either party may end this agreement on 10 days' notice.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
