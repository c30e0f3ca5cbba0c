"""Tone coach speed: messages per second on one core, 150-word messages.

Messages are built from the project's own labelled sentences (tests/data/tone/sentences.jsonl),
drawn at random (seeded) until a message has 150 words: a realistic mix of neutral, professional
and heated sentences. Two harder mixes are reported too: heated sentences only, and one
100,000-character paste. Target (issue 5 / PRODUCT.md): >= 2,000 messages/s on one core.

    uv run python bench/tone_speed.py [--messages 4000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=4000)
    args = ap.parse_args()
    with open(ROOT / "tests/data/tone/sentences.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    everything = [r["text"] for r in rows]
    heated = [r["text"] for r in rows if r["kind"] in HEATED]
    mixed = build(everything, args.messages)
    hot = build(heated, args.messages, seed=8)
    words = sum(len(m.split()) for m in mixed) / len(mixed)
    chars = sum(len(m) for m in mixed) / len(mixed)
    for m in mixed[:200]:
        check(m)  # warm up
    r_mixed, w_mixed = rate(mixed)
    r_hot, w_hot = rate(hot)
    big = " ".join(build(everything, 1, words=18000, seed=9))[:100_000]
    t0 = time.perf_counter()
    report = check(big)
    big_ms = (time.perf_counter() - t0) * 1000
    print(f"messages: {len(mixed)}, mean {words:.0f} words / {chars:.0f} characters, one process, one core")
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores)")
    print(f"mixed sentences : {r_mixed:8.0f} messages/CPU-s ({r_mixed / TARGET:.2f}x the {TARGET}/s target), "
          f"{w_mixed:.0f}/s wall")
    print(f"heated only     : {r_hot:8.0f} messages/CPU-s ({r_hot / TARGET:.2f}x the {TARGET}/s target), "
          f"{w_hot:.0f}/s wall")
    print(f"one 100,000-character paste: {big_ms:.0f} ms, {len(report.findings)} findings")


if __name__ == "__main__":
    main()
