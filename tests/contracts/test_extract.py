import pytest

from amicable.contracts import extract as ex
from amicable.contracts.extract import ExtractionError, detect_format, extract, format_counter

from . import samples


def test_it_rejects_an_empty_file():
    with pytest.raises(ExtractionError) as err:
        extract(b"", "contract.pdf")
    assert err.value.code == "empty"


def test_it_rejects_a_file_with_only_whitespace():
    with pytest.raises(ExtractionError) as err:
        extract(b"   \n\n  ", "contract.txt")
    assert err.value.code == "empty"


def test_it_rejects_a_file_over_the_size_limit():
    with pytest.raises(ExtractionError) as err:
        extract(b"x" * 2048, "contract.txt", max_bytes=1024)
    assert err.value.code == "too_large"
    assert "limit" in err.value.message


def test_it_explains_old_word_files_and_binaries():
    with pytest.raises(ExtractionError) as err:
        extract(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old.doc")
    assert err.value.code == "unsupported" and "DOCX" in err.value.message
    with pytest.raises(ExtractionError) as err:
        extract(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "photo.png")
    assert err.value.code == "unsupported"


def test_it_reports_a_fake_pdf():
    with pytest.raises(ExtractionError) as err:
        extract(b"hello", "contract.pdf")
    assert err.value.code == "corrupt"


def test_it_detects_formats_from_bytes_and_names():
    assert detect_format(b"%PDF-1.7 ...", "x.bin") == "pdf"
    assert detect_format(b"<!DOCTYPE html><html>", "x") == "html"
    assert detect_format(b"# Title", "x.md") == "md"
    assert detect_format(b"plain words", "x") == "txt"


def test_it_decodes_windows_1252_and_utf16_text():
    assert extract("Fee: 100 €".encode("cp1252"), "a.txt").text == "Fee: 100 €"
    assert extract("Fee: 100 €".encode("utf-16"), "a.txt").text == "Fee: 100 €"


def test_it_turns_form_feeds_into_pages():
    e = extract(b"Cover\fPage two\fPage three", "a.txt")
    assert e.pages == [0, 6, 15]
    assert e.text[e.pages[1]:].startswith("Page two")
    assert e.page_at(e.text.index("three")) == 3


def test_it_strips_markdown_and_keeps_heading_hints():
    e = extract(b"# Title\n\n## 1. Fees\n\nPay **now** per [the list](http://x).\n\n- one\n* two", "a.md")
    assert e.text == "Title\n\n1. Fees\n\nPay now per the list.\n\n\u2022 one\n\u2022 two"
    assert [(h.start, h.level) for h in e.headings] == [(0, 1), (7, 2)]


def test_it_renders_html_lists_tables_and_headings():
    html = (b"<html><head><style>p{}</style></head><body><h2>2. Fees</h2><ol type='a'><li>one</li><li>two</li>"
            b"</ol><table><tr><td>Item</td><td>$5</td></tr></table><script>x()</script></body></html>")
    e = extract(html, "a.html")
    assert e.text == "2. Fees\n\n(a) one\n\n(b) two\n\nItem | $5"
    assert [h.level for h in e.headings] == [2]


def test_it_rebuilds_word_automatic_numbering_and_tables():
    e = extract(samples.numbered_docx(), "a.docx")
    assert "1. Payment" in e.text and "2. Termination" in e.text
    assert "Milestone | Amount" in e.text and "Design | $1,000" in e.text
    assert e.text.index("2. Termination") < e.text.index("Milestone")


def test_it_formats_word_counters():
    assert format_counter(4, "lowerRoman") == "iv"
    assert format_counter(28, "lowerLetter") == "bb"
    assert format_counter(3, "upperLetter") == "C"


def test_it_keeps_pdf_page_offsets():
    e = extract(samples.as_pdf(page_per_section=True), "a.pdf")
    assert e.format == "pdf" and len(e.pages) == 6
    assert e.text[e.pages[2]:].startswith("3. Payment")
    assert e.page_at(e.text.index("governed by")) == 6


def test_it_refuses_an_encrypted_pdf_with_a_clear_message():
    with pytest.raises(ExtractionError) as err:
        extract(samples.as_pdf(encrypt=True), "locked.pdf")
    assert err.value.code == "encrypted"
    assert "password" in err.value.message


def test_it_says_a_scanned_pdf_needs_ocr(monkeypatch):
    monkeypatch.setattr(ex.shutil, "which", lambda name: None)
    with pytest.raises(ExtractionError) as err:
        extract(samples.scanned_pdf(), "scan.pdf")
    assert err.value.code == "scanned"
    assert "OCR" in err.value.message


def test_it_uses_tesseract_when_it_is_installed(monkeypatch):
    monkeypatch.setattr(ex, "_ocr_pdf", lambda pdf: ["1. Payment\nInvoices are due in 14 days."])
    e = extract(samples.scanned_pdf(), "scan.pdf")
    assert e.ocr and "Invoices are due" in e.text
    assert "OCR" in e.warnings[0]
