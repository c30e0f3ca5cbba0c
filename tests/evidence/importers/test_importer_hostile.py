"""Hostile input: truncated and corrupted copies of every fixture never make an importer raise."""

import random
import zipfile
from pathlib import Path

import pytest

from amicable.evidence.importers import all_importers, detect
from amicable.evidence.importers.base import ParsedItem, Quarantined

DATA = Path(__file__).resolve().parents[2] / "data" / "evidence"
FIXTURES = sorted(p for p in DATA.rglob("*") if p.is_file())


def _variants(data: bytes, rng: random.Random):
    yield data[: len(data) // 2]
    yield data[: max(1, len(data) // 7)]
    flipped = bytearray(data)
    for _ in range(max(1, len(data) // 50)):
        flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    yield bytes(flipped)
    yield data.replace(b"\n", b"\r", 3)
    yield b"\x00" * 10 + data


def _zip_variants(tmp_path: Path):
    path = tmp_path / "seed.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("_chat.txt", (DATA / "chats" / "android_24h_dayfirst.txt").read_bytes())
        zf.writestr("users.json", "[]")
        zf.writestr("general/2024-01-01.json", "[]")
        zf.writestr("result.json", (DATA / "chats" / "telegram" / "result.json").read_bytes())
    return path.read_bytes()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: str(p.relative_to(DATA)))
def test_it_never_raises_on_damaged_fixtures(fixture, tmp_path):
    rng = random.Random(fixture.name)
    for index, variant in enumerate(_variants(fixture.read_bytes(), rng)):
        _run_everything(tmp_path, f"{index}-{fixture.name}", variant)


def test_it_never_raises_on_damaged_archives(tmp_path):
    rng = random.Random(3)
    for index, variant in enumerate(_variants(_zip_variants(tmp_path), rng)):
        _run_everything(tmp_path, f"{index}.zip", variant)


def _run_everything(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    work = tmp_path / ("work-" + name)
    work.mkdir()
    detect(path)
    for importer in all_importers():
        for result in importer.iter_items(path, tz=None, tmpdir=work):
            assert isinstance(result, ParsedItem | Quarantined)
    assert all(p.parent == work for p in work.rglob("*"))
