"""Import a 100,000-message mbox into a fresh vault; messages/s and peak memory, beside `notmuch new`.

Usage: uv run python bench/import_mbox.py [--messages 100000] [--workdir DIR] [--no-notmuch]

1. generates the mailbox (bench/mailgen.py: real LKML headers and bodies when ../shared/data is
   present, ~3% with a 10-150 KB attachment) as an mbox and, for notmuch, as a maildir;
2. runs `evidence_import` in a child process against a fresh AMICABLE_HOME (SQLite, files on disk),
   timing it and reading the peak RSS of the importer and of its parser process;
3. runs Debian's `notmuch new` on the maildir with a fresh database, timed the same way;
4. prints the figures and the ratios to the targets (>= 3,000 msg/s, >= notmuch, <= 300 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

TARGET_RATE = 3000.0
TARGET_RSS_MB = 300.0


def child(home: str, mbox: str, parallel: str) -> None:
    """Runs inside the child process: migrate, make a case, import, print JSON."""
    os.environ["AMICABLE_HOME"] = home
    os.environ["DJANGO_SETTINGS_MODULE"] = "amicable.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from amicable.evidence.importing import evidence_import
    from amicable.test import make_case, make_user, make_workspace

    owner = make_user("bench@example.com", "Bench")
    case = make_case(owner, make_workspace(owner, "Bench"))
    par = {"auto": None, "yes": True, "no": False}[parallel]
    started, cpu = time.perf_counter(), time.process_time()
    batch = evidence_import(actor=owner, case=case, path=mbox, parallel=par)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    from amicable.evidence.parsework import LAST_CHILD

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = LAST_CHILD.get("peak_rss_kb", 0) / 1024
    print(json.dumps({"seconds": seconds, "imported": batch.imported, "duplicates": batch.duplicates,
                      "quarantined": batch.quarantined_count, "rss_importer_mb": own, "rss_parser_mb": kids,
                      "cpu_writer_s": cpu, "cpu_parser_s": LAST_CHILD.get("cpu_ms", 0) / 1000,
                      "writer_waited_s": LAST_CHILD.get("waited_ms", 0) / 1000,
                      "status": batch.status}))


def run_import(mbox: Path, parallel: str) -> dict[str, float]:
    home = tempfile.mkdtemp(prefix="amicable-bench-home-")
    try:
        out = subprocess.run([sys.executable, __file__, "--child", home, str(mbox), parallel],
                             check=True, capture_output=True, text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run_notmuch(maildir: Path) -> dict[str, float] | None:
    if shutil.which("notmuch") is None:
        return None
    cfg = maildir.parent / "notmuch-config"
    cfg.write_text(f"[database]\npath={maildir}\n[new]\ntags=inbox\n[user]\nname=Bench\n"
                   "primary_email=bench@example.com\n[maildir]\nsynchronize_flags=false\n")
    shutil.rmtree(maildir / ".notmuch", ignore_errors=True)
    env = {**os.environ, "NOTMUCH_CONFIG": str(cfg)}
    started = time.perf_counter()
    subprocess.run(["notmuch", "new", "--quiet"], check=True, env=env, capture_output=True)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "rss_mb": rss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--workdir", help="keep the generated mailbox here (reused when present)")
    parser.add_argument("--no-notmuch", action="store_true")
    parser.add_argument("--parallel", choices=["auto", "yes", "no"], default="auto")
    args = parser.parse_args()

    import mailgen

    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="amicable-bench-mail-"))
    work.mkdir(parents=True, exist_ok=True)
    mbox, maildir = work / f"bench-{args.messages}.mbox", work / f"maildir-{args.messages}"
    if not mbox.exists():
        t = time.perf_counter()
        counts = mailgen.generate(args.messages, mbox, None if args.no_notmuch else maildir)
        print(f"generated {counts['messages']:,} messages, {counts['bytes'] / 1e6:,.0f} MB, "
              f"{counts['attachments']:,} with attachments, in {time.perf_counter() - t:.1f} s")
    size_mb = mbox.stat().st_size / 1e6
    print(f"mbox: {mbox} ({size_mb:,.0f} MB)")

    result = run_import(mbox, args.parallel)
    rate = result["imported"] / result["seconds"]
    peak = max(result["rss_importer_mb"], result["rss_parser_mb"])
    print(f"amicable import: {result['imported']:,} items in {result['seconds']:.1f} s = {rate:,.0f} msg/s "
          f"({size_mb / result['seconds']:.1f} MB/s), quarantined {result['quarantined']}")
    print(f"  peak RSS: importer {result['rss_importer_mb']:.0f} MB, parser process "
          f"{result['rss_parser_mb']:.0f} MB (target <= {TARGET_RSS_MB:.0f} MB; both together "
          f"{result['rss_importer_mb'] + result['rss_parser_mb']:.0f} MB)")
    n = max(result["imported"], 1)
    print(f"  CPU per message: writer process {result['cpu_writer_s'] / n * 1e6:.0f} µs (all its threads), "
          f"parser process {result['cpu_parser_s'] / n * 1e6:.0f} µs; the writer waited "
          f"{result['writer_waited_s']:.1f} s for the parser")
    print(f"  vs target {TARGET_RATE:,.0f} msg/s: ratio {rate / TARGET_RATE:.2f}")

    if not args.no_notmuch:
        if not maildir.exists():
            mailgen.generate(args.messages, work / "tmp.mbox", maildir)
            (work / "tmp.mbox").unlink()
        nm = run_notmuch(maildir)
        if nm is None:
            print("notmuch: not installed (apt-get install -y notmuch)")
        else:
            nm_rate = args.messages / nm["seconds"]
            print(f"notmuch new: {args.messages:,} messages in {nm['seconds']:.1f} s = {nm_rate:,.0f} msg/s, "
                  f"peak RSS {nm['rss_mb']:.0f} MB")
            print(f"  amicable / notmuch: {rate / nm_rate:.2f}")
    print(json.dumps({"amicable": result, "rate": rate, "peak_rss_mb": peak}))
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
    else:
        main()
