import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from amicable.evidence.importers import detect
from amicable.evidence.importers.slack import SlackImporter, render_text

USERS = [
    {"id": "U1", "name": "ana", "profile": {"real_name": "Ana Souza"}},
    {"id": "U2", "name": "ben", "profile": {"real_name": "", "display_name": "Ben"}},
]
CHANNELS = [{"id": "C1", "name": "logo-project", "members": ["U1", "U2"]}]
DAY = [
    {
        "type": "message",
        "user": "U1",
        "text": "Hi <@U2>, the quote: <https://files.example/q.pdf|quote>",
        "ts": "1709632800.000100",
    },
    {
        "type": "message",
        "user": "U2",
        "text": "Looks good &amp; agreed",
        "ts": "1709633100.000200",
        "thread_ts": "1709632800.000100",
        "edited": {"user": "U2", "ts": "1709633200.000000"},
    },
    {
        "type": "message",
        "subtype": "channel_join",
        "user": "U2",
        "text": "<@U2> has joined the channel",
        "ts": "1709632000.000000",
    },
    {
        "type": "message",
        "user": "U1",
        "text": "See <#C1|logo-project>",
        "ts": "1709640000.000300",
        "files": [{"name": "logo-v3.png", "url_private": "https://files.example/logo-v3.png"}],
    },
    {"type": "message", "user": "U1", "text": "no timestamp"},
    "not an object",
]


def _export(path: Path, day=DAY, extra=None):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("users.json", json.dumps(USERS))
        zf.writestr("channels.json", json.dumps(CHANNELS))
        zf.writestr("logo-project/2024-03-05.json", json.dumps(day))
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def test_it_reads_messages_with_names_threads_and_files(run, tmp_path):
    path = _export(tmp_path / "slack.zip")
    items, quarantined, progress = run(SlackImporter(), path)
    first, reply, join, link = items
    assert first.author == "Ana Souza"
    assert first.body == "Hi @Ben, the quote: quote (https://files.example/q.pdf)"
    assert first.occurred_at == datetime(2024, 3, 5, 10, 0, 0, 100, tzinfo=UTC)
    assert first.original_time_text == "1709632800.000100" and first.original_tz == "UTC"
    assert first.external_id == "slack:C1:1709632800.000100"
    assert first.locator == "member logo-project/2024-03-05.json #1"
    assert first.subject == "#logo-project"
    assert first.participants == ["Ana Souza", "Ben"]
    assert reply.body == "Looks good & agreed"
    assert reply.thread_key == first.thread_key == "slack:C1:1709632800.000100"
    assert reply.meta["edited"] is True
    assert join.meta["system"] is True and join.meta["subtype"] == "channel_join"
    assert link.body == "See #logo-project"
    assert link.meta["files"] == [{"name": "logo-v3.png", "url": "https://files.example/logo-v3.png"}]
    assert [(q.locator, q.reason) for q in quarantined] == [
        ("member logo-project/2024-03-05.json #5", "bad message: message has no ts (timestamp)"),
        ("member logo-project/2024-03-05.json #6", "message is not a JSON object"),
    ]
    assert progress and progress[-1] > 0


def test_it_quarantines_a_broken_day_file_and_reads_the_others(run, tmp_path):
    path = _export(
        tmp_path / "slack.zip",
        extra={"logo-project/2024-03-06.json": "{not json", "general/2024-03-06.json": "[]"},
    )
    items, quarantined, _ = run(SlackImporter(), path)
    assert len(items) == 4
    [broken] = [q for q in quarantined if "03-06" in q.locator]
    assert broken.locator == "member logo-project/2024-03-06.json"
    assert broken.reason.startswith("unreadable day file: ")


def test_it_quarantines_an_archive_without_day_files(run, tmp_path):
    path = tmp_path / "empty.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("users.json", "[]")
    _, quarantined, _ = run(SlackImporter(), path)
    assert quarantined[0].reason.startswith("no per-day conversation files")


def test_it_is_detected_from_the_archive_members(tmp_path):
    path = _export(tmp_path / "export.zip")
    assert detect(path).name == "slack"


def test_it_renders_slack_markup():
    assert render_text("<!channel> see <https://x.example>", {}, {}) == "@channel see https://x.example"
    assert render_text("<@U9> &lt;3", {}, {}) == "@U9 <3"
