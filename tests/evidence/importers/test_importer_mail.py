from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from amicable.evidence.importers import mail
from amicable.evidence.importers.mail import (
    EmlImporter,
    MboxImporter,
    decode_header,
    iter_mbox,
    parse_message,
)

EMAIL = Path(__file__).resolve().parents[2] / "data" / "evidence" / "email"


def test_it_reads_headers_body_and_threading_of_a_plain_message(run, tmp_path):
    items, quarantined, progress = run(EmlImporter(), EMAIL / "plain.eml")
    assert quarantined == []
    [item] = items
    assert item.kind == "email"
    assert item.author == "Ana Souza <ana@studio.example>"
    assert item.participants == [
        "Ana Souza <ana@studio.example>",
        "Müller, Ben <ben@client.example>",
        "carla@client.example",
        "José <jose@studio.example>",
    ]
    assert item.subject == "Re: Logo revisions – round 3"
    assert item.occurred_at == datetime(2024, 3, 5, 8, 14, 3, tzinfo=UTC)
    assert item.original_time_text == "Tue, 5 Mar 2024 09:14:03 +0100"
    assert item.original_tz == "+01:00"
    assert item.external_id == "CAF12345.revisions@studio.example"
    assert item.thread_key == "root-0001@client.example"
    assert "a fourth round would be billed at €85/hour." in item.body
    assert item.meta["subject_key"] == "logo revisions – round 3"
    assert item.meta["in_reply_to"] == "root-0001@client.example"
    assert progress[-1] == (EMAIL / "plain.eml").stat().st_size


def test_it_turns_an_html_only_body_into_text_without_script_or_style(run, tmp_path):
    [item], _, _ = run(EmlImporter(), EMAIL / "html_only.eml")
    assert (
        item.body == "We will not pay invoice 2024-07 until the logo is final.\n\n- Colours\n- Font"
        "\n\nRegards, Ben Müller"
    )
    assert "alert" not in item.body and "color" not in item.body and "Ignore me" not in item.body
    assert item.meta["has_html"] is True
    assert item.occurred_at.utcoffset() == timedelta(hours=-5)
    assert item.original_tz == "-05:00"


def test_it_falls_back_sensibly_on_unknown_charsets_and_raw_8bit_headers(run, tmp_path):
    [item], _, _ = run(EmlImporter(), EMAIL / "bad_charset.eml")
    assert item.subject == "Café meeting – notes"
    assert item.body == "We met at the café and agreed “two more rounds”."
    assert item.meta["decoding"] == ["charset x-no-such-charset read as cp1252 (fallback)"]


def test_it_keeps_attachments_and_a_forwarded_message(run, tmp_path):
    [item], _, _ = run(EmlImporter(), EMAIL / "multipart.eml")
    assert item.body.startswith("Forwarding the signed quote, see below.")
    assert "---------- Forwarded message ----------" in item.body
    assert "Subject: Quote accepted" in item.body
    assert "I accept the quote: 3 rounds of revisions, 2,400 EUR." in item.body
    names = [(a.filename, a.content_type) for a in item.attachments]
    assert names == [
        ("Angebot für Ben.pdf", "application/pdf"),
        ("Quote accepted.eml", "message/rfc822"),
        ("signature.png", "image/png"),
    ]
    assert item.attachments[0].read_bytes().startswith(b"%PDF-1.4")
    forwarded = item.attachments[1].read_bytes()
    assert forwarded.startswith(b"From: Ben <ben@client.example>")
    assert b"Message-ID: <accepted@client.example>" in forwarded
    assert item.attachments[2].read_bytes().startswith(b"\x89PNG")


def test_it_reads_what_it_can_of_broken_mime_and_keeps_no_date(run, tmp_path):
    [item], quarantined, _ = run(EmlImporter(), EMAIL / "broken_mime.eml")
    assert quarantined == []
    assert "must still be read" in item.body
    assert item.occurred_at is None
    assert item.original_time_text == "not a date at all"
    assert item.external_id.startswith("sha256:")


def test_it_quarantines_an_empty_eml(run, tmp_path):
    path = tmp_path / "empty.eml"
    path.write_bytes(b"")
    items, quarantined, _ = run(EmlImporter(), path)
    assert items == []
    assert quarantined[0].locator == "message 1 (byte 0)"
    assert "no headers found" in quarantined[0].reason


