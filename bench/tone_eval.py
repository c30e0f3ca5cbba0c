"""Tone coach on the Stanford Politeness Corpus (Wikipedia requests): polite vs impolite accuracy.

Protocol (the corpus README / the paper, Danescu-Niculescu-Mizil et al., ACL 2013): the top quartile
of `Normalized Score` is "polite", the bottom quartile "impolite" (about 1,088 requests each); the
measure is accuracy; anything fitted is evaluated by cross-validation, never on the data it was fitted
on. Published reference: 83.79% in-domain (their linguistically informed SVM), humans 86.72%.

Two figures:
  A. zero-shot: the coach as shipped, nothing fitted on this corpus. A request is "polite" when the
     coach finds more kinds of positive signals than negative findings (margin >= 1).
  B. fitted: a logistic regression (pure Python) on the coach's 17 category counts, politeness-
     strategy features written for this bench (please, gratitude, greetings, subjunctive "could you",
     direct questions, ...) and word unigrams/bigrams. 10-fold stratified cross-validation (seeded):
     each fold's model and vocabulary are fitted on the other nine folds only. Mean and spread of the
     ten held-out accuracies are printed. Nothing fitted here ships in the product.

The corpus is read from ../shared/data/politeness/ (never copied into the repository).

    uv run python bench/tone_eval.py [--folds 10] [--epochs 12]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from amicable.messaging.tone import CATEGORIES, NEGATIVE, POSITIVE, check, learned  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "politeness" / "wikipedia.annotated.csv"
FALLBACK = Path("/work/shared/data/politeness/wikipedia.annotated.csv")
PUBLISHED = 0.8379
TARGET = 0.85

# Politeness strategies (after the paper's list; the patterns are written here, not copied).
STRATEGIES = {
    "please": r"\bplease\b",
    "please_start": r"^\W*please\b",
    "gratitude": r"\b(?:thanks?|thank you|appreciate[ds]?|grateful)\b",
    "greeting": r"^\W*(?:hi|hello|hey|dear|greetings)\b",
    "apology": r"\b(?:sorry|apologi[sz]e|apologies|excuse me|pardon|oops)\b",
    "deference": r"^\W*(?:great|good|nice|interesting|cool|excellent|awesome|wonderful|thanks)\b",
    "btw": r"\bby the way\b|\bbtw\b",
    "subjunctive": r"\b(?:could|would) you\b",
    "indicative": r"\b(?:can|will) you\b",
    "direct_question": r"^\W*(?:what|why|who|how|where|when)\b",
    "why": r"\bwhy\b",
    "direct_start": r"^\W*(?:so|then|and|but|or)\b",
    "first_person_start": r"^\W*(?:i|my|mine|myself)\b",
    "first_plural": r"\b(?:we|our|us|ourselves)\b",
    "first_person": r"\b(?:i|my|mine|me|myself)\b",
    "second_person": r"\b(?:you|your|yours|yourself)\b",
    "second_person_start": r"^\W*(?:you|your)\b",
    "hedge": r"\b(?:think|maybe|perhaps|possibly|probably|suggest|might|guess|seems?|wonder(?:ing)?|assume|likely)\b",
    "factuality": r"\b(?:in fact|actually|the point|the reality|the truth|obviously|clearly|really)\b",
    "negative_words": r"\b(?:wrong|bad|stupid|idiot|useless|nonsense|ridiculous|vandal\w*|stop|fail\w*|no)\b",
    "positive_words": r"\b(?:great|good|nice|helpful|interesting|excellent|welcome|glad|happy|best|love)\b",
    "exclamation": r"!",
    "question": r"\?",
    "two_questions": r"\?[^?]+\?",
    "url": r"<url>",
}
_STRAT = {k: re.compile(v, re.I) for k, v in STRATEGIES.items()}
_TOKEN = re.compile(r"[a-z']+|[?!]")


def load(path: Path) -> tuple[list[str], list[int]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    scores = sorted(float(r["Normalized Score"]) for r in rows)
    n = len(scores)
    low_cut, high_cut = scores[n // 4], scores[(3 * n) // 4]
    texts, labels = [], []
    for r in rows:
        s = float(r["Normalized Score"])
        if s >= high_cut:
            texts.append(r["Request"])
            labels.append(1)
        elif s <= low_cut:
            texts.append(r["Request"])
            labels.append(0)
    return texts, labels


def fixed_features(text: str) -> dict[str, float]:
    """Features that involve no fitting: the coach's findings and the strategy patterns."""
    report = check(text)
    feats: dict[str, float] = {}
    for f in report.findings:
        feats["coach:" + f.category] = feats.get("coach:" + f.category, 0.0) + 1.0
    feats["coach:score"] = report.score / 100.0
    for name, rx in _STRAT.items():
        if rx.search(text):
            feats["strat:" + name] = 1.0
    feats["len"] = math.log1p(len(text.split())) / 5.0
    return feats


