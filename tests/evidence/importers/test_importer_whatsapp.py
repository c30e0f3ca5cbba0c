import zipfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from amicable.evidence.importers.safety import ZipLimits
from amicable.evidence.importers.whatsapp import WhatsAppImporter, chat_name

CHATS = Path(__file__).resolve().parents[2] / "data" / "evidence" / "chats"
PARIS = ZoneInfo("Europe/Paris")


def test_it_reads_an_android_export_with_multiline_system_and_media_messages(run):
    items, quarantined, _ = run(WhatsAppImporter(), CHATS / "android_24h_dayfirst.txt", tz=PARIS)
    assert quarantined == []
    assert len(items) == 8
    notice, quote, question, answer, media, deleted, edited, system = items
    assert notice.meta["system"] is True and notice.author == ""
    assert quote.author == "Ana Souza"
    assert quote.body == "Hi Ben, here is the quote for the logo."
    assert quote.occurred_at == datetime(2024, 1, 13, 9, 16, tzinfo=PARIS)
    assert quote.occurred_at.astimezone(UTC) == datetime(2024, 1, 13, 8, 16, tzinfo=UTC)
    assert quote.original_time_text == "13/01/2024, 09:16"
    assert quote.original_tz == "Europe/Paris"
    assert quote.meta["date_order"] == "DMY" and quote.meta["clock"] == "24h"
    assert "tz_assumed" not in quote.meta
    assert answer.body == "Yes, two rounds.\nAny extra round is 85 EUR/hour.\nAgreed?"
    assert answer.locator == "line 4"
    assert media.meta["media_omitted"] is True
    assert deleted.meta["deleted"] is True
    assert edited.meta["edited"] is True and edited.body == "I'll pay next week"
    assert system.meta["system"] is True and system.body == "Ana Souza changed the group description"
    assert quote.participants == ["Ana Souza", "Ben"]
    assert quote.thread_key == "whatsapp:android_24h_dayfirst"
    assert len({i.external_id for i in items}) == 8


def test_it_reads_an_ios_export_with_a_12_hour_clock_and_month_first_dates(run):
    items, quarantined, _ = run(WhatsAppImporter(), CHATS / "ios_12h_monthfirst.txt")
    assert quarantined == []
    notice, quote, image, brief, attached = items
    assert notice.meta["system"] is True
    assert quote.occurred_at == datetime(2024, 1, 13, 9, 16, 10, tzinfo=UTC)
    assert quote.meta["tz_assumed"] == "UTC" and quote.original_tz == ""
    assert quote.meta["date_order"] == "MDY" and quote.meta["clock"] == "12h"
    assert image.occurred_at == datetime(2024, 1, 13, 12, 5, tzinfo=UTC)
    assert image.meta["media_omitted"] is True
    assert brief.body == "Sending the brief now\nsecond line of the brief"
    assert brief.occurred_at.hour == 19
    assert attached.occurred_at == datetime(2024, 1, 26, 0, 30, tzinfo=UTC)
    assert attached.attachments == []  # a .txt export has no media


def test_it_reads_dotted_two_digit_year_dates_and_german_media_marker(run):
    items, _, _ = run(WhatsAppImporter(), CHATS / "german_dots.txt")
    assert [i.occurred_at.date().isoformat() for i in items] == ["2024-02-03", "2024-02-03", "2024-02-04"]
    assert items[1].meta["media_omitted"] is True


def test_it_quarantines_orphan_lines_and_impossible_dates(run):
    items, quarantined, _ = run(WhatsAppImporter(), CHATS / "odd_lines.txt")
    assert [i.body for i in items] == ["first"]
    assert items[0].occurred_at == datetime(2024, 2, 12, 10, 0, tzinfo=UTC)
    assert [(q.locator, q.reason) for q in quarantined] == [
        ("line 1", "text before the first message header: 'Exported on a phone without headers'"),
        ("line 3", "invalid date or time 31/02/2024 10:01"),
    ]


def test_it_decides_day_or_month_first_from_the_whole_file(run, tmp_path):
    # The first dates fit both orders; only the last one (13th) settles it as month-first.
    path = tmp_path / "chat.txt"
    path.write_text("01/02/24, 10:00 - A: one\n01/05/24, 10:00 - B: two\n01/13/24, 10:00 - A: three\n")
    items, _, _ = run(WhatsAppImporter(), path)
    assert [i.occurred_at.date().isoformat() for i in items] == ["2024-01-02", "2024-01-05", "2024-01-13"]
    assert items[0].meta["date_order"] == "MDY" and "date_order_ambiguous" not in items[0].meta


