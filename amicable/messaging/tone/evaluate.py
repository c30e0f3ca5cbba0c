"""Precision and recall of the tone coach per category on labelled sentences.

A sentence counts as predicting a category when the report has at least one finding of it.
Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .engine import check
from .model import CATEGORIES


@dataclass(frozen=True, slots=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load(path: str | Path) -> list[dict]:
    """Read a JSONL file of {"id", "text", "expect": [categories], "split"} items."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(items: Iterable[dict]) -> tuple[dict[str, Score], list[dict]]:
    """Return per-category scores and the list of items whose predicted categories differ."""
    counts = {c: [0, 0, 0] for c in CATEGORIES}
    errors = []
    for item in items:
        expected = set(item["expect"])
        got = check(item["text"]).categories()
        for c in CATEGORIES:
            if c in got and c in expected:
                counts[c][0] += 1
            elif c in got:
                counts[c][1] += 1
            elif c in expected:
                counts[c][2] += 1
        if got != expected:
            errors.append({**item, "missing": sorted(expected - got), "extra": sorted(got - expected)})
    return {c: Score(*v) for c, v in counts.items()}, errors


def table(scores: dict[str, Score]) -> str:
    """A Markdown table of precision and recall per category."""
    lines = ["| category | support | precision | recall |", "|---|---:|---:|---:|"]
    for c, s in scores.items():
        lines.append(f"| {c} | {s.tp + s.fn} | {s.precision:.2f} | {s.recall:.2f} |")
    return "\n".join(lines)