def test_it_splits_an_mbox_and_quarantines_the_broken_messages(run, tmp_path):
    items, quarantined, progress = run(MboxImporter(), EMAIL / "mailbox.mbox")
    raw = (EMAIL / "mailbox.mbox").read_bytes()
    assert [i.subject for i in items] == [
        "Project kickoff",
        "Re: Project kickoff",
        "Re: Project kickoff",
        "Truncated",
    ]
    first, reply, headerless_reply, truncated = items
    # mboxrd quoting undone; a "From " line in a body with no blank line before it does not split.
    assert ">From" not in first.body and "From now on I will send weekly updates." in first.body
    assert "From the start we said two rounds." in first.body
    assert reply.thread_key == first.external_id == "root-0001@client.example"
    # No Message-ID: content hash; no Date: the envelope's date, said so.
    assert headerless_reply.external_id.startswith("sha256:")
    assert headerless_reply.occurred_at == datetime(2024, 3, 5, 8, 0, tzinfo=UTC)
    assert headerless_reply.meta["date_from"] == "mbox envelope"
    assert headerless_reply.thread_key == "subject:project kickoff"
    assert "The file ends in the middle" in truncated.body
    # Locators give the byte offset of each "From " line.
    for item in items:
        offset = int(item.locator.split("byte ")[1].rstrip(")"))
        assert raw[offset : offset + 5] == b"From "
    [bad] = quarantined
    assert bad.locator == f"message 3 (byte {raw.index(b'From nobody')})"
    assert bad.reason.startswith("unreadable message: ")
    assert progress == sorted(progress) and progress[-1] == len(raw)


def test_it_streams_the_same_messages_with_any_chunk_size():
    raw_path = EMAIL / "mailbox.mbox"
    with raw_path.open("rb") as fh:
        expected = list(iter_mbox(fh))
    for chunk_size in (1, 7, 64, 4096):
        with raw_path.open("rb") as fh:
            assert list(iter_mbox(fh, chunk_size=chunk_size)) == expected
    assert len(expected) == 5


def test_it_quarantines_an_oversized_message_without_holding_it(run, tmp_path, monkeypatch):
    monkeypatch.setattr(mail, "MAX_MESSAGE_BYTES", 2000)
    path = tmp_path / "big.mbox"
    big = b"From a@b Mon Mar  4 09:00:00 2024\nSubject: big\n\n" + b"x" * 70 + b"\n"
    path.write_bytes(big + b"\n" + _big_message(5000) + big)
    items, quarantined, _ = run(MboxImporter(), path)
    assert [i.subject for i in items] == ["big", "big"]
    [too_big] = quarantined
    assert too_big.locator.startswith("message 2 (byte ")
    assert too_big.reason.startswith("message too large (")


def _big_message(lines: int) -> bytes:
    return b"From a@b Mon Mar  4 10:00:00 2024\nSubject: huge\n\n" + b"line of text\n" * lines + b"\n"


def test_it_quarantines_text_before_the_first_separator(run, tmp_path):
    path = tmp_path / "junk.mbox"
    path.write_bytes(b"garbage first\n\nFrom a@b Mon Mar  4 09:00:00 2024\nSubject: ok\n\nbody\n")
    items, quarantined, _ = run(MboxImporter(), path)
    assert [i.subject for i in items] == ["ok"]
    assert quarantined[0].locator == "byte 0"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("=?utf-8?q?caf=C3=A9?= =?utf-8?q?_cr=C3=A8me?=", "café crème"),
        ("=?x-unknown?q?caf=E9?=", "café"),
        ("=?utf-8?b?!!!not-base64?=", "=?utf-8?b?!!!not-base64?="),
        ("folded\n  subject", "folded subject"),
        (None, ""),
    ],
)
def test_it_decodes_headers_without_raising(raw, expected):
    assert decode_header(raw) == expected


def test_it_parses_a_message_with_a_crlf_and_a_lone_date_offset():
    raw = (
        b"From: x@y.example\r\nDate: Mon, 4 Mar 2024 09:00:00 -0000\r\nSubject: crlf\r\n"
        b"\r\nline one\r\nline two\r\n"
    )
    item = parse_message(raw, locator="m")
    assert item.body == "line one\nline two"
    assert item.occurred_at == datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
    assert item.original_tz == ""


def test_it_matches_the_stdlib_parser_on_the_fast_path():
    raw = (EMAIL / "multipart.eml").read_bytes()
    fast = parse_message(raw, locator="m")
    original = mail.mime.message_from_bytes
    try:
        mail.mime.message_from_bytes = lambda data, policy: __import__("email").message_from_bytes(
            data, policy=policy
        )
        slow = parse_message(raw, locator="m")
    finally:
        mail.mime.message_from_bytes = original
    assert fast.body == slow.body
    assert [a.read_bytes() for a in fast.attachments][:1] == [a.read_bytes() for a in slow.attachments][:1]
    assert fast.subject == slow.subject and fast.participants == slow.participants


def test_it_sniffs_mail_from_content_not_the_name():
    mbox_head = (EMAIL / "mailbox.mbox").read_bytes()[:4096]
    eml_head = (EMAIL / "plain.eml").read_bytes()[:4096]
    assert MboxImporter().sniff(mbox_head, "export.txt") >= 90
    assert EmlImporter().sniff(eml_head, "message.dat") >= 70
    assert EmlImporter().sniff(b"hello world\n", "notes.eml") == 15
    assert MboxImporter().sniff(b"%PDF-1.4", "x.pdf") == 0