def test_it_says_when_the_date_order_was_a_guess(run, tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("01/02/24, 10:00 - A: one\n")
    [item], _, _ = run(WhatsAppImporter(), path)
    assert item.meta["date_order"] == "DMY" and item.meta["date_order_ambiguous"] is True


def test_it_gives_the_same_ids_when_the_same_chat_is_imported_again(run, tmp_path):
    first, _, _ = run(WhatsAppImporter(), CHATS / "android_24h_dayfirst.txt")
    copy = tmp_path / "android_24h_dayfirst.txt"
    copy.write_bytes((CHATS / "android_24h_dayfirst.txt").read_bytes())
    again, _, _ = run(WhatsAppImporter(), copy)
    assert [i.external_id for i in first] == [i.external_id for i in again]


def _zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_it_attaches_the_media_named_in_a_zipped_export(run, tmp_path):
    chat = (
        "13/01/2024, 09:16 - Ana: IMG-20240113-WA0001.jpg (file attached)\n"
        "13/01/2024, 09:17 - Ana: Quote v2.pdf (file attached)\nthe revised quote\n"
        "13/01/2024, 09:18 - Ben: thanks\n"
    )
    path = _zip(
        tmp_path / "WhatsApp Chat with Ben.zip",
        {
            "WhatsApp Chat with Ben.txt": chat,
            "IMG-20240113-WA0001.jpg": b"\xff\xd8\xffjpeg",
            "Quote v2.pdf": b"%PDF-1.4 quote",
            "PTT-20240113-WA0002.opus": b"voice",
        },
    )
    items, quarantined, _ = run(WhatsAppImporter(), path)
    assert quarantined == []
    photo, quote, thanks, voice = items
    assert [(a.filename, a.content_type, a.read_bytes()) for a in photo.attachments] == [
        ("IMG-20240113-WA0001.jpg", "image/jpeg", b"\xff\xd8\xffjpeg")
    ]
    assert [a.filename for a in quote.attachments] == ["Quote v2.pdf"]
    assert quote.body == "Quote v2.pdf (file attached)\nthe revised quote"
    assert thanks.attachments == []
    assert photo.locator == "member WhatsApp Chat with Ben.txt line 1"
    assert photo.subject == "Ben"
    assert voice.kind == "file" and voice.meta["unreferenced_media"] is True
    assert voice.locator == "member PTT-20240113-WA0002.opus"


def test_it_extracts_big_media_into_the_tmpdir_only(run, tmp_path, monkeypatch):
    import amicable.evidence.importers.whatsapp as whatsapp

    monkeypatch.setattr(whatsapp, "INLINE_LIMIT", 10)
    path = _zip(
        tmp_path / "export.zip",
        {
            "_chat.txt": "[13/01/2024, 09:16:00] Ana: <attached: 00000001-PHOTO-2024-01-13.jpg>\n",
            "00000001-PHOTO-2024-01-13.jpg": b"x" * 100,
        },
    )
    [item], quarantined, _ = run(WhatsAppImporter(), path)
    assert quarantined == []
    [attachment] = item.attachments
    assert attachment.data is None and attachment.path.parent == tmp_path.resolve()
    assert attachment.read_bytes() == b"x" * 100 and attachment.size == 100
    assert item.subject == "export"


def test_it_quarantines_hostile_members_and_keeps_the_rest(run, tmp_path):
    path = tmp_path / "hostile.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("chat.txt", "13/01/2024, 09:16 - Ana: hello\n")
        zf.writestr("../../evil.jpg", b"evil")
        zf.writestr("bomb.jpg", b"\0" * (3 * 1024 * 1024))
    items, quarantined, _ = run(WhatsAppImporter(ZipLimits(max_ratio=50)), path)
    assert [i.body for i in items] == ["hello"]
    traversal, bomb = sorted(quarantined, key=lambda q: q.locator)
    assert (traversal.locator, traversal.reason) == (
        "member ../../evil.jpg",
        "path traversal ('..') in archive member name",
    )
    assert bomb.locator == "member bomb.jpg"
    assert bomb.reason.startswith("compression ratio ") and bomb.reason.endswith(
        ":1 over the limit 50:1 (zip bomb?)"
    )
    assert not (tmp_path.parent / "evil.jpg").exists()


def test_it_quarantines_a_corrupt_zip_and_a_zip_without_a_chat(run, tmp_path):
    corrupt = tmp_path / "corrupt.zip"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    _, quarantined, _ = run(WhatsAppImporter(), corrupt)
    assert quarantined[0].locator == "file" and quarantined[0].reason.startswith("not a readable zip archive")
    empty = _zip(tmp_path / "photos.zip", {"a.jpg": b"x"})
    _, quarantined, _ = run(WhatsAppImporter(), empty)
    assert quarantined[0].reason == "no WhatsApp chat text (.txt with message headers) in the archive"


def test_it_sniffs_exports_by_content():
    importer = WhatsAppImporter()
    assert importer.sniff((CHATS / "android_24h_dayfirst.txt").read_bytes(), "x.txt") >= 80
    assert importer.sniff((CHATS / "ios_12h_monthfirst.txt").read_bytes(), "_chat.txt") >= 90
    assert importer.sniff(b"Dear Ben,\nplease find the invoice.\n", "letter.txt") == 0


def test_it_names_the_chat_from_the_export_file_name():
    assert chat_name("WhatsApp Chat with Ben Müller.txt") == "Ben Müller"
    assert chat_name("WhatsApp Chat - Studio team.zip") == "Studio team"
    assert chat_name("WhatsApp-Chat mit Ben.txt") == "Ben"
