"""Which categories should the learned second opinion read? Leave-one-set-out evidence on dev data.

For each earlier held-out round (kinds ending in _v7, _v8, _v9: written by separate writers, scored
once, since folded into dev) and each group of tuning sets, the learned model is fitted on the dev split
*without* that set and the coach (its rules, plus the model for the chosen categories) is scored on
the set it did not see. Each candidate category list is compared with the rules alone. The rules were
tuned on these sets after they were scored, so the rules-only figures are optimistic; what the
comparison shows is what the model adds or costs on wordings it was not fitted on.

    uv run python bench/tone_learned_choice.py [--threshold 0.9] [--sets _v7,_v8,_v9]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from amicable.messaging.tone import learned  # noqa: E402
from amicable.messaging.tone.evaluate import evaluate  # noqa: E402

DATA = ROOT / "tests/data/tone/sentences.jsonl"
CANDIDATES = {
    "shipped": learned.CATEGORIES,
    "+pa+dismissive": (*learned.CATEGORIES, "passive_aggressive", "dismissive"),
    "+pa+dismissive+demand": (*learned.CATEGORIES, "passive_aggressive", "dismissive", "demand"),
}
WATCH = ("accusation", "absolute", "blame", "sarcasm", "passive_aggressive", "threat", "demand", "dismissive")


def scored(items: list[dict], train: list[dict], categories: tuple[str, ...] | None, threshold: float) -> dict:
    """Per-category (tp, fp, fn) of the coach on ``items`` with a model fitted on ``train`` (None: rules only)."""
    saved = learned.model
    if categories is None:
        doc = {"categories": list(learned.CATEGORIES), "weights": {},
               "bias": [-30.0] * len(learned.CATEGORIES)}  # never reaches the threshold
    else:
        doc = learned.fit(train, categories=categories)
    doc["threshold"] = threshold
    mdl = learned.Model.from_json(doc)
    learned.model = lambda: mdl  # type: ignore[assignment]
    try:
        scores, _ = evaluate(items)
    finally:
        learned.model = saved
    return {c: (s.tp, s.fp, s.fn) for c, s in scores.items()}


def fmt(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return f"{p:.2f}/{r:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=learned.THRESHOLD)
    ap.add_argument("--sets", default="_v7,_v8,_v9,_d9")
    args = ap.parse_args()
    with open(DATA, encoding="utf-8") as fh:
        dev = [json.loads(line) for line in fh if '"split": "dev"' in line]
    configs = {"rules only": None, **CANDIDATES}
    totals = {name: {c: [0, 0, 0] for c in WATCH} for name in configs}
    for tag in args.sets.split(","):
        held = [i for i in dev if tag in i["kind"]]
        train = [i for i in dev if tag not in i["kind"]]
        print(f"\n{tag}: {len(held)} held out, fitted on {len(train)}")
        print(f"{'':24s}" + "".join(f"{c[:10]:>12s}" for c in WATCH))
        for name, cats in configs.items():
            got = scored(held, train, cats, args.threshold)
            for c in WATCH:
                for k in range(3):
                    totals[name][c][k] += got[c][k]
            print(f"{name:24s}" + "".join(f"{fmt(*got[c]):>12s}" for c in WATCH))
    print("\nall sets together")
    for name in configs:
        print(f"{name:24s}" + "".join(f"{fmt(*totals[name][c]):>12s}" for c in WATCH))


if __name__ == "__main__":
    main()
