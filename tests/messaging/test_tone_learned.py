"""The learned second opinion (tone/learned.py): packing, reproducible weights, and how check() uses it."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from amicable.messaging.tone import apply_suggestions, check, learned
from amicable.messaging.tone.text import prepare

from .stubs import toy_model

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "tone" / "sentences.jsonl"


@pytest.fixture
def zorble(monkeypatch):
    """'zorble' reads as sarcasm, 'blorf' as an accusation, 'grint' as a threat (and nothing else does)."""
    cats = learned.model().categories
    row = {c: [6.0 if c == k else 0.0 for k in cats] for c in cats}
    mdl = toy_model({"zorble": row["sarcasm"], "blorf": row["accusation"], "grint": row["threat"]})
    monkeypatch.setattr(learned, "model", lambda: mdl)
    return mdl


def learned_findings(text: str, **kw):
    return [f for f in check(text, **kw).findings if f.rule.startswith("learned.")]


def test_it_reports_a_sentence_with_advice_instead_of_a_replacement(zorble):
    text = "The files arrived. The zorble arrived on time."
    (f,) = learned_findings(text)
    assert (f.category, f.rule, f.replaceable) == ("sarcasm", "learned.sarcasm", False)
    assert text[f.start : f.end] == "The zorble arrived on time." == f.text
    assert "'zorble'" in f.message and f.suggestion == learned.ADVICE["sarcasm"]
    assert f.to_dict()["replaceable"] is False
    # accepting the calmer wording leaves a whole sentence for the writer to reword
    assert apply_suggestions(text, check(text).findings) == text


def test_it_does_not_read_quoted_words_or_quoted_email(zorble):
    assert not learned_findings('You wrote "the zorble arrived" on Monday; could we talk?')
    # a sentence that is mostly a quotation is left to the rules, even if its frame weighs
    assert not learned_findings('Zorble says "the files never arrived and the invoice is wrong".')
    assert learned_findings('The zorble says the files arrived.')
    assert not learned_findings("Thanks, noted.\n\nOn Mon, 3 Mar 2025, Sam wrote:\n> The zorble arrived.\n")


def test_it_leaves_a_category_to_the_rules_when_they_found_it_kept_or_dropped(zorble):
    # a rule already found sarcasm in the sentence: no second finding of it
    text = "Oh great, the zorble is broken again."
    assert [f.rule for f in check(text).findings if f.category == "sarcasm" and f.rule.startswith("learned.")] == []
    # a rule found an accusation and set it aside as negated: the model does not bring it back
    report = check("I'm not saying you ignored the blorf brief.")
    assert any(f.category == "accusation" for f, _ in report.suppressed)
    assert not [f for f in report.findings if f.category == "accusation"]
    # without the negation the same sentence is flagged (by the rule)
    assert "accusation" in check("You ignored the blorf brief.").categories()


def test_it_skips_threats_when_the_ladder_allows_legal_steps(zorble):
    assert [f.category for f in learned_findings("The grint goes out on Friday.")] == ["threat"]
    assert learned_findings("The grint goes out on Friday.", allow_legal=True) == []


def test_it_does_not_read_a_non_english_draft(zorble):
    assert learned_findings("Der zorble ist angekommen, vielen Dank für die schnelle Lieferung der Dateien.") == []


def test_the_packed_sum_fires_exactly_when_the_probability_reaches_the_threshold():
    mdl = learned.model()
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()[:600]]
    fired = 0
    for r in rows:
        prep = prepare(r["text"])
        low = learned.masked_lower(prep.text, prep.quoted)
        got = [cats for _, cats, _ in mdl.read(low, [(0, len(low))])]
        words = learned.words_of(low)
        feats = learned.features(words)
        want = [c for c, p in zip(mdl.categories, mdl.probabilities(feats), strict=True) if p >= mdl.threshold]
        if len(words) < learned.MIN_WORDS:
            want = []  # too short to be read at all
        assert (got[0] if got else []) == want, r["text"]
        fired += len(want)
    assert fired > 20  # the check above is not vacuous


def test_logits_add_up_the_weights_of_the_features():
    rest = [0.0] * (len(learned.model().categories) - 3)
    mdl = toy_model({"alpha": [1.5, -2.0, 0.25, *rest], "alpha beta": [0.5, 0.0, -0.75, *rest]}, bias=-1.0)
    z = mdl.logits(["alpha", "alpha beta", "unknown", "alpha"])
    assert z[:3] == pytest.approx([-1.0 + 3.0 + 0.5, -1.0 - 4.0, -1.0 + 0.5 - 0.75])
    assert z[3:] == pytest.approx([-1.0] * len(rest))
    p = mdl.probabilities(["alpha"])
    assert p[0] == pytest.approx(1 / (1 + math.exp(-(0.5))))


def test_a_weight_too_large_to_pack_is_refused():
    with pytest.raises(ValueError, match="too large"):
        toy_model({"huge": [200.0] + [0.0] * (len(learned.model().categories) - 1)})


def test_features_read_chat_spellings_numbers_and_punctuation_as_words():
    words = learned.words_of("u didnt send the 3 files?! thx")
    assert words == ["you", "didn't", "send", "the", "0", "files", "?", "!", "thanks"]
    feats = learned.features(words)
    assert {"<s>", "</s>", "<s> you", "you didn't", "files ?", "+complaint"} <= set(feats)
    assert "+praise" in learned.features(learned.words_of("lovely, late again"))
    assert "+praise+complaint" in learned.features(learned.words_of("lovely, late again"))


def test_masking_keeps_positions_and_hides_quoted_words():
    text = 'He said "You are LATE again" today.'
    prep = prepare(text)
    low = learned.masked_lower(prep.text, prep.quoted)
    assert len(low) == len(text) and "late" not in low and learned.QUOTE_TOKEN in low


def test_the_shipped_weights_are_what_the_dev_split_gives():
    """bench/tone_train.py --check refits on the dev split (never the held-out test split) and compares."""
    doc = json.loads(learned.WEIGHTS_PATH.read_text(encoding="utf-8"))
    dev = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if '"split": "dev"' in line]
    assert doc["trained_on"] == len(dev) and tuple(doc["categories"]) == learned.CATEGORIES
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "tone_train.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
