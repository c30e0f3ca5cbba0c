"""`amicable verify` throughput beside `sha256sum` over the same stored files.

Usage: uv run python bench/verify.py [--workdir DIR] [--files 300] [--mb 1000] [--mail-vault HOME]

1. builds a vault (SQLite + files in a temp AMICABLE_HOME) by importing --files generated files
   totalling about --mb MB (PDF-like, photo-like and opaque data, 0.1-20 MB each) into one case;
2. runs `sha256sum` over every stored blob file, then `verify_all()` (log, rows, checkpoints and the
   blob re-hash, the same function `amicable verify` runs), each three times with a warm page cache,
   and keeps the best of each;
3. prints MB/s for both and the ratio (target >= 0.8); with --mail-vault (the AMICABLE_HOME left by
   bench/search.py --workdir) it also times verify over that 100,000-item mail vault.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET = 0.8


def make_files(folder: Path, count: int, total_mb: int) -> list[Path]:
    rng = random.Random(5)
    weights = [rng.paretovariate(1.3) for _ in range(count)]
    scale = total_mb * 1024 * 1024 / sum(weights)
    paths = []
    for i, w in enumerate(weights):
        size = max(100_000, min(20 * 1024 * 1024, int(w * scale)))
        head = [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"\x00DATA"][i % 4]
        path = folder / f"doc-{i:04d}{['.pdf', '.png', '.jpg', '.bin'][i % 4]}"
        with path.open("wb") as out:
            out.write(head)
            out.write(os.urandom(size))
        paths.append(path)
    return paths


def blob_paths(home: Path) -> list[Path]:
    return sorted(p for p in (home / "files" / "blobs").rglob("*") if p.is_file() and not p.name.startswith("."))


def time_sha256sum(paths: list[Path]) -> float:
    t = time.perf_counter()
    # xargs keeps the command line short; one sha256sum process at a time, as a user would run it.
    subprocess.run(["xargs", "-0", "sha256sum"], input=b"\0".join(str(p).encode() for p in paths), check=True,
                   capture_output=True)
    return time.perf_counter() - t


def time_verify(blobs: bool = True) -> tuple[float, object]:
    from amicable.evidence.verify import verify_all

    t = time.perf_counter()
    report = verify_all(blobs=blobs)
    return time.perf_counter() - t, report


def setup(home: Path) -> None:
    os.environ["AMICABLE_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amicable.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def compare(label: str, home: Path) -> None:
    paths = blob_paths(home)
    total = sum(p.stat().st_size for p in paths)
    mb = total / 1e6
    best_sum, best_verify, report = float("inf"), float("inf"), None
    for _ in range(3):
        best_sum = min(best_sum, time_sha256sum(paths))
        seconds, report = time_verify()
        best_verify = min(best_verify, seconds)
    rows_only, _ = time_verify(blobs=False)
    assert report is not None and report.ok, report.problems[:3]  # type: ignore[attr-defined]
    print(f"{label}: {len(paths):,} files, {mb:,.0f} MB; {report.items:,} items, {report.entries:,} log entries")  # type: ignore[attr-defined]
    print(f"  sha256sum:       {best_sum:6.2f} s = {mb / best_sum:7.0f} MB/s")
    print(f"  amicable verify: {best_verify:6.2f} s = {mb / best_verify:7.0f} MB/s (log and rows alone: "
          f"{rows_only:.2f} s)")
    print(f"  ratio verify / sha256sum: {best_sum / best_verify:.2f} (target >= {TARGET})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir")
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--mb", type=int, default=1000)
    parser.add_argument("--mail-vault", help="AMICABLE_HOME of a mail vault to time as well")
    args = parser.parse_args()
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="amicable-bench-verify-"))
    home = work / "home"
    if args.mail_vault:
        setup(Path(args.mail_vault))
        compare("mail vault", Path(args.mail_vault))
        return
    setup(home)
    from amicable.evidence.importing import evidence_import
    from amicable.evidence.models import Blob
    from amicable.test import make_case, make_user, make_workspace

    if not Blob.objects.exists():
        owner = make_user("bench@example.com", "Bench")
        case = make_case(owner, make_workspace(owner, "Bench"))
        src = work / "src"
        src.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        for path in make_files(src, args.files, args.mb):
            evidence_import(actor=owner, case=case, path=path)
            path.unlink()
        print(f"imported {args.files} files in {time.perf_counter() - t:.1f} s")
    compare("files vault", home)
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
