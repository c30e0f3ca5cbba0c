import shutil
from pathlib import Path

import pytest

from amicable.evidence.importers import (
    KINDS,
    ParsedAttachment,
    ParsedItem,
    all_importers,
    detect,
    get_importer,
)
from amicable.evidence.importers.base import content_id

DATA = Path(__file__).resolve().parents[2] / "data" / "evidence"


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("email/plain.eml", "eml"),
        ("email/broken_mime.eml", "eml"),
        ("email/mailbox.mbox", "mbox"),
        ("chats/android_24h_dayfirst.txt", "whatsapp"),
        ("chats/ios_12h_monthfirst.txt", "whatsapp"),
        ("chats/german_dots.txt", "whatsapp"),
        ("chats/telegram/result.json", "telegram"),
        ("timelogs/toggl.csv", "timelog"),
    ],
)
def test_it_detects_the_format_from_content_even_under_a_misleading_name(fixture, expected, tmp_path):
    assert detect(DATA / fixture).name == expected
    disguised = tmp_path / "upload.bin"
    shutil.copy(DATA / fixture, disguised)
    assert detect(disguised).name == expected


def test_it_falls_back_to_text_and_opaque_files(tmp_path):
    text = tmp_path / "letter.eml"
    text.write_text("Dear Ben, this is not an email file at all.\n")
    assert detect(text).name == "text"  # content first: a headerless ".eml" is a text file
    plain = tmp_path / "letter"
    plain.write_text("Dear Ben,\nthis is a letter.\n")
    assert detect(plain).name == "text"
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert detect(empty).name == "file"


def test_it_lists_every_importer_once_with_a_version():
    importers = all_importers()
    names = [i.name for i in importers]
    assert len(names) == len(set(names)) == 12
    assert all(i.version for i in importers)
    assert get_importer("mbox").name == "mbox"
    with pytest.raises(KeyError, match="no importer named 'nope'"):
        get_importer("nope")


def test_it_validates_items_and_attachments():
    with pytest.raises(ValueError, match="unknown evidence kind 'tweet'"):
        ParsedItem(kind="tweet", occurred_at=None)
    from datetime import datetime

    with pytest.raises(ValueError, match="timezone-aware"):
        ParsedItem(kind="note", occurred_at=datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="exactly one of data and path"):
        ParsedAttachment("a", "text/plain")
    assert "time_entry" in KINDS


def test_it_hashes_content_ids_unambiguously():
    assert content_id("ab", "c") != content_id("a", "bc")
    assert content_id("x").startswith("sha256:") and len(content_id("x")) == 71


def test_it_turns_an_importer_bug_into_a_quarantined_file(tmp_path):
    from amicable.evidence.importers import Quarantined, run_importer

    class Buggy(type(get_importer("text"))):
        name = "buggy"

        def iter_items(self, path, *, tz=None, tmpdir, on_progress=None):
            yield from super().iter_items(path, tz=tz, tmpdir=tmpdir, on_progress=on_progress)
            raise RuntimeError("oops")

    path = tmp_path / "a.txt"
    path.write_text("hello")
    results = list(run_importer(Buggy(), path, tmpdir=tmp_path))
    assert isinstance(results[0], ParsedItem)
    assert results[1] == Quarantined("file", "importer buggy failed after 5 bytes: RuntimeError: oops")
