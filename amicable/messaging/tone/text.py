"""Preparing a draft for the rules: HTML stripping with an offset map, quoted regions, scare quotes.

What happens to HTML (documented in docs/messaging.md):
- A draft is treated as HTML only when it contains a known HTML tag (``<p>``, ``<br>``, ``<div>``...).
  Plain text with a stray ``<`` is left alone.
- Comments, ``<script>`` and ``<style>`` blocks are dropped with their content; inline tags (``<b>``,
  ``<span>``...) are dropped; block tags (``<p>``, ``<br>``, ``<div>``, ``<li>``...) become a line
  break so sentences stay apart; entities are decoded (``&amp;`` is ``&``).
- ``<blockquote>`` content counts as quoted text (not the user's own words).
- The rules run on the stripped text; every finding is mapped back so that ``start``/``end`` index the
  text exactly as given. A span may then include tags inside the phrase (``you <b>never</b>``).

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .model import wordset

_HTML_HINT = re.compile(
    r"</?(?:p|br|div|span|b|i|u|strong|em|a|ul|ol|li|blockquote|html|body|head|table|tr|td|th|"
    r"h[1-6]|font|img|hr|pre|code|section|article|meta|style|script)\b[^>]{0,2000}>",
    re.I,
)
_HTML_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style)\b.*?(?:</\1\s*>|\Z)"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]{0,2000}>"
    r"|<![^>]{0,2000}>"
    r"|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});",
    re.I | re.S,
)
_BLOCK_TAGS = wordset(
    "p br div li ul ol tr td th table h1 h2 h3 h4 h5 h6 hr pre blockquote section article "
    "header footer body html"
)
# Apostrophes and single quotes normalised 1:1 so that rules only need "'".
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201b": "'", "\xa0": " "})
_APOS_PAIRS = tuple((chr(k), v) for k, v in _APOS.items())

_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.M)
_REPLY_HEADER = re.compile(
    r"^[ \t]*(?:on\b[^\n]{0,300}(?:\n[^\n]{0,300})?\bwrote:"
    r"|-{2,}\s*(?:original|forwarded) message\s*-{2,}"
    r"|from:[^\n]{0,300}\n[ \t]*(?:sent|date):)",
    re.I | re.M,
)
_DOUBLE_QUOTED = re.compile(
    r'"([^"\n]{1,600})"|\u201c([^\u201d]{1,600})\u201d|\u00ab([^\u00bb]{1,600})\u00bb'
    r"|\u201e([^\u201c\u201d]{1,600})[\u201c\u201d]"
)
# Single quotes double as apostrophes: a quote opens after a non-letter and may contain "don't".
_SINGLE_QUOTED = re.compile(r"'((?:[^'\n]|(?<=\w)'(?=\w)){1,300})'(?!\w)")
# Words without which _REPORTED cannot match (said, says, wrote...), tested as substrings of the
# lower-cased text: one C-level find each beats a regex tried at every position.
_REPORTED_CUES = ("said", "say", "wrote", "write", "claim", "stated", "told", "informed", "mentioned", "complained",
                  "insist", "argue")
# Matched on the lower-cased text (length kept), which is faster than a case-insensitive scan.
_REPORTED = re.compile(
    r"\b(?:you|they|he|she|the client|your (?:email|message|letter|reply))"
    r"(?: have| had| just)? (?:said|say|says|wrote|write|claimed|claim|claims|stated|told me|"
    r"mentioned|complained|insisted|insist|argued|argue)(?: that)?[ ,:]+"
    # what the reader told a third party: "then told your printer the error was mine"
    r"|\b(?:you|they|he|she|and then|then)(?: then| also| later)? (?:told|informed) (?:your|their|his|her|everyone|"
    r"people|others) (?:\w+ )?(?:that )?"
)
# What ends a reported clause: "Your message says the files were sent, yet you never attached them".
_CLAUSE_END = re.compile(
    r"[.!?;\n]| and | but |, so |,? yet |, though |, although |, whereas | whereas | [-\u2013\u2014] |\u2014"
    # "You mentioned the launch is on 9 September, is that still the plan?": the question is the writer's
    r"|, (?=(?:is|are|was|were|could|can|would|will|which|what|how|when|where|who|do|does|did) )|,? then "
)
# A short quoted word preceded by one of these is a scare quote whatever the word...
_SCARE_STRONG = re.compile(
    r"(?:\byour|\bso-called|\bso called|\bhis|\bher|\btheir|\bsuch an?|\bsuch)\s+$", re.I
)
# ...and after these only when the word is one people put in scare quotes.
_SCARE_WEAK = re.compile(
    r"(?:\bthe|\bthis|\bthat|\bthese|\bthose|\ba|\ban|\banother|\bmore|\bmy|\bour|\beach|\bevery|\bin|\bwith|"
    r"\bsome|\bany|\ball)\s+$", re.I
)
# "you 'never got' the invoice", "you 'forgot'": the reader's own action in scare quotes
_SCARE_YOU = re.compile(r"\byou\s+$", re.I)
# A short phrase quoted as the predicate of the writer's own sentence ("the payment is 'in the post'",
# "the site was 'nearly done'") distances the writer from it: a scare quote, not a quotation. Reported
# speech ("you said it was '...'") is left to the quoting rules.
_SCARE_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|been|being|isn't|aren't|wasn't|weren't)(?: not| hardly| really| just)?\s+$", re.I
)
# "keeping the balance back and calling it 'retention'": a label the writer puts on the reader's act
_SCARE_LABEL = re.compile(
    r"\b(?:and|then|by|while|just|now) (?:calling|labelling|labeling|branding|badging) (?:it|this|that|them) $"
    r"|\b(?:and|then),? (?:called|labelled|labeled|branded) (?:it|this|that|them) $"

    r"|\b(?:passing|dressing) (?:it|this|that|them) (?:off |up )?as (?:an? )?$", re.I
)
# "If you say so, the colours are 'on brand'": a brush-off, not a report
_CALLING = re.compile(r"(?:^|[.!?\n]\s*)calling (?:it|this|that|them|a|an|the|your|my)\b[^.!?\n'\"]{0,40}$", re.I)
_REPORTING = re.compile(r"\b(?:said|says|say(?! so\b)|wrote|writes|told|tells|called|calls|asked|claimed|claims|"
                        r"replied|"
                        r"promised|described|mentioned|thought|felt|put it|in your words|quote)\b", re.I)
SCARE_WORDS = wordset(
    """expert experts professional professionals feedback help quick fix fixes minor small final
    deadline budget agreed agreement simple easy friend friends genius quality review changes change
    emergency urgent priority tweak tweaks update updates payment paid work design designs
    solution improvements improvement mistake misunderstanding standards contract partner partnership
    team service research strategy communication reasonable fair better extra extras improved creative vision
    flexible favour favor standard normal usual approved finished done fixed complete"""
)


def lower_keeping_length(t: str) -> str:
    """Lower-case without changing the length (a few characters, like "İ", grow when lowered), so that
    positions in the result are positions in ``t``."""
    low = t.lower()
    if len(low) == len(t):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in t)


@dataclass(slots=True)
class Prepared:
    """The analysed text (``text``) and how it relates to what the user gave (``original``)."""

    original: str
    text: str
    html: bool = False
    quoted: list[tuple[int, int]] = field(default_factory=list)
    scare: list[tuple[int, int]] = field(default_factory=list)
    # Quoted email lines, a quoted reply below a header and <blockquote>: not the user's text at all.
    blocks: list[tuple[int, int]] = field(default_factory=list)
    # HTML only: segments (clean_start, orig_start, orig_end, literal) sorted by clean_start.
    _seg_clean: list[int] = field(default_factory=list)
    _segs: list[tuple[int, int, int, bool]] = field(default_factory=list)
    _quoted_starts: list[int] = field(default_factory=list)
    _block_starts: list[int] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the same phrase in ``original``."""
        if not self.html:
            return start, end
        return self._orig_pos(start), self._orig_end(end)

    def _orig_pos(self, i: int) -> int:
        k = bisect_right(self._seg_clean, i) - 1
        if k < 0:
            return 0
        clean_start, orig_start, orig_end, literal = self._segs[k]
        return orig_start + (i - clean_start) if literal else orig_start

    def _orig_end(self, end: int) -> int:
        if end <= 0:
            return 0
        k = bisect_right(self._seg_clean, end - 1) - 1
        clean_start, orig_start, orig_end, literal = self._segs[k]
        return orig_start + (end - clean_start) if literal else orig_end

    def is_quoted(self, start: int, end: int, *, blocks_only: bool = False) -> bool:
        """True when the span starts inside a quoted region (someone else's words)."""
        if blocks_only:
            regions, starts = self.blocks, self._block_starts
        else:
            regions, starts = self.quoted, self._quoted_starts
        k = bisect_right(starts, start) - 1
        return k >= 0 and start < regions[k][1]


