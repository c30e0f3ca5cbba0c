"""Build tests/data/contracts/labels.jsonl from the hand-written gold_anchors.txt.

Run: uv run python bench/contracts_labels.py
Each anchor is looked up (at the start of a line, in order) in the extracted text of its document, so
the offsets are those of amicable.contracts.extract: a segment runs from its anchor to the next one,
trailing whitespace trimmed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from amicable.contracts.extract import extract  # noqa: E402

DATA = ROOT / "tests" / "data" / "contracts"


def parse_anchors(path: Path) -> list[dict]:
    docs: list[dict] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("== "):
            name, split = line[3:].split()
            docs.append({"doc": name, "split": split, "anchors": []})
            continue
        kind, anchor, types = (part.strip() for part in line.split("|"))
        docs[-1]["anchors"].append((kind, anchor, types.split()))
    return docs


def build(doc: dict) -> dict:
    path = DATA / "docs" / doc["doc"]
    text = extract(path.read_bytes(), path.name).text
    starts = []
    pos = 0
    for _kind, anchor, _types in doc["anchors"]:
        m = re.compile(r"(?m)^[ \t]*(" + re.escape(anchor) + ")").search(text, pos)
        if m is None:
            raise SystemExit(f"{doc['doc']}: anchor not found after {pos}: {anchor!r}")
        starts.append(m.start(1))
        pos = m.end(1)
    clauses = []
    for i, (kind, anchor, types) in enumerate(doc["anchors"]):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        end = starts[i] + len(text[starts[i]:end].rstrip())
        clauses.append({"start": starts[i], "end": end, "kind": kind, "types": types, "anchor": anchor})
    return {"doc": doc["doc"], "split": doc["split"], "clauses": clauses}


def main() -> None:
    docs = parse_anchors(DATA / "gold_anchors.txt")
    out = DATA / "labels.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for doc in docs:
            f.write(json.dumps(build(doc), ensure_ascii=False) + "\n")
    n = sum(len(d["anchors"]) for d in docs)
    print(f"wrote {out.relative_to(ROOT)}: {len(docs)} documents, {n} segments")


if __name__ == "__main__":
    main()
