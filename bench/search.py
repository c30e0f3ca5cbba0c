"""Search latency: p50/p95 over 100,000 and 1,000,000 items, beside `notmuch search` on the 100,000.

Usage: uv run python bench/search.py [--workdir DIR] [--messages 100000] [--scale 10] [--runs 15]

1. generates the 100,000-message mailbox (bench/mailgen.py) unless --workdir already has it, imports it
   into a fresh vault (SQLite, AMICABLE_HOME under the workdir) and indexes the same messages with
   `notmuch new`;
2. times `search_ids` (the interface the pages, the API and the CLI use; ranking and snippets
   included) for words of known frequency, two-word queries, a phrase and a prefix, and times
   `notmuch search --limit=20` for the same words;
3. grows the vault to 1,000,000 items by copying the corpus ten times inside SQLite (the triggers
   index every copy) and times the same queries again.
Target: p95 <= 20 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

QUERIES = ["invoice", "refund", "milestone", "kumquat", "patch", "driver", "memory leak", "invoice patch",
           '"please see below"', "refu*", "kernel", "the"]
NOTMUCH_QUERIES = ["invoice", "refund", "milestone", "kumquat", "patch", "driver", "memory and leak",
                   "invoice and patch", '"please see below"', "refu*", "kernel", "the"]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def setup_django(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    os.environ["AMICABLE_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amicable.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def build_vault(mbox: Path) -> int:
    from amicable.evidence.importing import evidence_import
    from amicable.evidence.models import EvidenceItem
    from amicable.test import make_case, make_user, make_workspace

    existing = EvidenceItem.objects.values_list("case_id", flat=True).first()
    if existing:
        return int(existing)
    owner = make_user("bench@example.com", "Bench")
    case = make_case(owner, make_workspace(owner, "Bench"))
    t = time.perf_counter()
    batch = evidence_import(actor=owner, case=case, path=mbox)
    print(f"imported {batch.imported:,} items in {time.perf_counter() - t:.0f} s")
    return case.pk


def grow(case_id: int, factor: int) -> int:
    """Copy the case's items (factor - 1) more times; returns the new count."""
    from django.db import connection, transaction

    from amicable.evidence.models import EvidenceItem

    base = EvidenceItem.objects.filter(case_id=case_id, external_id__endswith="@amicable.test").count()
    have = EvidenceItem.objects.filter(case_id=case_id).count()
    cols = ("kind, occurred_at, sort_at, original_tz, original_time_text, author, participants, subject, body, "
            "thread_key, source_name, importer, importer_version, batch_id, locator, meta, visibility, added_by_id, "
            "added_by_role, added_at, corrects_id, correction_reason, redacted_fields")
    copy = have // base
    while copy < factor:
        t = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"INSERT INTO evidence_evidenceitem (case_id, external_id, {cols}) "  # noqa: S608
                        f"SELECT case_id, external_id || '#copy{copy}', {cols} FROM evidence_evidenceitem "
                        "WHERE case_id = %s AND external_id LIKE %s", [case_id, "%@amicable.test"])
        copy += 1
        print(f"  copy {copy}/{factor}: {EvidenceItem.objects.filter(case_id=case_id).count():,} items "
              f"({time.perf_counter() - t:.0f} s)")
    with connection.cursor() as cur:
        cur.execute("PRAGMA optimize")
    return EvidenceItem.objects.filter(case_id=case_id).count()


def time_queries(case_id: int, runs: int) -> dict[str, list[float]]:
    from amicable.evidence.search import search_ids

    timings: dict[str, list[float]] = {}
    for q in QUERIES:
        search_ids(case_id=case_id, query=q)  # warm the page cache
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            hits = search_ids(case_id=case_id, query=q, limit=20)
            samples.append((time.perf_counter() - t) * 1000)
        timings[q] = samples
        print(f"  {q!r:24} {len(hits):3} hits  p50 {statistics.median(samples):7.2f} ms  "
              f"max {max(samples):7.2f} ms")
    return timings


