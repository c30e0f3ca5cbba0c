"""The same contract as Markdown, DOCX, PDF and HTML yields the same clause outline."""

from amicable.contracts.analyze import analyze_document

from . import samples


def outline(data: bytes, name: str) -> list[tuple]:
    a = analyze_document(data, name)
    return [(c.number, c.heading, c.level, c.kind, tuple(c.type_names)) for c in a.clauses]


def test_it_gives_the_same_outline_in_every_format():
    md = outline(samples.as_markdown(), "c.md")
    assert outline(samples.as_docx(), "c.docx") == md
    assert outline(samples.as_pdf(), "c.pdf") == md
    assert outline(samples.as_html(), "c.html") == md
    numbers = [n for n, _h, _l, kind, _t in md if kind not in ("preamble", "signature")]
    assert numbers == [n for n, _h in samples.OUTLINE]
    assert md[0][3] == "preamble" and md[-1][3] == "signature"


def test_it_cites_pdf_clauses_with_their_page():
    a = analyze_document(samples.as_pdf(page_per_section=True), "c.pdf")
    clause = next(c for c in a.clauses if c.number == "4.2")
    assert clause.page == 4
    assert clause.citation == "clause 4.2"
    assert a.text[clause.start:clause.end] == clause.text
