"""The anchored rule dispatch finds exactly what scanning every rule over the whole text finds."""

from __future__ import annotations

from pathlib import Path

from amicable.messaging.tone import engine
from amicable.messaging.tone.anchors import DIGIT, first_pairs, first_words
from amicable.messaging.tone.evaluate import load
from amicable.messaging.tone.rules import RULES
from amicable.messaging.tone.text import lower_keeping_length

DATA = Path(__file__).resolve().parents[1] / "data" / "tone" / "sentences.jsonl"


def test_it_reads_first_and_second_words_of_a_pattern():
    assert first_words(r"\byou(?:'re| are)? (?:never|not) pay") == {"you"}
    assert first_pairs(r"\byou(?:'re| are)? (?:never|not) pay") == {
        ("you", "re"), ("you", "are"), ("you", "never"), ("you", "not")
    }
    # a word that starts with a digit is keyed DIGIT; the word after it is read when the number
    # plainly ends ("3 days", "2nd time", "100% my"), and is any when it may run on ("1,200usd")
    assert first_pairs(r"\b\d+ days") == {(DIGIT, "days")}
    assert first_pairs(r"\b\d+(?:st|nd|rd|th) time") == {(DIGIT, "time")}
    assert first_pairs(r"\b100% my fault") == {(DIGIT, "my")}
    assert first_pairs(r"\b10/10\b") == {(DIGIT, DIGIT)}
    assert first_pairs(r"\b\d+\s?usd") == {(DIGIT, None)}
    assert first_pairs(r"\b\d[\d,.]* usd") == {(DIGIT, None)}
    assert first_pairs(r"\bon \d+ days") == {("on", DIGIT)}
    assert first_words(r"[$€]\d+") is None  # starts with a symbol: scanned instead
    assert first_words(r"\w+ly") is None


def test_it_matches_the_anchored_rules_where_a_full_scan_would():
    texts = [item["text"] for item in load(DATA)]
    texts.append(" ".join(texts))
    # numbers in every shape next to the words the digit-anchored rules look for
    texts += [f"{n}{sep}{w} again" for n in ("3", "1,200", "2nd", "100", "10", "1", "4th", "2026-12-07", "v2")
              for sep in (" ", "", "% ", "-", "/", ".") for w in ("times now", "time i", "my fault", "star",
                                                                  "10 would", "usd", "days", "only")]
    anchored = [i for i, r in enumerate(RULES) if first_pairs(r.regex.pattern) is not None]
    assert len(anchored) >= len(RULES) - 3
    for text in texts:
        low = lower_keeping_length(text)
        toks = list(engine._WORD.finditer(low))
        got = {(i, m.start(), m.end()) for i, m in engine._anchored_matches(low, toks)}
        for i in anchored:
            for m in RULES[i].regex.finditer(low):
                assert (i, m.start(), m.end()) in got, (RULES[i].id, text, m.group(0))
