"""Evaluate contract segmentation and clause typing.

Run: uv run python bench/contracts_eval.py [--split dev|test|all] [--cuad] [--show]

Own labelled set (tests/data/contracts/labels.jsonl, built from gold_anchors.txt): boundary
precision/recall/F1 on segment starts, per-type precision/recall/F1 over gold segments (heading-only
segments are not scored for type), macro-F1 over the types present. A gold segment's predicted types
are the union of the types of the predicted clauses that lie mostly inside it.

--cuad: the real contracts in ../shared/data/contracts/cuad-dev (CUAD v1, CC BY 4.0; read at run
time, never copied), for the categories that map onto our types (see the shared data README).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from amicable.contracts.analyze import analyze_document  # noqa: E402
from amicable.contracts.classify import CLAUSE_TYPES  # noqa: E402

DATA = ROOT / "tests" / "data" / "contracts"
CUAD = ROOT.parent / "shared" / "data" / "contracts" / "cuad-dev"
if not CUAD.exists():
    CUAD = Path("/work/shared/data/contracts/cuad-dev")

CUAD_MAP = {
    "Governing Law": "governing_law",
    "Cap On Liability": "liability",
    "Uncapped Liability": "liability",
    "Ip Ownership Assignment": "ip_ownership",
    "Joint Ip Ownership": "ip_ownership",
    "License Grant": "license",
    "Termination For Convenience": "termination",
    "Warranty Duration": "warranty",
    "Non-Compete": "non_solicitation",
    "No-Solicit Of Customers": "non_solicitation",
    "No-Solicit Of Employees": "non_solicitation",
}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def predicted_types_for(gold: list[dict], clauses) -> list[set[str]]:
    out = [set() for _ in gold]
    for c in clauses:
        if c.end <= c.start:
            continue
        best, best_overlap = None, 0
        for gi, g in enumerate(gold):
            overlap = min(c.end, g["end"]) - max(c.start, g["start"])
            if overlap > best_overlap:
                best, best_overlap = gi, overlap
        if best is not None and best_overlap >= 0.5 * (c.end - c.start):
            out[best].update(h.type for h in c.types)
    return out


def evaluate_own(split: str, show: bool) -> dict:
    docs = [json.loads(line) for line in (DATA / "labels.jsonl").read_text().splitlines() if line.strip()]
    docs = [d for d in docs if split == "all" or d["split"] == split]
    b_tp = b_fp = b_fn = 0
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    support: dict[str, int] = defaultdict(int)
    for d in docs:
        path = DATA / "docs" / d["doc"]
        analysis = analyze_document(path.read_bytes(), path.name)
        gold_starts = {c["start"] for c in d["clauses"]}
        pred_starts = {c.start for c in analysis.clauses}
        b_tp += len(gold_starts & pred_starts)
        b_fp += len(pred_starts - gold_starts)
        b_fn += len(gold_starts - pred_starts)
        if show:
            text = analysis.text
            for s in sorted(pred_starts - gold_starts):
                print(f"  {d['doc']}: extra boundary  {text[s:s + 60]!r}")
            for s in sorted(gold_starts - pred_starts):
                print(f"  {d['doc']}: missed boundary {text[s:s + 60]!r}")
        scored = [g for g in d["clauses"] if g["kind"] != "heading"]
        predicted = predicted_types_for(scored, analysis.clauses)
        for g, pred in zip(scored, predicted, strict=True):
            gold_types = set(g["types"])
            for t in gold_types:
                support[t] += 1
            for t in CLAUSE_TYPES:
                if t in pred and t in gold_types:
                    counts[t][0] += 1
                elif t in pred:
                    counts[t][1] += 1
                    if show:
                        print(f"  {d['doc']}: FP {t:22s} {analysis.text[g['start']:g['start'] + 70]!r}")
                elif t in gold_types:
                    counts[t][2] += 1
                    if show:
                        print(f"  {d['doc']}: FN {t:22s} {analysis.text[g['start']:g['start'] + 70]!r}")
    bp, br, bf = prf(b_tp, b_fp, b_fn)
    print(f"\n== Own labelled set, split={split}: {len(docs)} documents, "
          f"{sum(len(d['clauses']) for d in docs)} gold segments")
    print(f"Boundary  P={bp:.3f} R={br:.3f} F1={bf:.3f}  (tp={b_tp} fp={b_fp} fn={b_fn})")
    print(f"{'type':24s} {'n':>4s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    f1s = []
    weak = []
    for t in CLAUSE_TYPES:
        tp, fp, fn = counts[t]
        if support[t] == 0 and fp == 0:
            continue
        p, r, f = prf(tp, fp, fn)
        if support[t]:
            f1s.append(f)
            if support[t] >= 5 and f < 0.7:
                weak.append(t)
        print(f"{t:24s} {support[t]:4d} {p:6.3f} {r:6.3f} {f:6.3f}")
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    print(f"Macro-F1 over {len(f1s)} types: {macro:.3f}   (target >= 0.85)")
    print(f"Types with >= 5 examples below 0.7: {', '.join(weak) or 'none'}")
    return {"boundary_f1": bf, "macro_f1": macro, "weak": weak}


def _cuad_spans(cell: str) -> list[str]:
    if not cell or cell == "[]":
        return []
    try:
        import ast

        return [s for s in ast.literal_eval(cell) if isinstance(s, str) and s.strip()]
    except (ValueError, SyntaxError):
        return []


def _find_span(text: str, span: str) -> tuple[int, int] | None:
    pos = text.find(span)
    if pos >= 0:
        return pos, pos + len(span)
    # CUAD spans sometimes differ in whitespace from the text file
    words = span.split()
    if len(words) < 3:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words[:40])
    m = re.search(pattern, text)
    return (m.start(), m.start() + len(span)) if m else None


def evaluate_cuad(limit: int | None) -> None:
    csv_path = CUAD / "master_clauses.dev.csv"
    if not csv_path.exists():
        print(f"\n== CUAD: skipped, {csv_path} not found")
        return
    csv.field_size_limit(10**9)
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    columns = {k.lower(): k for k in rows[0]}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    n_docs = n_clauses = 0
    sizes = []
    elapsed = 0.0
    failures = 0
    for row in rows[:limit]:
        name = Path(row["Filename"]).with_suffix(".txt").name
        path = CUAD / "txt" / name
        if not path.exists():
            continue
        data = path.read_bytes()
        t0 = time.perf_counter()
        try:
            analysis = analyze_document(data, name, max_bytes=50 * 1024 * 1024)
        except Exception as exc:  # report, keep going: the point is robustness
            failures += 1
            print(f"  CUAD {name}: {type(exc).__name__}: {exc}")
            continue
        elapsed += time.perf_counter() - t0
        n_docs += 1
        n_clauses += len(analysis.clauses)
        sizes.append(len(analysis.clauses))
        text = analysis.text
        gold: dict[int, set[str]] = defaultdict(set)
        for cat, ours in CUAD_MAP.items():
            col = columns.get(cat.lower())
            if not col:
                continue
            for span in _cuad_spans(row[col]):
                found = _find_span(text, span)
                if not found:
                    continue
                for c in analysis.clauses:
                    if c.start < found[1] and found[0] < c.end:
                        gold[c.index].add(ours)
        mapped = set(CUAD_MAP.values())
        for c in analysis.clauses:
            pred = {h.type for h in c.types} & mapped
            g = gold.get(c.index, set())
            for t in mapped:
                if t in pred and t in g:
                    counts[t][0] += 1
                elif t in pred:
                    counts[t][1] += 1
                elif t in g:
                    counts[t][2] += 1
    print(f"\n== CUAD dev (real commercial contracts): {n_docs} documents, {n_clauses} clauses, "
          f"{failures} failures, {elapsed:.1f}s total ({elapsed / max(1, n_docs) * 1000:.0f} ms/doc)")
    sizes.sort()
    if sizes:
        print(f"Clauses per document: median {sizes[len(sizes) // 2]}, min {sizes[0]}, max {sizes[-1]}; "
              f"{sum(1 for n in sizes if n <= 2)} documents with <= 2 clauses (structure not found)")
    print("Clause-level typing, a clause is gold-positive when a CUAD span of the mapped category overlaps it.")
    print("CUAD labels only some clauses of each kind (e.g. termination FOR CONVENIENCE only), so precision")
    print("here is a lower bound.")
    print(f"{'type':24s} {'gold':>5s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for t in sorted(set(CUAD_MAP.values())):
        tp, fp, fn = counts[t]
        p, r, f = prf(tp, fp, fn)
        print(f"{t:24s} {tp + fn:5d} {p:6.3f} {r:6.3f} {f:6.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    ap.add_argument("--cuad", action="store_true", help="also evaluate on the CUAD dev contracts")
    ap.add_argument("--cuad-limit", type=int, default=None)
    ap.add_argument("--show", action="store_true", help="print every boundary and type error")
    args = ap.parse_args()
    evaluate_own(args.split, args.show)
    if args.cuad:
        evaluate_cuad(args.cuad_limit)


if __name__ == "__main__":
    main()
