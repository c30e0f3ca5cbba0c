"""Tone coach speed: messages per second on one core, 150-word messages.

Messages are built from the project's own labelled sentences (tests/data/tone/sentences.jsonl),
drawn at random (seeded) until a message has 150 words: a realistic mix of neutral, professional
and heated sentences. Two harder mixes are reported too: heated sentences only, and one
100,000-character paste. The labelled sentences are dense in findings (about 20 per message), far
harder than ordinary mail; so real email is measured too, when ../shared/data is there: the plain-text
bodies of the LKML messages, quoted replies and all, cut into 150-word windows. The pool of labelled
sentences grows with every round, so the figure on the pool as it was on 2026-11-25 (rounds 1-6 and
their tuning sets) is printed as well, for comparison with earlier results.
Target (issue 5 / PRODUCT.md): >= 2,000 messages/s on one core.

    uv run python bench/tone_speed.py [--messages 4000] [--mail DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from amicable.messaging.tone import check  # noqa: E402

TARGET = 2000
HEATED = {"hostile", "hostile_v2", "threat", "shouting", "dismissive", "demand", "sarcasm"}


def build(sentences: list[str], n: int, words: int = 150, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts: list[str] = []
        count = 0
        while count < words:
            s = rng.choice(sentences)
            parts.append(s)
            count += len(s.split())
        out.append(" ".join(parts))
    return out


def rate(messages: list[str], repeat: int = 3) -> tuple[float, float]:
    """Best of ``repeat`` runs: (messages per CPU second of this process, per wall-clock second).

    CPU time is the fairer figure on a shared machine; both are printed.
    """
    cpu = wall = float("inf")
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        for m in messages:
            check(m)
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return len(messages) / cpu, len(messages) / wall


MAILDIR = ROOT.parent / "shared" / "data" / "email" / "lkml" / "maildir"
# Kinds added after 2026-11-25: held-out rounds 7 on (_v7, _v8, ...) and their tuning sets (_d7a, _d8b, ...)
LATER = re.compile(r"_(?:v(?:[7-9]|\d\d)|d(?:[7-9]|\d\d)[a-z])$")


def mail_windows(maildir: Path, n: int, words: int = 150) -> list[str]:
    """``n`` windows of ``words`` words from the plain-text bodies of the messages in ``maildir``, taken at
    a fixed step through the whole text (line breaks kept: quoted replies stay quoted)."""
    import email
    from email import policy

    tokens: list[str] = []
    for path in sorted(p for p in maildir.rglob("*") if p.is_file()):
        with open(path, "rb") as fh:
            body = email.message_from_binary_file(fh, policy=policy.default).get_body(preferencelist=("plain",))
        if body is not None:
            tokens.extend(re.findall(r"\S+\s*", body.get_content()))
    if len(tokens) <= words:
        return []
    step = max(1, (len(tokens) - words) // n)
    return ["".join(tokens[i : i + words]).strip() for i in range(0, step * n, step)][:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=4000)
    ap.add_argument("--mail", type=Path, default=MAILDIR, help="a maildir of real email (default: the shared LKML)")
    args = ap.parse_args()
    with open(ROOT / "tests/data/tone/sentences.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    everything = [r["text"] for r in rows]
    heated = [r["text"] for r in rows if r["kind"] in HEATED]
    mixed = build(everything, args.messages)
    earlier = build([r["text"] for r in rows if not LATER.search(r["kind"])], args.messages)
    hot = build(heated, args.messages, seed=8)
    words = sum(len(m.split()) for m in mixed) / len(mixed)
    chars = sum(len(m) for m in mixed) / len(mixed)
    for m in mixed[:200]:
        check(m)  # warm up
    r_mixed, w_mixed = rate(mixed)
    r_earlier, _ = rate(earlier)
    r_hot, w_hot = rate(hot)
    mail = mail_windows(args.mail, args.messages) if args.mail.is_dir() else []
    r_mail = rate(mail)[0] if mail else None
    big = " ".join(build(everything, 1, words=18000, seed=9))[:100_000]
    t0 = time.perf_counter()
    report = check(big)
    big_ms = (time.perf_counter() - t0) * 1000
    print(f"messages: {len(mixed)}, mean {words:.0f} words / {chars:.0f} characters, one process, one core")
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores)")
    print(f"mixed sentences : {r_mixed:8.0f} messages/CPU-s ({r_mixed / TARGET:.2f}x the {TARGET}/s target), "
          f"{w_mixed:.0f}/s wall")
    print(f"pool of 11-25   : {r_earlier:8.0f} messages/CPU-s ({r_earlier / TARGET:.2f}x)")
    print(f"heated only     : {r_hot:8.0f} messages/CPU-s ({r_hot / TARGET:.2f}x the {TARGET}/s target), "
          f"{w_hot:.0f}/s wall")
    if r_mail is None:
        print(f"real email      : skipped ({args.mail} not found)")
    else:
        mail_words = sum(len(m.split()) for m in mail) / len(mail)
        print(f"real email      : {r_mail:8.0f} messages/CPU-s ({r_mail / TARGET:.2f}x the {TARGET}/s target), "
              f"{len(mail)} windows of {mail_words:.0f} words from {args.mail.name}")
    print(f"one 100,000-character paste: {big_ms:.0f} ms, {len(report.findings)} findings")


if __name__ == "__main__":
    main()
