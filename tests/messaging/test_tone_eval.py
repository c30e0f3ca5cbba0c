"""Precision and recall per category on the project's labelled sentences (tests/data/tone/).

The dev split is what the rules were tuned on (and what the learned second opinion is fitted on): each
category must reach 0.85. The test split (round 7) was written by separate writers before it was scored
and is never tuned on; its figures are reported in bench/RESULTS.md.
Here they only guard against regressions: no category may fall below what it scored the first time
(asserting the 0.85 target on it would invite tuning on it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from amicable.messaging.tone import CATEGORIES
from amicable.messaging.tone.evaluate import evaluate, load

DATA = Path(__file__).resolve().parents[1] / "data" / "tone" / "sentences.jsonl"

# Round 7 as first scored on 2026-12-07 (precision, recall), rounded down to two decimals.
ROUND_7 = {
    "accusation": (0.86, 0.81),
    "absolute": (0.72, 0.79),
    "blame": (0.92, 0.78),
    "sarcasm": (0.88, 0.69),
    "passive_aggressive": (1.00, 0.84),
    "shouting": (1.00, 1.00),
    "profanity": (1.00, 0.95),
    "threat": (1.00, 0.86),
    "demand": (0.91, 0.95),
    "dismissive": (1.00, 0.77),
    "over_apology": (0.95, 1.00),
    "acknowledgement": (0.96, 0.96),
    "thanks": (0.96, 1.00),
    "hedge": (1.00, 1.00),
    "next_step": (0.98, 1.00),
    "open_question": (0.88, 0.95),
    "specific_fact": (1.00, 0.95),
}


def split(name: str) -> list[dict]:
    return [item for item in load(DATA) if item["split"] == name]


def test_it_has_enough_labelled_sentences():
    items = load(DATA)
    assert len(items) >= 150
    assert {i["split"] for i in items} == {"dev", "test"}
    assert all(set(i["expect"]) <= set(CATEGORIES) for i in items)
    assert len({i["id"] for i in items}) == len(items)
    assert len(split("test")) >= 150


def test_it_reaches_precision_and_recall_per_category_on_dev():
    scores, errors = evaluate(split("dev"))
    low = {c: (round(s.precision, 2), round(s.recall, 2)) for c, s in scores.items()
           if s.precision < 0.85 or s.recall < 0.85}
    assert not low, (low, [(e["text"], e["missing"], e["extra"]) for e in errors])


@pytest.mark.parametrize("category", CATEGORIES)
def test_it_does_not_fall_below_its_first_held_out_score(category):
    scores, _ = evaluate(split("test"))
    precision, recall = ROUND_7[category]
    assert scores[category].precision >= precision and scores[category].recall >= recall
