"""Crash test: kill an import at random moments, then check the vault verifies and a re-run completes.

Runs real subprocesses against a file-backed SQLite vault in a temp AMICABLE_HOME (the test database
cannot be shared with another process). About 15-25 s.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

CHILD = r"""
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "amicable.settings"
import django
django.setup()
from django.core.management import call_command
mode = sys.argv[1]
if mode == "setup":
    call_command("migrate", interactive=False, verbosity=0)
    from amicable.test import make_case, make_user, make_workspace
    owner = make_user("crash@example.com", "Crash")
    print(make_case(owner, make_workspace(owner, "Crash")).pk)
elif mode == "import":
    from amicable.accounts.models import User
    from amicable.cases.models import Case
    from amicable.evidence.importing import evidence_import
    batch = evidence_import(actor=User.objects.get(email="crash@example.com"), case=Case.objects.get(pk=int(sys.argv[2])),
                            path=sys.argv[3], parallel=sys.argv[4] == "yes")
    print(json.dumps({"imported": batch.imported, "duplicates": batch.duplicates, "status": batch.status}))
elif mode == "verify":
    from amicable.evidence.models import EvidenceItem, ImportBatch
    from amicable.evidence.verify import verify_all
    report = verify_all()
    ids = list(EvidenceItem.objects.values_list("external_id", flat=True))
    print(json.dumps({"ok": report.ok, "problems": [p.ref + ": " + p.message for p in report.problems][:5],
                      "items": len(ids), "distinct": len(set(ids)),
                      "statuses": sorted(ImportBatch.objects.values_list("status", flat=True))}))
"""


def _mbox(path: Path, n: int) -> None:
    rng = random.Random(3)
    with path.open("w") as out:
        for i in range(n):
            body = " ".join(rng.choice(["invoice", "scope", "page", "blog", "pay", "friday"]) for _ in range(60))
            attachment = ""
            if i % 97 == 0:
                attachment = "(with a file)"
            out.write(f"From a@example.com Mon Mar  2 10:{i % 60:02d}:00 2026\n"
                      f"From: Alice <a@example.com>\nTo: Carol <c@example.com>\nSubject: Message {i} {attachment}\n"
                      f"Date: Mon, 02 Mar 2026 10:{i % 60:02d}:00 +0100\nMessage-ID: <crash-{i}@example.com>\n\n"
                      f"{body}\n\n")


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db, timeout=10) as conn:
        return conn.execute("SELECT count(*) FROM evidence_evidenceitem").fetchone()[0]


def _wait_for_more(db: Path, before: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if _count(db) > before:
                return
        except sqlite3.OperationalError:
            pass
        time.sleep(0.02)


def _run(env: dict[str, str], *args: str) -> dict[str, object] | int:
    out = subprocess.run([sys.executable, "-c", CHILD, *args], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_it_survives_kills_at_random_points_and_completes_without_duplicates(tmp_path):
    env = {**os.environ, "AMICABLE_HOME": str(tmp_path / "home"), "AMICABLE_MODE": "local"}
    env.pop("DATABASE_URL", None)  # the crash test runs on a local SQLite vault
    n = 8000
    mbox = tmp_path / "mail.mbox"
    _mbox(mbox, n)
    case_id = str(_run(env, "setup"))
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    kills = 0
    db = tmp_path / "home" / "amicable.sqlite3"
    for attempt in range(4):
        parallel = "yes" if attempt % 2 else "no"
        before = _count(db)
        proc = subprocess.Popen([sys.executable, "-c", CHILD, "import", case_id, str(mbox), parallel], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if attempt == 0:
            time.sleep(rng.uniform(0.3, 1.0))  # somewhere in start-up or the first chunks
        else:
            _wait_for_more(db, before, proc)  # the import is writing: kill it a moment later
            time.sleep(rng.uniform(0.0, 0.3))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        state = _run(env, "verify")
        assert state["ok"], (seed, attempt, state["problems"])
        assert state["items"] == state["distinct"], seed
    assert kills >= 1, f"the import always finished before the kill (seed {seed})"
    final = _run(env, "import", case_id, str(mbox), "no")
    assert final["status"] == "done"
    state = _run(env, "verify")
    assert state["ok"], (seed, state["problems"])
    assert state["items"] == state["distinct"] == n, (seed, state)
    assert final["imported"] + final["duplicates"] == n
    assert "interrupted" in state["statuses"] or kills == 0