def ngrams(text: str) -> list[str]:
    toks = _TOKEN.findall(text.lower())
    return [f"w:{t}" for t in toks] + [f"b:{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)]


def zero_shot(text: str) -> int:
    cats = check(text).categories()
    margin = len(cats & set(POSITIVE)) - len(cats & set(NEGATIVE))
    return 1 if margin >= 1 else 0


def folds_of(labels: list[int], k: int, seed: int = 13) -> list[int]:
    """A fold number per item, stratified by label."""
    rng = random.Random(seed)
    fold = [0] * len(labels)
    for label in (0, 1):
        idx = [i for i, y in enumerate(labels) if y == label]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            fold[i] = j % k
    return fold


def train(xs: list[dict[int, float]], ys: list[int], dim: int, epochs: int, l2: float = 1e-4,
          lr: float = 0.3, seed: int = 5) -> list[float]:
    """Logistic regression by Adagrad SGD, L2-regularised (the coach's own fitting routine). Returns
    weights (last one is the bias)."""
    rows = [sorted(x.items()) for x in xs]
    return learned.fit_logistic(rows, [float(y) for y in ys], dim, epochs=epochs, l2=l2, rate=lr, seed=seed)


def predict(w: list[float], x: dict[int, float], dim: int) -> int:
    return 1 if w[dim] + sum(w[j] * v for j, v in x.items()) > 0 else 0


def cross_validate(texts: list[str], labels: list[int], k: int, epochs: int) -> list[float]:
    fixed = [fixed_features(t) for t in texts]
    grams = [ngrams(t) for t in texts]
    fold = folds_of(labels, k)
    accs = []
    for f in range(k):
        train_idx = [i for i in range(len(texts)) if fold[i] != f]
        test_idx = [i for i in range(len(texts)) if fold[i] == f]
        counts = Counter(g for i in train_idx for g in set(grams[i]))  # vocabulary from training folds only
        vocab: dict[str, int] = {}
        for i in train_idx:
            for name in fixed[i]:
                vocab.setdefault(name, len(vocab))
        for g, c in counts.items():
            if c >= 2:
                vocab.setdefault(g, len(vocab))

        def vec(i: int, vocab: dict[str, int] = vocab) -> dict[int, float]:
            x = {vocab[n]: v for n, v in fixed[i].items() if n in vocab}
            present = [g for g in set(grams[i]) if g in vocab]
            if present:
                scale = 1.0 / math.sqrt(len(present))
                for g in present:
                    x[vocab[g]] = scale
            return x

        xs = [vec(i) for i in train_idx]
        w = train(xs, [labels[i] for i in train_idx], len(vocab), epochs)
        correct = sum(predict(w, vec(i), len(vocab)) == labels[i] for i in test_idx)
        accs.append(correct / len(test_idx))
    return accs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--epochs", type=int, default=12)
    args = ap.parse_args()
    path = CORPUS if CORPUS.is_file() else FALLBACK
    if not path.is_file():
        print(f"Politeness corpus not found at {CORPUS}: nothing to evaluate.")
        return
    t0 = time.perf_counter()
    texts, labels = load(path)
    print(f"corpus: {path.name}, {len(texts)} requests ({sum(labels)} polite, {len(labels) - sum(labels)} impolite)")
    zs = sum(zero_shot(t) == y for t, y in zip(texts, labels, strict=True)) / len(texts)
    print(f"A. zero-shot coach (nothing fitted): accuracy {zs:.2%} ({zs / PUBLISHED:.2f}x the published "
          f"{PUBLISHED:.2%})")
    accs = cross_validate(texts, labels, args.folds, args.epochs)
    mean = statistics.mean(accs)
    spread = statistics.stdev(accs) if len(accs) > 1 else 0.0
    print(f"B. {args.folds}-fold cross-validated logistic regression on coach + strategy + n-gram features: "
          f"accuracy {mean:.2%} +/- {spread:.2%} (min {min(accs):.2%}, max {max(accs):.2%}); "
          f"{mean / PUBLISHED:.3f}x the published {PUBLISHED:.2%}; target {TARGET:.0%}: "
          f"{'met' if mean >= TARGET else 'not met'}")
    print(f"features: {len(CATEGORIES)} coach categories + score, {len(STRATEGIES)} strategies, length, "
          f"n-grams seen twice in the training folds; {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
