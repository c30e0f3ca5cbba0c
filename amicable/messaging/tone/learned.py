"""A learned second opinion for the categories whose wordings vary most.

The rules name wordings; people find endless others ("Such a pleasure chasing the same invoice for the
fourth time"). For a few categories (``CATEGORIES``) a logistic regression over the words and word
pairs of a sentence, fitted on the project's own labelled sentences (the ``dev`` split of
``tests/data/tone/sentences.jsonl``; never the held-out ``test`` split), reads each sentence the rules
left alone for that category. Above ``THRESHOLD`` it reports the sentence, naming the words that
weighed most, with advice rather than a replacement (a whole sentence has no mechanical rewrite).

Nothing is fitted at run time: the weights ship in ``learned.json``, written by
``bench/tone_train.py`` with the deterministic ``fit`` below (a test checks that the file is what the
data gives). Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import json
import math
import random
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from pathlib import Path

from .model import WEIGHTS, Finding, wordset
from .text import Prepared, lower_keeping_length, prepare

WEIGHTS_PATH = Path(__file__).with_name("learned.json")

# The categories with the most open-ended wordings, where a held-out round showed the rules' recall
# short and the model's additions mostly right (bench/RESULTS.md, "learned second opinion").
CATEGORIES = ("accusation", "blame", "sarcasm", "threat")
THRESHOLD = 0.9
MIN_COUNT = 2  # a feature must occur in this many training sentences
EPOCHS = 15
L2 = 1e-4
RATE = 0.5
PRUNE = 0.02  # weights smaller than this are dropped from the shipped file
MIN_WORDS = 3  # shorter sentences ("Thanks!", a line of code, a signature) are left to the rules
SEED = 1

# What the finding says, and the advice shown instead of a replacement.
DESCRIBE = {
    "accusation": "This sentence reads as pointing the finger at the reader",
    "absolute": "This sentence reads as an all-or-nothing claim",
    "blame": "This sentence reads as a verdict on the reader or their work",
    "sarcasm": "This sentence reads as sarcastic",
    "threat": "This sentence reads as a threat or an ultimatum",
    "demand": "This sentence reads as an order rather than a request",
    "dismissive": "This sentence reads as brushing the reader's view aside",
    "passive_aggressive": "This sentence reads as a pointed dig",
}
ADVICE = {
    "accusation": "Describe what happened and what it means for the work, without making 'you' the culprit.",
    "absolute": "Name the specific occasions (dates, which deliveries) instead of a total.",
    "blame": "State the fact and its impact instead of a verdict.",
    "sarcasm": "Say plainly what happened and what you need next.",
    "threat": "State the next step calmly, and only when the escalation ladder calls for it.",
    "demand": "Ask, with a reason and a date: 'Could you send the files by Friday, so I can start on Monday?'",
    "dismissive": "Acknowledge their point before giving yours.",
    "passive_aggressive": "Say directly what you need, once.",
}

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|\d[\d,.:/]*|[!?]")
_HAS_DIGIT = re.compile(r"\d")
# Chat spellings read as the standard word, so "u didnt" weighs what "you didn't" does.
_NORMAL = {
    "u": "you", "ur": "your", "youre": "you're", "im": "i'm", "ive": "i've", "id": "i'd", "ill": "i'll",
    "dont": "don't", "didnt": "didn't", "doesnt": "doesn't", "cant": "can't", "wont": "won't",
    "isnt": "isn't", "wasnt": "wasn't", "havent": "haven't", "hasnt": "hasn't", "arent": "aren't",
    "werent": "weren't", "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't",
    "thats": "that's", "whats": "what's", "theres": "there's", "pls": "please", "plz": "please",
    "thx": "thanks", "tho": "though",
}
_NORMAL_KEYS = frozenset(_NORMAL)
CHAT_WORDS = _NORMAL_KEYS  # a draft holding one of these words (as the engine splits words) may need _NORMAL
_CHAT = re.compile(r"\b(?:" + "|".join(sorted(_NORMAL, key=len, reverse=True)) + r")\b")
# A sentence starts at a character that is neither space nor end punctuation and runs to a run of . ! ?
# or to the end of its line.
_SENTENCE = re.compile(r"[^\s.!?][^.!?\n]*(?:[.!?]+|(?=\n)|$)")
_SENTENCE_SPLIT = re.compile(f"({_SENTENCE.pattern})")
QUOTE_TOKEN = "qqq"  # stands for a quoted passage: someone else's words are not read
# Praise, delight and deference; complaint cues. Together in one sentence they are what irony is made
# of, whatever the exact words: the model learns what the pair weighs (features ``+praise``,
# ``+complaint``, ``+praise+complaint``).
PRAISE = wordset(
    """
    great lovely love loved loving brilliant perfect perfectly amazing wonderful fantastic super
    helpful impressive impressed honour honoured honor honored spoil spoils spoiling thrilled
    delighted glad pleasure congrats congratulations masterclass genius stellar marvellous marvelous
    nice excellent bravo kudos appreciate appreciated generous kind thoughtful truly shocking
    mystery surprise surprised surprising exciting fun joy treat favourite favorite incredible
    remarkable classic priority esteemed gracious flattered bless blessed adore adorable charming
    delightful splendid terrific awesome course problem
    """
)
COMPLAINT = wordset(
    """
    again another yet down broken broke crash crashed crashes crashing late later missed miss
    missing nothing still not never lost delay delayed delays overdue unpaid bounced wrong error
    errors fail failed fails failing failure gone deleted ignore ignored ignoring ghosted ghosting
    only weeks months days third fourth fifth chasing chase chased silence excuse excuses nobody
    corrupt corrupted cancelled canceled cancellation twice deadline weekend midnight free
    unanswered waiting waited forgot forgotten hours overnight didn't don't doesn't haven't hasn't
    wasn't weren't isn't aren't won't can't couldn't wouldn't
    """
)
FLAGS = ("+praise", "+complaint", "+praise+complaint")


def words_of(low: str, start: int = 0, end: int | None = None) -> list[str]:
    """The words of ``low[start:end]`` (already lower-cased), numbers as ``0``, chat spellings as the
    standard word, ``!`` and ``?`` as words of their own."""
    end = len(low) if end is None else end
    words = _TOKEN.findall(low, start, end)
    return _normalised(words, _HAS_DIGIT.search(low, start, end) is not None, not _NORMAL_KEYS.isdisjoint(words))


def _normalised(words: list[str], digits: bool, chat: bool) -> list[str]:
    """``words`` with numbers as ``0`` (when ``digits``) and chat spellings as the standard word (when
    ``chat``): one pass, and none when neither can occur."""
    if digits:
        normal = _NORMAL if chat else {}
        return ["0" if w[0].isdecimal() else normal.get(w, w) for w in words]
    return [_NORMAL.get(w, w) for w in words] if chat else words


def flags(words: list[str]) -> list[str]:
    """Whether the words hold praise, a complaint, or both (``FLAGS``)."""
    praise = not PRAISE.isdisjoint(words)
    if COMPLAINT.isdisjoint(words):
        return ["+praise"] if praise else []
    return ["+complaint", "+praise", "+praise+complaint"] if praise else ["+complaint"]


def features(words: list[str]) -> list[str]:
    """The features of one sentence (or one labelled item): its words with ``<s>`` and ``</s>`` at the
    ends, every adjacent pair of them, and ``flags``. A list: a repeated word counts twice."""
    seq = ["<s>", *words, "</s>"]
    return seq + list(map(" ".join, zip(seq, seq[1:], strict=False))) + flags(words)


def masked(low: str, quoted: Iterable[tuple[int, int]]) -> str:
    """``low`` with every quoted region blanked out to ``QUOTE_TOKEN`` and spaces, so that positions
    still match."""
    parts: list[str] = []
    pos = 0
    for a, b in sorted(quoted):
        if a < pos or a >= b:
            continue
        parts.append(low[pos:a])
        parts.append((f" {QUOTE_TOKEN} " + " " * (b - a))[: b - a] if b - a >= 5 else " " * (b - a))
        pos = b
    parts.append(low[pos:])
    return "".join(parts)


def masked_lower(text: str, quoted: Iterable[tuple[int, int]]) -> str:
    """``text`` lower-cased as the engine does (length kept) and ``masked``."""
    return masked(lower_keeping_length(text), quoted)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``, without the white space around them.

    ``split`` on the sentence pattern (captured) alternates gaps and sentences; the running sum of
    the pieces' lengths gives every span, in C. Only a sentence that ran to the end of its line can
    end in white space, which is then trimmed."""
    parts = _SENTENCE_SPLIT.split(text)
    ends = list(accumulate(map(len, parts)))
    return [(a, b) if not p[-1].isspace() else (a, a + len(p.rstrip()))
            for a, b, p in zip(ends[::2], ends[1::2], parts[1::2], strict=False)]


