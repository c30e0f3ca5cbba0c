import pytest

from amicable.lib.sniff import is_inline_safe, sniff_content_type


@pytest.mark.parametrize(
    ("head", "name", "declared", "expected"),
    [
        (b"%PDF-1.7\n...", "x.bin", "", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "", "", "image/png"),
        (b"\xff\xd8\xff\xe0", "photo", "", "image/jpeg"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8", "", "", "image/webp"),
        (b"PK\x03\x04....[Content_Types].xml word/document.xml", "c.docx", "", (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
        (b"PK\x03\x04....", "a.zip", "", "application/zip"),
        (b"Hello, this is plain text \xc3\xa9", "notes", "", "text/plain"),
        (b"<html><script>alert(1)</script>", "x.html", "text/html", "text/plain"),
        (b"\x00\x01\x02binary", "x.svg", "image/svg+xml", "application/octet-stream"),
        (b"\x00\x01\x02binary", "fake.png", "image/png", "application/octet-stream"),
        (b"\x00\x01\x02binary", "song.flac", "audio/flac", "audio/flac"),
        (b"", "", "", "application/octet-stream"),
    ],
)
def test_it_judges_the_type_from_the_bytes(head, name, declared, expected):
    assert sniff_content_type(head, name, declared) == expected


def test_it_only_allows_images_and_pdf_inline():
    assert is_inline_safe("application/pdf") and is_inline_safe("image/png")
    assert not is_inline_safe("text/plain") and not is_inline_safe("image/svg+xml")
