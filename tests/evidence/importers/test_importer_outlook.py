import sys
from datetime import UTC, datetime
from pathlib import Path

from amicable.evidence.importers import detect
from amicable.evidence.importers.outlook import MsgImporter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from msgfile import build, message_streams  # noqa: E402

HEADERS = (
    "Received: from mail.client.example\r\nFrom: Ben <ben@client.example>\r\nTo: Ana <ana@studio.example>\r\n"
    "Subject: Scope change\r\nDate: Tue, 12 Mar 2024 15:20:00 +0100\r\n"
    "Message-ID: <outlook-1@client.example>\r\nReferences: <root-0001@client.example>\r\n\r\n"
)


def _msg(path, **overrides):
    fields = {
        "subject": "Scope change",
        "body": "Please add a banner.\r\nThanks, Ben",
        "sender": "Ben <ben@client.example>",
        "to": "Ana <ana@studio.example>",
        "headers": HEADERS,
        "attachments": [
            ("brief.pdf", "application/pdf", b"%PDF-1.4 brief" * 400),
            ("logo.png", "image/png", b"png"),
        ],
    }
    fields.update(overrides)
    path.write_bytes(build(message_streams(**fields)))
    return path


def test_it_reads_an_outlook_message_with_attachments(run, tmp_path):
    path = _msg(tmp_path / "scope.msg")
    [item], quarantined, progress = run(MsgImporter(), path)
    assert quarantined == []
    assert item.kind == "email"
    assert item.subject == "Scope change"
    assert item.author == "Ben <ben@client.example>"
    assert item.participants == ["Ben <ben@client.example>", "Ana <ana@studio.example>"]
    assert item.body == "Please add a banner.\nThanks, Ben"
    assert item.occurred_at == datetime(2024, 3, 12, 14, 20, tzinfo=UTC)
    assert item.original_time_text == "Tue, 12 Mar 2024 15:20:00 +0100" and item.original_tz == "+01:00"
    assert item.external_id == "outlook-1@client.example"
    assert item.thread_key == "root-0001@client.example"
    assert [(a.filename, a.content_type, a.size) for a in item.attachments] == [
        ("brief.pdf", "application/pdf", 5600),
        ("logo.png", "image/png", 3),
    ]
    assert progress[-1] == path.stat().st_size


def test_it_is_detected_from_the_compound_file_directory(tmp_path):
    path = _msg(tmp_path / "no-extension")
    assert detect(path).name == "outlook-msg"


def test_it_quarantines_a_broken_msg(run, tmp_path):
    path = tmp_path / "broken.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    items, quarantined, _ = run(MsgImporter(), path)
    assert items == []
    assert quarantined[0].locator == "message 1"
    assert quarantined[0].reason.startswith("unreadable Outlook message: ")