def prepare(original: str) -> Prepared:
    """Strip HTML when present, normalise apostrophes, and find quoted regions and scare quotes."""
    blockquotes: list[tuple[int, int]] = []
    if "<" in original and _HTML_HINT.search(original):
        prep = _strip_html(original, blockquotes)
    else:
        prep = Prepared(original=original, text=_normalise(original))
    _find_quotes(prep, blockquotes)
    return prep


def _normalise(s: str) -> str:
    """``s.translate(_APOS)``, faster: ASCII text has none of those characters, and on other text a
    few ``replace`` calls (each character maps to one that is not replaced again) beat ``translate``."""
    if s.isascii():
        return s
    for old, new in _APOS_PAIRS:
        if old in s:
            s = s.replace(old, new)
    return s


def _strip_html(original: str, blockquotes: list[tuple[int, int]]) -> Prepared:
    parts: list[str] = []
    segs: list[tuple[int, int, int, bool]] = []
    clean_len = 0
    pos = 0
    open_quotes: list[int] = []
    for m in _HTML_TOKEN.finditer(original):
        if m.start() > pos:
            segs.append((clean_len, pos, m.start(), True))
            parts.append(original[pos : m.start()])
            clean_len += m.start() - pos
        token = m.group(0)
        repl = ""
        if token.startswith("&"):
            repl = html.unescape(token)[:1]
        elif m.group(3):
            name = m.group(3).lower()
            if name == "blockquote":
                if m.group(2):
                    if open_quotes:
                        blockquotes.append((open_quotes.pop(), clean_len))
                else:
                    open_quotes.append(clean_len)
            if name in _BLOCK_TAGS:
                repl = "\n"
        if repl:
            segs.append((clean_len, m.start(), m.end(), False))
            parts.append(repl)
            clean_len += len(repl)
        pos = m.end()
    if pos < len(original):
        segs.append((clean_len, pos, len(original), True))
        parts.append(original[pos:])
        clean_len += len(original) - pos
    for start in open_quotes:
        blockquotes.append((start, clean_len))
    if not segs:
        segs.append((0, 0, 0, True))
    text = _normalise("".join(parts))
    return Prepared(
        original=original,
        text=text,
        html=True,
        _seg_clean=[s[0] for s in segs],
        _segs=segs,
    )


