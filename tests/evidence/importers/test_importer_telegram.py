import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from amicable.evidence.importers import detect
from amicable.evidence.importers.telegram import TelegramImporter, flatten_text

EXPORT = Path(__file__).resolve().parents[2] / "data" / "evidence" / "chats" / "telegram"


def test_it_reads_a_single_chat_export_with_entities_and_media(run):
    items, quarantined, _ = run(TelegramImporter(), EXPORT / "result.json", tz=ZoneInfo("Europe/Berlin"))
    call, quote, accept, old_style, sneaky = items
    assert call.meta["system"] is True and call.meta["action"] == "phone_call"
    assert call.body == "Ben phone_call" and call.author == "Ben"
    assert quote.author == "Ana Souza"
    assert quote.occurred_at == datetime(2024, 3, 1, 10, 5, tzinfo=UTC)
    assert quote.original_time_text == "2024-03-01T10:05:00"
    assert [(a.filename, a.content_type, a.read_bytes()) for a in quote.attachments] == [
        ("quote.pdf", "application/pdf", b"%PDF-1.4 fake quote\n")
    ]
    assert accept.body == "I accept the quote, see my note (https://notes.example/1)."
    assert accept.meta["reply_to"] == 2
    assert accept.external_id == "telegram:4242:3" and accept.thread_key == "telegram:4242"
    assert accept.participants == ["Ana Souza", "Ben"]
    # No unix time: the local time is read in the zone the user gave.
    assert old_style.occurred_at == datetime(2024, 3, 2, 8, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert "tz_assumed" not in old_style.meta
    assert sneaky.attachments == []
    assert [(q.locator, q.reason) for q in quarantined] == [
        ("chat 1 message #4 photo", "media file not in the export: photos/photo_1.jpg"),
        ("chat 1 message #5 file", "media path leaves the export: '../../etc/passwd'"),
        ("chat 1 message #6", "bad message: Invalid isoformat string: 'not a date'"),
    ]


def test_it_reads_a_zipped_all_chats_export(run, tmp_path):
    result = (EXPORT / "result.json").read_text()
    full = '{"about": "x", "chats": {"about": "y", "list": [' + result + "]}}"
    path = tmp_path / "Telegram export.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("DataExport_2024/result.json", full)
        zf.writestr("DataExport_2024/files/quote.pdf", b"%PDF zipped")
    items, quarantined, _ = run(TelegramImporter(), path)
    assert len(items) == 5
    assert items[1].attachments[0].read_bytes() == b"%PDF zipped"
    assert items[1].locator == "member DataExport_2024/result.json chat 1 message #2"
    assert items[3].meta["tz_assumed"] == "UTC"
    assert len(quarantined) == 3
    assert detect(path).name == "telegram"


def test_it_quarantines_json_that_is_not_an_export(run, tmp_path):
    path = tmp_path / "result.json"
    path.write_text('{"hello": "world"}')
    _, quarantined, _ = run(TelegramImporter(), path)
    assert quarantined[0].reason == "not a Telegram export: no chat with messages in result.json"
    path.write_text("{broken")
    _, quarantined, _ = run(TelegramImporter(), path)
    assert quarantined[0].reason.startswith("not a Telegram export: Expecting")


def test_it_is_detected_from_content(tmp_path):
    copy = tmp_path / "export.dat"
    shutil.copy(EXPORT / "result.json", copy)
    assert detect(copy).name == "telegram"


def test_it_flattens_text_entities():
    assert flatten_text(["a ", {"type": "link", "text": "https://x.example"}, 3]) == "a https://x.example"
    assert flatten_text(None) == ""