_FIELD = 64  # bits per category in a packed weight
_SCALE = 10_000  # weights are stored to 4 decimals: as integers they add up exactly
_OFFSET = 1 << 20  # added to each scaled weight so that every field stays non-negative
_MASK = (1 << _FIELD) - 1
_HIGH = 1 << (_FIELD - 2)  # the bit a field reaches exactly when its category's logit reaches the cut


@dataclass(frozen=True, slots=True)
class Model:
    """The fitted weights, packed for speed.

    Each feature's weights for all categories are one integer: a field of ``_FIELD`` bits per
    category holding the weight scaled to an integer plus ``_OFFSET``. A sentence's sum over its
    features then holds every category's score at once, exactly. Adding a constant per category
    (``_reach``) that lifts a field to ``_HIGH`` exactly when that logit reaches the cut turns "does
    any category fire?" into one ``&``: most sentences stop there.
    """

    categories: tuple[str, ...]
    bias: tuple[float, ...]
    packed: dict[str, int]
    pairs: dict[tuple[str, str], int]  # the word pairs of ``packed``, keyed by the two words
    words: dict[str, int]  # the single words of ``packed``, plus the praise and complaint counts above them
    weights: tuple[dict[str, float], ...]  # per category: feature -> weight, for explanations
    threshold: float
    category_set: frozenset[str]
    _reach: int  # sum over categories of (_HIGH - needed scaled score) in each field
    _per_feature: int  # sum over categories of _OFFSET in each field
    _high: int  # _HIGH in each field
    _cue_shift: int  # where the praise count starts (the complaint count is one field above)

    @classmethod
    def from_json(cls, data: dict) -> Model:
        cats = tuple(data["categories"])
        bias = tuple(float(b) for b in data["bias"])
        threshold = float(data["threshold"])
        packed = {}
        for f, ws in data["weights"].items():
            scaled = [round(w * _SCALE) for w in ws]
            if max(map(abs, scaled)) >= _OFFSET:
                raise ValueError(f"weight of {f!r} too large to pack")
            packed[f] = sum((x + _OFFSET) << (_FIELD * i) for i, x in enumerate(scaled))
        per = tuple({f: ws[i] for f, ws in data["weights"].items() if ws[i]} for i in range(len(cats)))
        cut = math.log(threshold / (1.0 - threshold))
        reach = sum((_HIGH - math.ceil((cut - b) * _SCALE - 1e-9)) << (_FIELD * i) for i, b in enumerate(bias))
        per_feature = sum(_OFFSET << (_FIELD * i) for i in range(len(cats)))
        high = sum(_HIGH << (_FIELD * i) for i in range(len(cats)))
        pairs = {tuple(f.split(" ")): v for f, v in packed.items() if f.count(" ") == 1}
        shift = _FIELD * len(cats)
        words = {f: v for f, v in packed.items() if " " not in f}
        for w in PRAISE | COMPLAINT:
            words[w] = (words.get(w, per_feature) + ((w in PRAISE) << shift)
                        + ((w in COMPLAINT) << (shift + _FIELD)))
        return cls(cats, bias, packed, pairs, words, per, threshold, frozenset(cats), reach, per_feature, high,
                   shift)

    def read(self, low: str, spans: Sequence[tuple[int, int]], chat: bool | None = None
             ) -> Iterator[tuple[int, list[str], list[str]]]:
        """For each sentence ``low[s:e]`` of ``spans`` where a category reaches the threshold: its index,
        those categories, and its words.

        The whole message is looked up at once and summed cumulatively (``accumulate``), so that each
        sentence's score is a difference of two running totals. A word's packed value also counts, in
        two fields above the categories', whether it is a praise or a complaint word, so the flags come
        out of the same sums. Python-level work per sentence is a handful of integer operations.

        ``chat``: whether the text may hold a chat spelling (``CHAT_WORDS``); the engine knows from its
        own word list, otherwise the text is searched."""
        findall = _TOKEN.findall
        seq: list[str] = []
        bounds = []
        for s, e in spans:
            a = len(seq)
            seq.append("<s>")
            seq.extend(findall(low, s, e))
            seq.append("</s>")
            bounds.append((a, len(seq)))
        # Numbers read as "0" and chat spellings as the standard word, as ``words_of`` does.
        if chat is None:
            chat = _CHAT.search(low) is not None
        seq = _normalised(seq, _HAS_DIGIT.search(low) is not None, chat)
        zero = self._per_feature
        uni = list(accumulate(map(self.words.get, seq, repeat(zero)), initial=0))
        pairs = list(accumulate(map(self.pairs.get, zip(seq, seq[1:], strict=False), repeat(zero)), initial=0))
        flag_p, flag_c, flag_pc = (self.packed.get(f, zero) for f in FLAGS)
        reach, high, per_feature, cue_shift = self._reach, self._high, self._per_feature, self._cue_shift
        for k, (a, b) in enumerate(bounds):
            if b - a < MIN_WORDS + 2:
                continue
            words_total = uni[b] - uni[a]
            total = words_total + pairs[b - 1] - pairs[a] + reach
            n = 2 * (b - a) - 1
            cues = words_total >> cue_shift
            if cues:
                if cues & _MASK:
                    total += flag_p
                    n += 1
                    if cues >> _FIELD:
                        total += flag_c + flag_pc
                        n += 2
                else:
                    total += flag_c
                    n += 1
            lifted = total - n * per_feature
            if lifted & high:
                cats = [c for i, c in enumerate(self.categories) if (lifted >> (_FIELD * i)) & _HIGH]
                yield k, cats, seq[a + 1 : b - 1]

    def logits(self, feats: Iterable[str]) -> list[float]:
        """The log-odds of each of ``categories`` for these features (a list: repeats count)."""
        get = self.packed.get
        feats = list(feats)
        total = sum(map(get, feats, repeat(self._per_feature)))
        out = []
        for b in self.bias:
            out.append(b + ((total & _MASK) - len(feats) * _OFFSET) / _SCALE)
            total >>= _FIELD
        return out

    def probabilities(self, feats: Iterable[str]) -> list[float]:
        """The probability of each of ``categories`` for these features."""
        return [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) for z in self.logits(feats)]

    def strongest(self, words: list[str], category: str, n: int = 3) -> list[str]:
        """The words or word pairs of a sentence that weigh most towards ``category`` (largest first)."""
        w = self.weights[self.categories.index(category)]
        scored = sorted(((w[f], f) for f in set(features(words)) if f in w and f[0] not in "<+0!?"
                         and "<" not in f and QUOTE_TOKEN not in f), reverse=True)
        return [f for x, f in scored[:n] if x > 0]


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model (read once)."""
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    return Model.from_json(data)


# ---------------------------------------------------------------------------------------------
# Fitting (bench/tone_train.py): plain logistic regression, Adagrad, fixed seed, so the same data
# always gives the same file.
# ---------------------------------------------------------------------------------------------
def training_features(text: str) -> list[str]:
    """Features of a labelled item as the coach reads a sentence (quoted passages masked)."""
    prep = prepare(text)
    return features(words_of(masked_lower(prep.text, prep.quoted)))


def fit(items: Sequence[dict], categories: Sequence[str] = CATEGORIES) -> dict:
    """Fit one logistic regression per category on ``items`` ({"text", "expect"}); return the JSON
    document that ``model()`` reads."""
    feats = [Counter(training_features(i["text"])) for i in items]
    seen: Counter[str] = Counter()
    for f in feats:
        seen.update(f.keys())
    vocab = sorted(f for f, c in seen.items() if c >= MIN_COUNT)
    index = {f: j for j, f in enumerate(vocab)}
    rows = [sorted((index[f], float(c)) for f, c in fs.items() if f in index) for fs in feats]
    weights: dict[str, list[float]] = {f: [] for f in vocab}
    bias = []
    for c in categories:
        ys = [1.0 if c in i["expect"] else 0.0 for i in items]
        w = fit_logistic(rows, ys, len(vocab))
        bias.append(round(w[-1], 4))
        for f, j in index.items():
            weights[f].append(w[j])
    kept = {f: [round(x, 4) if abs(x) >= PRUNE else 0 for x in ws] for f, ws in weights.items()
            if max(abs(x) for x in ws) >= PRUNE}
    return {"categories": list(categories), "threshold": THRESHOLD, "bias": bias, "weights": kept,
            "trained_on": len(items), "features": len(kept)}


def fit_logistic(rows: Sequence[Sequence[tuple[int, float]]], ys: Sequence[float], n: int, *, epochs: int = EPOCHS,
                 l2: float = L2, rate: float = RATE, seed: int = SEED) -> list[float]:
    """Logistic regression by Adagrad SGD, L2-regularised, over sparse rows of (feature index, value);
    ``n`` features. Returns the weights, the bias last. Deterministic for a given ``seed``."""
    w = [0.0] * (n + 1)
    g2 = [1e-8] * (n + 1)
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for k in order:
            x = rows[k]
            z = w[n] + sum(w[j] * v for j, v in x)
            g = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - ys[k]
            for j, v in (*x, (n, 1.0)):
                gj = g * v + l2 * w[j]
                g2[j] += gj * gj
                w[j] -= rate * gj / math.sqrt(g2[j])
    return w


# ---------------------------------------------------------------------------------------------
# Reading a draft (engine.check calls this after the rules)
# ---------------------------------------------------------------------------------------------
def second_opinion(prep: Prepared, low: str, raw: list[Finding], *, allow_legal: bool = False,
                   chat: bool | None = None) -> list[Finding]:
    """Findings of the learned second opinion: sentences the rules left alone for a category.

    A sentence is read only for the categories of which no rule found anything in it, kept or
    dropped: a phrase a rule found and then set aside as negated, quoted or conditional is not
    brought back. Quoted passages are masked; quoted email blocks are not read at all.
    """
    t = prep.text
    mdl = model()
    out: list[Finding] = []
    bounds = sentences(low)
    starts = [s for s, _ in bounds]
    taken: list[set[str]] = [set() for _ in bounds]
    for f in raw:
        if f.category in mdl.category_set:
            k = max(0, bisect_right(starts, f.start) - 1)
            while k < len(bounds) and bounds[k][0] < f.end:
                taken[k].add(f.category)
                k += 1
    # Sentences too short to hold three words are not read; nor is a sentence inside a quoted email
    # block, nor one that is mostly someone else's words ("Your message says I'm unprofessional"):
    # what remains of it is the frame of a quotation.
    keep = [k for k, (s, e) in enumerate(bounds) if e - s >= _MIN_CHARS]
    if prep.blocks:
        keep = [k for k in keep if not prep.is_quoted(*bounds[k], blocks_only=True)]
    if prep.quoted:
        quoted = sorted(prep.quoted)
        firsts = [a for a, _ in quoted]
        reach = list(accumulate((b for _, b in quoted), max))  # the furthest end among the first k+1
        keep = [k for k in keep if not _overlaps(firsts, reach, *bounds[k])
                or not _mostly_quoted(t, quoted, *bounds[k])]
    read = masked(low, prep.quoted) if prep.quoted else low
    chosen = [bounds[k] for k in keep]
    for j, cats, words in mdl.read(read, chosen, chat):
        k = keep[j]
        s, e = bounds[k]
        for c in cats:
            if c in taken[k] or (allow_legal and c == "threat"):
                continue
            strongest = ", ".join(f"'{w}'" for w in mdl.strongest(words, c))
            message = DESCRIBE[c] + (f" (the words that weigh most: {strongest})." if strongest else ".")
            out.append(Finding(s, e, c, t[s:e], message, ADVICE[c], f"learned.{c}", WEIGHTS[c],
                               replaceable=False))
    return out


_MIN_CHARS = 2 * MIN_WORDS - 1  # "a b c": three words need at least five characters


def _overlaps(firsts: list[int], reach: list[int], s: int, e: int) -> bool:
    """Whether any quoted region overlaps ``[s, e)``: ``firsts`` are the regions' starts (sorted) and
    ``reach[k]`` the furthest end among the first ``k + 1`` of them."""
    k = bisect_right(firsts, e - 1)
    return k > 0 and reach[k - 1] > s


def _mostly_quoted(text: str, quoted: Iterable[tuple[int, int]], s: int, e: int) -> bool:
    """Whether ``text[s:e]`` is mostly a quotation: over half of it quoted, or a quotation with at most
    five words of the writer's own around it (the frame: "Your message says ...")."""
    regions = [(max(a, s), min(b, e)) for a, b in quoted if a < e and s < b]
    if not regions:
        return False
    inside = sum(b - a for a, b in regions)
    if inside * 2 > e - s:
        return True
    own = len(masked(text[s:e], [(a - s, b - s) for a, b in regions]).split()) - len(regions)
    return own <= 5
