"""Precision and recall per category on the project's labelled sentences (tests/data/tone/).

The dev split is what the rules were tuned on (and what the learned second opinion is fitted on): each
category must reach 0.85. The test split (round 21) was written by separate writers before it was scored
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

# Round 21 as first scored on 2026-12-08 (precision, recall), rounded down to two decimals.
FLOORS_KIND = "_v21"
FLOORS = {
    "accusation": (0.96, 0.90),
    "absolute": (0.96, 0.96),
    "blame": (0.90, 0.93),
    "sarcasm": (0.73, 0.77),
    "passive_aggressive": (0.94, 0.90),
    "shouting": (0.95, 1.00),
    "profanity": (0.95, 1.00),
    "threat": (0.92, 1.00),
    "demand": (1.00, 0.79),
    "dismissive": (1.00, 1.00),
    "over_apology": (1.00, 1.00),
    "acknowledgement": (1.00, 1.00),
    "thanks": (1.00, 1.00),
    "hedge": (0.95, 1.00),
    "next_step": (0.94, 0.95),
    "open_question": (1.00, 1.00),
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


def test_the_floors_belong_to_the_held_out_round():
    """The floors below are the first scores of one round. When a new round becomes the test split, this
    fails (saying nothing of the new round's scores) until its first scores are recorded; the floor
    test itself is skipped meanwhile, so that it cannot print a new round's figures before it is scored."""
    assert all(item["kind"].endswith(FLOORS_KIND) for item in split("test")), (
        f"the test split is a new round: score it once, then record its first scores as the floors "
        f"(the floors are round {FLOORS_KIND})"
    )


@pytest.mark.parametrize("category", CATEGORIES)
def test_it_does_not_fall_below_its_first_held_out_score(category):
    held_out = split("test")
    if not all(item["kind"].endswith(FLOORS_KIND) for item in held_out):
        pytest.skip("a new held-out round is not scored yet")
    scores, _ = evaluate(held_out)
    precision, recall = FLOORS[category]
    assert scores[category].precision >= precision and scores[category].recall >= recall