def _find_quotes(prep: Prepared, blocks: list[tuple[int, int]]) -> None:
    text = prep.text
    if ">" in text:
        blocks.extend(m.span() for m in _QUOTED_LINE.finditer(text))
    header = _REPLY_HEADER.search(text) if ("wrote:" in text or "--" in text or "rom:" in text) else None
    if header:
        blocks.append((header.start(), len(text)))
    prep.blocks = _merge(blocks)
    prep._block_starts = [s for s, _ in prep.blocks]
    regions = list(blocks)
    quotes = []
    if '"' in text or "\u201c" in text or "\u00ab" in text or "\u201e" in text:
        quotes.extend(_DOUBLE_QUOTED.finditer(text))
    i = text.find("'")
    while i != -1:
        m = None if i and text[i - 1].isalnum() else _SINGLE_QUOTED.match(text, i)
        if m is not None:
            quotes.append(m)
        i = text.find("'", m.end() if m is not None else i + 1)
    for m in quotes:
        if _is_scare_quote(text, m):
            prep.scare.append(m.span())
        else:
            regions.append(m.span())
    lowered = lower_keeping_length(text)
    if any(cue in lowered for cue in _REPORTED_CUES):
        for m in _REPORTED.finditer(lowered):
            end_m = _CLAUSE_END.search(text, m.end())
            regions.append((m.end(), end_m.start() if end_m else len(text)))
    prep.quoted = _merge(regions)
    prep._quoted_starts = [s for s, _ in prep.quoted]


def _is_scare_quote(text: str, m: re.Match) -> bool:
    inner = next(g for g in m.groups() if g is not None).strip()
    words = inner.split()
    if not words or len(words) > 3 or len(inner) > 30 or any(c.isdigit() for c in inner):
        return False
    before = text[max(0, m.start() - 12) : m.start()]
    if _SCARE_PREDICATE.search(before):
        line = text[max(0, m.start() - 80) : m.start()]
        line = line[max(line.rfind("."), line.rfind("\n"), line.rfind("?"), line.rfind("!")) + 1 :]
        return not _REPORTING.search(line)
    if inner[0].islower() and _SCARE_LABEL.search(text, max(0, m.start() - 40), m.start()):
        return True  # a capitalised one is a name ("calling it 'Harvest'")
    if _CALLING.search(text, max(0, m.start() - 50), m.start()) and inner.lower() in SCARE_WORDS:
        return True  # "Calling a 40% price rise 'standard' is a joke" (but "calling the edit 'unwatchable'" quotes)
    if len(words) > 2:
        return False
    if _SCARE_STRONG.search(before) or _SCARE_YOU.search(before) and len(words) <= 2:
        return True
    return bool(_SCARE_WEAK.search(before)) and any(w.lower().strip(".,!?") in SCARE_WORDS for w in words)


def _merge(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
