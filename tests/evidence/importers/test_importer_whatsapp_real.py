"""WhatsApp importer against the real exports in ../shared/data/chats/whatsapp (skipped without them).

Every header format listed in header_format_support.json must parse: the messages of lorem.txt are
written out in each format, parsed back, and the message count and times must match.
"""

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from amicable.evidence.importers.base import ParsedItem
from amicable.evidence.importers.whatsapp import WhatsAppImporter

# The shared data folder sits beside the repository (../shared/data).
DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "chats" / "whatsapp"

pytestmark = pytest.mark.skipif(
    not (DATA / "header_format_support.json").is_file(),
    reason=f"real WhatsApp exports not present at {DATA} (shared data folder absent)",
)


def _items(path: Path, tmp_path: Path) -> list[ParsedItem]:
    results = list(WhatsAppImporter().iter_items(path, tz=None, tmpdir=tmp_path))
    assert all(isinstance(r, ParsedItem) for r in results), [
        r for r in results if not isinstance(r, ParsedItem)
    ]
    return results


def _header_lines(path: Path) -> int:
    pattern = re.compile(r"^\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},? \d{1,2}:\d\d")
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if pattern.match(line))


@pytest.mark.parametrize("name", ["lorem.txt", "lorem-2000.txt", "lorem-merge-part1.txt", "pokemon.txt"])
def test_it_counts_every_message_of_the_real_exports(name, tmp_path):
    path = DATA / name
    items = _items(path, tmp_path)
    assert len(items) == _header_lines(path)
    times = [i.occurred_at for i in items]
    assert times == sorted(times)


def _render(fmt: str, when: datetime, author: str) -> str:
    out = fmt.replace("%name", author)
    for code in ("%y", "%m", "%d", "%H", "%I", "%M", "%S", "%p"):
        out = out.replace(code, when.strftime(code))
    return out


FORMATS = (
    [entry["format"] for entry in json.loads((DATA / "header_format_support.json").read_text())]
    if (DATA / "header_format_support.json").is_file()
    else []
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_parses_every_listed_header_format(fmt, tmp_path):
    source = _items(DATA / "lorem.txt", tmp_path)
    lines = [f"{_render(fmt, i.occurred_at, i.author)} {i.body}" for i in source]
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = _items(path, tmp_path)
    assert len(parsed) == len(source)
    keep_seconds = "%S" in fmt
    expected = [i.occurred_at.replace(second=i.occurred_at.second if keep_seconds else 0) for i in source]
    assert [p.occurred_at for p in parsed] == expected
    assert [p.author for p in parsed] == [i.author for i in source]
