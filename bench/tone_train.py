"""Fit the tone coach's learned second opinion (amicable/messaging/tone/learned.py) and write its weights.

Trains on the dev split of tests/data/tone/sentences.jsonl only (the held-out test split is never read
for fitting), deterministically: the same data always gives the same file.

    uv run python bench/tone_train.py           # writes amicable/messaging/tone/learned.json
    uv run python bench/tone_train.py --check   # exit 1 if the shipped file is not what the data gives
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from amicable.messaging.tone import learned  # noqa: E402

DATA = ROOT / "tests/data/tone/sentences.jsonl"


def train() -> dict:
    with open(DATA, encoding="utf-8") as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    return learned.fit([i for i in items if i["split"] == "dev"])


def dump(doc: dict) -> str:
    return json.dumps(doc, sort_keys=True, separators=(",", ":")) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    args = ap.parse_args()
    t0 = time.perf_counter()
    doc = train()
    took = time.perf_counter() - t0
    if args.check:
        same = learned.WEIGHTS_PATH.read_text(encoding="utf-8") == dump(doc)
        print(f"shipped weights {'match' if same else 'DIFFER FROM'} the data ({took:.1f} s)")
        sys.exit(0 if same else 1)
    learned.WEIGHTS_PATH.write_text(dump(doc), encoding="utf-8")
    size = learned.WEIGHTS_PATH.stat().st_size
    print(f"trained on {doc['trained_on']} sentences, {doc['features']} features kept, {size / 1024:.0f} KiB, "
          f"{took:.1f} s -> {learned.WEIGHTS_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
