import struct
import zipfile
import zlib
from datetime import UTC, datetime, timedelta, timezone

import docx
import pytest
from fpdf import FPDF

from amicable.evidence.importers import detect
from amicable.evidence.importers.documents import (
    DocxImporter,
    ImageImporter,
    OpaqueFileImporter,
    PdfImporter,
    TextImporter,
    image_size,
    parse_pdf_date,
)
from amicable.evidence.importers.safety import ZipLimits


def _pdf(path, text="Invoice 2024-07: 2,400 EUR due on 31 March.", password=None, pages=1):
    pdf = FPDF()
    pdf.set_creation_date(datetime(2024, 3, 5, 9, 30, tzinfo=timezone(timedelta(hours=1))))
    pdf.set_title("Invoice 2024-07")
    pdf.set_author("Ana Souza")
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    for _ in range(pages):
        pdf.add_page()
        if text:
            pdf.set_font("helvetica", size=12)
            pdf.cell(text=text)
    pdf.output(str(path))
    return path


def test_it_reads_pdf_text_and_metadata(run, tmp_path):
    path = _pdf(tmp_path / "invoice.pdf", pages=2)
    [item], quarantined, progress = run(PdfImporter(), path)
    assert quarantined == []
    assert item.kind == "file"
    assert (
        item.body
        == "Invoice 2024-07: 2,400 EUR due on 31 March.\n\nInvoice 2024-07: 2,400 EUR due on 31 March."
    )
    assert item.subject == "Invoice 2024-07" and item.author == "Ana Souza"
    assert item.occurred_at == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    assert item.original_tz == "+01:00"
    assert item.meta["pages"] == 2 and item.meta["date_source"] == "PDF CreationDate"
    [attachment] = item.attachments
    assert attachment.path == path and attachment.content_type == "application/pdf"
    assert item.external_id == "sha256:" + attachment.sha256()
    assert progress[-1] == path.stat().st_size
    assert detect(path).name == "pdf"


def test_it_keeps_an_empty_pdf_and_says_it_has_no_text(run, tmp_path):
    [item], _, _ = run(PdfImporter(), _pdf(tmp_path / "scan.pdf", text=""))
    assert item.body == "" and item.meta["no_text"] is True


def test_it_quarantines_an_encrypted_pdf(run, tmp_path):
    items, quarantined, _ = run(PdfImporter(), _pdf(tmp_path / "secret.pdf", password="s3cret"))
    assert items == []
    assert [(q.locator, q.reason) for q in quarantined] == [
        ("file", "encrypted PDF (a password is needed to read it)")
    ]


def test_it_quarantines_a_broken_pdf(run, tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n garbage without any objects")
    _, quarantined, _ = run(PdfImporter(), path)
    assert quarantined[0].reason.startswith("unreadable PDF: ")


@pytest.mark.parametrize(
    ("text", "expected", "offset"),
    [
        ("D:20240305093000+01'00'", datetime(2024, 3, 5, 8, 30, tzinfo=UTC), "+01:00"),
        ("D:20240305093000Z", datetime(2024, 3, 5, 9, 30, tzinfo=UTC), "+00:00"),
        ("D:2024", datetime(2024, 1, 1, tzinfo=UTC), ""),
        ("D:20241345", None, ""),
        ("yesterday", None, ""),
    ],
)
def test_it_parses_pdf_dates(text, expected, offset):
    assert parse_pdf_date(text) == (expected, offset)


def test_it_reads_docx_paragraphs_tables_and_properties(run, tmp_path):
    document = docx.Document()
    document.add_paragraph("Statement of work")
    document.add_paragraph("Two rounds of revisions are included.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Fee"
    table.rows[0].cells[1].text = "2,400 EUR"
    document.core_properties.title = "SOW"
    document.core_properties.author = "Ana Souza"
    document.core_properties.created = datetime(2024, 2, 1, 12, 0)
    path = tmp_path / "sow.docx"
    document.save(str(path))
    [item], _, _ = run(DocxImporter(), path)
    assert item.body == "Statement of work\nTwo rounds of revisions are included.\nFee\t2,400 EUR"
    assert item.subject == "SOW" and item.author == "Ana Souza"
    assert item.occurred_at == datetime(2024, 2, 1, 12, 0, tzinfo=UTC)
    assert detect(path).name == "docx"


def test_it_quarantines_a_corrupt_or_bomb_docx(run, tmp_path):
    corrupt = tmp_path / "corrupt.docx"
    with zipfile.ZipFile(corrupt, "w") as zf:
        zf.writestr("word/document.xml", "<not xml")
    _, quarantined, _ = run(DocxImporter(), corrupt)
    assert quarantined[0].reason.startswith("unreadable DOCX: ")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b" " * 2_000_000)
    _, quarantined, _ = run(DocxImporter(ZipLimits(max_ratio=100)), bomb)
    assert quarantined[0].reason.startswith("unsafe document archive: word/document.xml: compression ratio")


def _png(width, height):
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def _jpeg(width, height):
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_png(640, 480), ("png", 640, 480)),
        (b"GIF89a" + struct.pack("<HH", 32, 16) + b"\x00" * 10, ("gif", 32, 16)),
        (_jpeg(1024, 768), ("jpeg", 1024, 768)),
        (b"BM" + b"\x00" * 16 + struct.pack("<ii", 300, -200) + b"\x00" * 8, ("bmp", 300, 200)),
        (
            b"RIFF\x00\x00\x00\x00WEBPVP8X"
            + b"\x00" * 8
            + (99).to_bytes(3, "little")
            + (49).to_bytes(3, "little"),
            ("webp", 100, 50),
        ),
        (b"\xff\xd8\xff\xe0\x00", None),
        (b"plain text", None),
    ],
)
def test_it_reads_image_dimensions_from_headers(data, expected):
    assert image_size(data) == expected


def test_it_imports_an_image_as_a_file_with_its_size(run, tmp_path):
    path = tmp_path / "screenshot"
    path.write_bytes(_png(1280, 720) + b"\x00" * 100)
    [item], _, _ = run(ImageImporter(), path)
    assert item.meta["width"] == 1280 and item.meta["height"] == 720
    assert item.attachments[0].content_type == "image/png"
    assert item.occurred_at is None
    assert detect(path).name == "image"


def test_it_decodes_plain_text_files(run, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes("Call with Ben: he agreed to pay 50% now.\r\n".encode("cp1252"))
    [item], _, _ = run(TextImporter(), path)
    assert item.body == "Call with Ben: he agreed to pay 50% now.\n"
    path.write_bytes("\ufeffcafé".encode("utf-16"))
    [item], _, _ = run(TextImporter(), path)
    assert item.body.lstrip("\ufeff") == "café"
    assert detect(path).name == "text"


def test_it_keeps_anything_else_as_an_opaque_file(run, tmp_path):
    path = tmp_path / "design.unknownformat"
    path.write_bytes(bytes(range(256)) * 4)
    assert detect(path).name == "file"
    [item], _, _ = run(OpaqueFileImporter(), path)
    assert item.body == "" and item.meta["size"] == 1024
    assert item.attachments[0].content_type == "application/octet-stream"
    assert item.subject == "design.unknownformat"


def test_it_quarantines_a_missing_file(run, tmp_path):
    _, quarantined, _ = run(OpaqueFileImporter(), tmp_path / "gone.bin")
    assert quarantined[0].locator == "file" and quarantined[0].reason.startswith("cannot read the file")
