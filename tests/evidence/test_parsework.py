from pathlib import Path

import pytest

from amicable.evidence import parsework
from amicable.evidence.importers.base import Quarantined
from amicable.evidence.importers.registry import get_importer
from amicable.evidence.prepare import Prepared

from .base import MBOX


def test_it_streams_results_from_a_child_process(tmp_path: Path):
    src = tmp_path / "mail.mbox"
    src.write_bytes(MBOX + b"From x@y Mon Mar  2 10:00:00 2026\n\n\n")
    here = list(parsework.iter_here(get_importer("mbox"), src, tz=None, tmpdir=tmp_path))
    there = list(parsework.iter_in_process(get_importer("mbox"), src, tz=None, tmpdir=tmp_path))
    assert [type(r).__name__ for r, _ in there] == [type(r).__name__ for r, _ in here]
    items = [r for r, _ in there if isinstance(r, Prepared)]
    assert [i.values["external_id"] for i in items] == ["m1@example.com", "m2@example.com"]
    assert set(items[0].content) == {"author", "participants", "subject", "body", "thread_key", "meta"}
    assert items[1].attachments[0].read_bytes().startswith(b"%PDF")
    assert any(isinstance(r, Quarantined) for r, _ in there)
    assert there[-1][1] == src.stat().st_size
    assert parsework.LAST_CHILD["peak_rss_kb"] > 0


def test_it_reports_a_failing_parser(tmp_path: Path, monkeypatch):
    with pytest.raises(parsework.ParseError, match="no importer named"):
        list(parsework.iter_in_process(type("Fake", (), {"name": "nope"})(), tmp_path / "x", tz=None,
                                       tmpdir=tmp_path))