def time_timeline(case_id: int, runs: int) -> dict[str, list[float]]:
    """Time timeline pages (the view's selector): first page, a page in the middle, filtered pages."""
    from django.db import connection, transaction

    from amicable.accounts.models import User
    from amicable.cases.models import Case
    from amicable.evidence.models import EvidenceItem, ItemTag
    from amicable.evidence.selectors import TimelineFilters, encode_cursor, timeline, viewer_for

    case = Case.objects.get(pk=case_id)
    viewer = viewer_for(case, User.objects.get(email="bench@example.com"))
    if not ItemTag.objects.filter(case=case).exists():
        if EvidenceItem.objects.filter(case=case).count() <= 200_000:  # tag 1 item in 100, through the log
            from django.db.models import F
            from django.db.models.functions import Mod

            from amicable.evidence.services import item_tag

            every_100th = EvidenceItem.objects.filter(case=case).annotate(r=Mod(F("id"), 100)).filter(r=0)
            for item in every_100th.iterator():
                item_tag(actor=viewer.user, item=item, tag="scope_change")
        else:  # the grown copy is not in the log anyway: tag rows directly
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("INSERT INTO evidence_itemtag (item_id, case_id, tag, added_at) SELECT id, case_id, "
                            "'scope_change', added_at FROM evidence_evidenceitem WHERE case_id = %s AND "
                            "id %% 100 = 0", [case_id])
    count = EvidenceItem.objects.filter(case=case).count()
    middle = EvidenceItem.objects.filter(case=case).order_by("sort_at", "pk")[count // 2]
    person = EvidenceItem.objects.filter(case=case).exclude(author="").values_list("author", flat=True).first()
    cases = {"first page": (TimelineFilters(), ""), "middle page": (TimelineFilters(), encode_cursor(middle)),
             "kind=email": (TimelineFilters(kinds=["email"]), encode_cursor(middle)),
             "tag=scope_change": (TimelineFilters(tag="scope_change"), ""),
             "person": (TimelineFilters(person=(person or "a")[:12]), "")}
    timings: dict[str, list[float]] = {}
    for name, (filters, cursor) in cases.items():
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            page = timeline(case, viewer, filters, cursor=cursor)
            samples.append((time.perf_counter() - t) * 1000)
        timings[name] = samples
        print(f"  timeline {name:18} {len(page.items):3} items  p50 {statistics.median(samples):7.2f} ms")
    return timings


def notmuch_queries(maildir: Path, runs: int) -> dict[str, list[float]] | None:
    if shutil.which("notmuch") is None:
        return None
    cfg = maildir.parent / "notmuch-config"
    cfg.write_text(f"[database]\npath={maildir}\n[new]\ntags=inbox\n[user]\nname=Bench\n"
                   "primary_email=bench@example.com\n[maildir]\nsynchronize_flags=false\n")
    env = {**os.environ, "NOTMUCH_CONFIG": str(cfg)}
    if not (maildir / ".notmuch").exists():
        t = time.perf_counter()
        subprocess.run(["notmuch", "new", "--quiet"], env=env, check=True, capture_output=True)
        print(f"notmuch new: {time.perf_counter() - t:.0f} s")
    timings: dict[str, list[float]] = {}
    for q in NOTMUCH_QUERIES:
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(["notmuch", "search", "--limit=20", q], env=env, check=True, capture_output=True)
            samples.append((time.perf_counter() - t) * 1000)
        timings[q] = samples
        print(f"  notmuch {q!r:24} p50 {statistics.median(samples):7.2f} ms")
    return timings


def summary(name: str, timings: dict[str, list[float]]) -> tuple[float, float]:
    values = [v for vs in timings.values() for v in vs]
    p50, p95 = statistics.median(values), pct(values, 95)
    print(f"{name}: p50 {p50:.2f} ms, p95 {p95:.2f} ms over {len(values)} queries (target p95 <= 20 ms)")
    return p50, p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", help="keep the mailbox, the vault and the notmuch index here")
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--scale", type=int, default=10, help="grow the vault to this many copies (1 = no)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="amicable-bench-search-"))
    work.mkdir(parents=True, exist_ok=True)
    mbox, maildir = work / f"bench-{args.messages}.mbox", work / f"maildir-{args.messages}"
    if not mbox.exists() or not maildir.exists():
        import mailgen

        print(mailgen.generate(args.messages, mbox, maildir))
    small_home, big_home = work / f"home-search-{args.messages}", work / f"home-search-{args.messages}x{args.scale}"
    if args.scale > 1 and not big_home.exists():
        # Build the small vault in a process of its own, then copy its database for the big one.
        subprocess.run([sys.executable, __file__, "--workdir", str(work), "--messages", str(args.messages),
                        "--scale", "1", "--runs", str(args.runs)], check=True)
        big_home.mkdir(parents=True)
        for f in small_home.glob("amicable.sqlite3*"):
            shutil.copy2(f, big_home / f.name)
        shutil.copy2(small_home / "secret_key", big_home / "secret_key")
    elif args.scale > 1:
        subprocess.run([sys.executable, __file__, "--workdir", str(work), "--messages", str(args.messages),
                        "--scale", "1", "--runs", str(args.runs)], check=True)
    if args.scale == 1:
        setup_django(small_home)
        case_id = build_vault(mbox)
        print(f"== {args.messages:,} items")
        small = summary(f"amicable {args.messages:,}", time_queries(case_id, args.runs))
        summary(f"timeline {args.messages:,}", time_timeline(case_id, args.runs))
        nm = notmuch_queries(maildir, max(3, args.runs // 3))
        if nm:
            nm50, nm95 = summary(f"notmuch search {args.messages:,}", nm)
            print(f"  amicable p95 / notmuch p95: {small[1] / nm95:.2f}")
        return
    setup_django(big_home)
    from amicable.evidence.models import EvidenceItem

    case_id = int(EvidenceItem.objects.values_list("case_id", flat=True).first() or 0)
    total = grow(case_id, args.scale)
    print(f"== {total:,} items")
    summary(f"amicable {total:,}", time_queries(case_id, args.runs))
    summary(f"timeline {total:,}", time_timeline(case_id, args.runs))
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
