"""Split contract text into clauses and sub-clauses that follow the document's own structure.

Pure module: no Django import. Recognised: decimal numbers (1., 1.1, 1.1.1), "1)", (a), (i), (A), (1),
a., A., i., I. (Roman), Article/Section/Clause N, Schedule/Exhibit headings, bullets, Markdown/HTML/DOCX
headings (given as hints by the extractor), ALL-CAPS heading lines, inline headings in letters
("Fees. ..." / "Fees: ..."), definitions lists, signature blocks and cover pages.

Numbering is read with a stack of open numbering schemes: a numbered line is a clause only when it
continues the sequence (next sibling, first child, or next item of an enclosing level). That keeps a
wrapped line such as "5.2 applies" or a date from being taken for a clause.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

KINDS = ("clause", "definitions", "signature", "cover", "preamble")


@dataclass
class Clause:
    """One segment of the document: its own text runs from `start` to `end` (children excluded)."""

    index: int
    number: str
    heading: str
    start: int
    end: int
    text: str
    level: int = 1
    parent: int | None = None
    kind: str = "clause"
    page: int | None = None
    ref: str = ""
    within: str = ""  # for an unnumbered item without heading: the citation of its parent

    @property
    def citation(self) -> str:
        """Return how to cite this clause: 'clause 7.2', 'Section 4(b)', 'Article IV', '"Fees"'."""
        if self.kind == "signature":
            return "the signature block"
        if self.kind in ("preamble", "cover"):
            return "the opening of the contract"
        if self.ref:
            if re.match(r"(?i)(article|section|clause|part|schedule|exhibit|annex|appendix)\b", self.ref):
                return self.ref
            return f"clause {self.ref}"
        if self.heading:
            return f"“{self.heading}”"
        if self.within:
            return self.within
        return f"paragraph {self.index}"


# --------------------------------------------------------------------------------------------
# markers

_KEYWORD = re.compile(
    r"^(?P<kw>Article|ARTICLE|Section|SECTION|Clause|CLAUSE|Part|PART|Schedule|SCHEDULE|Exhibit|EXHIBIT|"
    r"Annex|ANNEX|Appendix|APPENDIX|§)\s*(?P<num>\d{1,3}(?:\.\d{1,3})*|[IVXLCDM]{1,7}|[A-Z])\b\.?"
    r"(?:\s*[-–—:.]\s*|\s+|$)(?P<rest>.*)$"
)
_DECIMAL = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})*)(?P<term>\.|\))?(?:\s+(?P<rest>\S.*))?$")
_PAREN = re.compile(r"^\((?P<num>[a-z]{1,4}|[A-Z]{1,4}|\d{1,3})\)\s*(?P<rest>.*)$")
_LETTER = re.compile(r"^(?P<num>[a-zA-Z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})(?P<term>[.)])\s+(?P<rest>\S.*)$")
_BULLET = re.compile(r"^[•·▪◦‣⁃●○■□➢►-]\s+(?P<rest>\S.*)$")
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<rest>.*?)\s*#*$")
_DEFINITION = re.compile(
    r"^[\"“”'‘]?[A-Z][^\"“”]{0,60}[\"“”'’]\s*(?:\([^)]*\)\s*)?(means|shall mean|has the meaning|refers to|"
    r"includes|shall include|is defined)\b"
)
_SIGNATURE_CUE = re.compile(
    r"^(in witness whereof|signatures?\b|signed\b|signature\b|agreed and accepted|accepted and agreed|"
    r"accepted by|agreed by|acknowledged and agreed|yours (sincerely|faithfully|truly)|(kind|best|warm) regards|"
    r"sincerely,?\s*$|for and on behalf of|executed by)",
    re.I,
)
_UNDERSCORES = re.compile(r"_{5,}")
_SCHEDULE_KW = ("schedule", "exhibit", "annex", "appendix")
_DEFINITIONS_HEADING = re.compile(r"(?i)\b(definitions?|interpretation|defined terms|meaning of words)\b")
_TITLE_WORDS = re.compile(
    r"(?i)\b(agreement|contract|terms|statement of work|proposal|letter|engagement|conditions|sow|order)\b"
)
_SMALL_WORDS = {"of", "and", "the", "for", "to", "in", "on", "a", "an", "or", "by", "with", "at", "&", "as",
                "per", "from", "under", "its", "their", "our", "your", "into", "upon", "not", "no"}
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def roman_value(s: str) -> int | None:
    """Return the value of a Roman numeral (either case), or None if `s` is not a valid one."""
    s = s.lower()
    if not s or any(ch not in _ROMAN_VALUES for ch in s):
        return None
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN_VALUES[ch]
        if i + 1 < len(s) and _ROMAN_VALUES[s[i + 1]] > v:
            total -= v
        else:
            total += v
    if _to_roman(total) != s:
        return None
    return total


def _to_roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


@dataclass
class Candidate:
    """One reading of a numbered line: scheme (what sequence it belongs to) and value in it."""

    scheme: str
    value: tuple[int, ...]
    label: str
    rest: str
    strong: bool = False  # keyword markers (Article 3, Section 4.2) are trusted more


def candidates(line: str) -> list[Candidate]:
    """Return every numbering reading of `line` (stripped), most specific first."""
    out: list[Candidate] = []
    m = _KEYWORD.match(line)
    if m:
        kw = m.group("kw").lower()
        num = m.group("num")
        value = _num_value(num)
        if value is not None:
            if kw in ("article", "part"):
                scheme = "article"
            elif kw in _SCHEDULE_KW:
                scheme = "schedule"
            else:
                scheme = f"num{len(value)}"
            label = f"{m.group('kw').capitalize() if kw != '§' else '§'} {num}"
            out.append(Candidate(scheme, value, label, m.group("rest").strip(), strong=True))
        return out
    m = _DECIMAL.match(line)
    if m:
        num = m.group("num")
        parts = tuple(int(p) for p in num.split("."))
        term = m.group("term")
        rest = (m.group("rest") or "").strip()
        if term == ")" and len(parts) == 1:
            out.append(Candidate("numparen", parts, f"{num})", rest))
        elif len(parts) > 1 or term == ".":
            if rest or len(parts) > 1:
                out.append(Candidate(f"num{len(parts)}", parts, num, rest))
        elif rest and _looks_like_heading(rest):
            out.append(Candidate("num1", parts, num, rest))
        return out
    m = _PAREN.match(line)
    if m:
        tok = m.group("num")
        rest = m.group("rest").strip()
        if tok.isdigit():
            out.append(Candidate("paren_num", (int(tok),), f"({tok})", rest))
            return out
        upper = tok.isupper()
        rv = roman_value(tok)
        if rv is not None:
            out.append(Candidate("paren_ROMAN" if upper else "paren_roman", (rv,), f"({tok})", rest))
        if len(tok) == 1 or (len(set(tok)) == 1 and len(tok) <= 3):
            av = (ord(tok[0].lower()) - 96) + 26 * (len(tok) - 1)
            out.append(Candidate("paren_ALPHA" if upper else "paren_alpha", (av,), f"({tok})", rest))
        return out
    m = _LETTER.match(line)
    if m:
        tok, term, rest = m.group("num"), m.group("term"), m.group("rest").strip()
        upper = tok.isupper()
        rv = roman_value(tok)
        if rv is not None:
            out.append(Candidate(f"roman{term}" if not upper else f"ROMAN{term}", (rv,), f"{tok}{term}", rest))
        if len(tok) == 1:
            av = ord(tok.lower()) - 96
            out.append(Candidate(f"alpha{term}" if not upper else f"ALPHA{term}", (av,), f"{tok}{term}", rest))
        return out
    m = _BULLET.match(line)
    if m:
        out.append(Candidate("bullet", (0,), "", m.group("rest").strip()))
    return out


def _num_value(num: str) -> tuple[int, ...] | None:
    if num[0].isdigit():
        return tuple(int(p) for p in num.split("."))
    rv = roman_value(num)
    if rv is not None and (len(num) > 1 or num in "IVX"):
        return (rv,)
    if len(num) == 1 and num.isalpha():
        return (ord(num.lower()) - 96,)
    return None


def _is_first(c: Candidate) -> bool:
    if c.scheme == "bullet":
        return True
    return c.value[-1] in (1, 0) if c.scheme.startswith("num") else c.value[-1] == 1


def _is_next(prev: tuple[int, ...], cur: tuple[int, ...], scheme: str) -> bool:
    if scheme == "bullet":
        return True
    if len(prev) != len(cur):
        return False
    if prev[:-1] != cur[:-1]:
        # 4.3 -> 5.1: a new group at the same depth (the "5." line may be missing)
        return cur[-1] == 1 and cur[:-1][-1:] == (prev[-2] + 1,) and cur[:-2] == prev[:-2]
    step = cur[-1] - prev[-1]
    # a lost line (bad PDF text) may skip one number; letters and Roman numerals must follow exactly
    return step == 1 or (step == 2 and scheme.startswith(("num", "article", "schedule")))


# --------------------------------------------------------------------------------------------
# headings


def _words(s: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'’-]*", s)


def is_caps_heading(line: str) -> bool:
    """Return True for a short ALL-CAPS line such as 'PAYMENT TERMS' or 'LIMITATION OF LIABILITY'."""
    s = line.strip()
    if not s or len(s) > 90 or s.endswith((",", ";")) or _UNDERSCORES.search(s):
        return False
    words = _words(s)
    if not words or len(words) > 12:
        return False
    letters = [ch for ch in s if ch.isalpha()]
    if len(letters) < 3 or sum(ch.isupper() for ch in letters) / len(letters) < 0.9:
        return False
    return not (s.endswith(".") and len(words) > 6)


def _title_case(s: str) -> bool:
    words = _words(s)
    if not words:
        return False
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(big) and all(w[0].isupper() for w in big)


def _looks_like_heading(rest: str) -> bool:
    r = rest.strip()
    if not r or len(_words(r)) > 10 or r.endswith((",", ";")):
        return False
    if r.endswith(".") and not is_caps_heading(r):
        return False
    return _title_case(r) or is_caps_heading(r) or r.endswith(":") and r[0].isupper() and len(_words(r)) <= 6


_INLINE = re.compile(r"^(?P<label>[A-Z][A-Za-z0-9'’&/,() -]{1,60}?)(?P<sep>\.|:)\s+(?P<body>\S.*)$", re.S)


def inline_heading(rest: str, *, sentence_case: bool = False,
                   short_sentence_case: bool = False) -> tuple[str, str] | None:
    """Split 'Fees. The fee is ...' into ('Fees', 'The fee is ...'); None when there is no label."""
    m = _INLINE.match(rest)
    if not m:
        return None
    label = m.group("label").strip()
    words = _words(label)
    if not words or label.lower() in ("re", "note", "dear", "date", "to", "from", "cc", "attn"):
        return None
    if re.search(r"\d[.,]?$", label) or label.endswith(("Mr", "Ms", "Mrs", "Dr", "St", "No", "Inc", "Ltd")):
        return None
    if _title_case(label) and len(words) <= 7 or is_caps_heading(label):
        return label, m.group("body")
    if short_sentence_case and len(words) <= 3 and m.group("sep") == "." and m.group("body")[:1].isupper():
        return label, m.group("body")
    if sentence_case and len(words) <= 4 and m.group("body")[:1].isupper() | (m.group("sep") == ":"):
        return label, m.group("body")
    return None


# --------------------------------------------------------------------------------------------
# the segmenter


@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped


@dataclass
class _Frame:
    scheme: str
    value: tuple[int, ...]
    clause: _Boundary
    hint_level: int | None = None  # frames made by headings (hints, caps) bound numbering below them
    definitions: bool = False


@dataclass
class _Boundary:
    line: int
    start: int
    number: str
    heading: str
    parent: _Boundary | None
    kind: str = "clause"
    scheme: str = ""
    ref: str = ""
    consumed: int = 0  # following lines folded into the heading (ARTICLE I / SERVICES)


@dataclass
class _State:
    lines: list[_Line]
    hints: dict[int, int]
    boundaries: list[_Boundary] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)
    long_line: int = 80


def _split_lines(text: str, *, inline: bool = False) -> list[_Line]:
    """Split into lines (offsets kept); with `inline`, also before numbers buried in run-on lines."""
    lines = []
    pos = 0
    for raw in text.split("\n"):
        cuts = [0]
        if inline and len(raw) > INLINE_SPLIT_MIN:
            cuts += [m.start(1) for m in _INLINE_MARKER.finditer(raw)]
        cuts.append(len(raw))
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = raw[a:b]
            stripped = piece.strip()
            lead = len(piece) - len(piece.lstrip())
            lines.append(_Line(pos + a + lead, pos + a + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


# In text whose line breaks were lost (some PDF exports), clause numbers sit mid-line after a sentence end.
INLINE_SPLIT_MIN = 300
_INLINE_MARKER = re.compile(
    r"(?:[.;:]\s+|\s{2,})((?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.|\([a-z]\)|\([ivx]{1,4}\)|(?:Section|SECTION|Article|"
    r"ARTICLE) \d{1,2}(?:\.\d{1,2})*\.?)\s+[A-Z\"“(])")


def segment(text: str, *, headings: Iterable = (), pages: Sequence[int] | None = None) -> list[Clause]:
    """Return the clauses of `text` in document order.

    `headings` are heading hints from the extractor (objects with .start and .level); `pages` the start
    offset of each page (PDF), used for the page of each clause and to spot a cover page.
    """
    clauses = _segment_lines(text, _split_lines(text), headings, pages)
    structured = sum(1 for c in clauses if c.kind not in ("preamble", "cover", "signature"))
    if structured < 3 and any(len(line) > INLINE_SPLIT_MIN for line in text.split("\n")):
        retry = _segment_lines(text, _split_lines(text, inline=True), headings, pages)
        if sum(1 for c in retry if c.number) > structured:
            return retry
    return clauses


def _segment_lines(text: str, lines: list[_Line], headings: Iterable, pages: Sequence[int] | None) -> list[Clause]:
    hints = {}
    line_by_start = {ln.start: i for i, ln in enumerate(lines)}
    for h in headings:
        i = line_by_start.get(h.start)
        if i is not None and lines[i].text:
            hints[i] = h.level
    state = _State(lines=lines, hints=hints)
    lengths = sorted(len(ln.text) for ln in lines if ln.text)
    if lengths:
        state.long_line = lengths[int(len(lengths) * 0.9)]
    first = next((i for i, ln in enumerate(lines) if ln.text), None)
    if first is None:
        return []
    _drop_title_hint(state, first)
    _walk(state, first)
    if _structure_count(state) < 3:
        para = _paragraph_boundaries(state, first)
        if para is not None:
            state.boundaries = para
    _mark_signature(state)
    return _build(text, state, pages)


def _drop_title_hint(state: _State, first: int) -> None:
    """The document title (first line, heading-styled or in capitals) is part of the preamble."""
    level = state.hints.get(first)
    if level is None:
        return
    same = [i for i, lv in state.hints.items() if lv <= level]
    if len(same) == 1 or _TITLE_WORDS.search(state.lines[first].text):
        del state.hints[first]


def _structure_count(state: _State) -> int:
    return sum(1 for b in state.boundaries if b.kind != "signature")


def _line_gate(state: _State, i: int) -> bool:
    """A numbered line starts a clause only after a blank line, a finished sentence or a short line."""
    if i == 0:
        return True
    prev = state.lines[i - 1].text
    if not prev:
        return True
    if prev.endswith((".", ":", ";", "!", "?", ")", '"', "”", "’", "'", "—", "-")) or prev.endswith("and"):
        return True
    if any(b.line == i - 1 or b.line + b.consumed == i - 1 for b in state.boundaries[-1:]):
        return True
    return len(prev) < 0.7 * state.long_line


def _local_stack_base(state: _State) -> int:
    """Index in the stack just above the nearest heading frame: numbering restarts under headings."""
    for k in range(len(state.stack) - 1, -1, -1):
        if state.stack[k].hint_level is not None:
            return k + 1
    return 0


def _parent_number(state: _State, upto: int) -> tuple[int, ...] | None:
    for frame in reversed(state.stack[:upto]):
        if frame.scheme.startswith(("num", "article")) and frame.value:
            return frame.value
    return None


def _place(state: _State, cands: list[Candidate], gated: bool) -> tuple[Candidate, int] | None:
    """Choose the reading of a numbered line that continues the document's numbering.

    Returns (candidate, stack depth to keep) or None when the line is not a clause start.
    """
    base = _local_stack_base(state)
    # sibling of an open level (innermost first)
    for k in range(len(state.stack) - 1, base - 1, -1):
        frame = state.stack[k]
        for c in cands:
            if c.scheme == frame.scheme and _is_next(frame.value, c.value, c.scheme):
                return c, k
    if not gated:
        return None
    for c in cands:
        if any(f.scheme == c.scheme for f in state.stack[base:]):
            continue
        if c.scheme.startswith("num") and len(c.value) > 1:
            parent = _parent_number(state, len(state.stack))
            if c.value[-1] == 1 and (parent is None or parent[-1:] == c.value[-2:-1]):
                return c, len(state.stack)
            continue
        if _is_first(c):
            return c, len(state.stack)
        if c.strong and (c.scheme in ("article", "schedule") or _looks_like_heading(c.rest) or not c.rest):
            return c, len(state.stack)
    if base == 0 and not state.stack:
        # the first numbered line of a document that starts its numbering high (an excerpt)
        for c in cands:
            if c.scheme == "num1" and _looks_like_heading(c.rest):
                return c, 0
    return None


def _walk(state: _State, first: int) -> None:
    lines = state.lines
    i = first + 1 if first not in state.hints and _is_title_line(lines[first].text) else first
    while i < len(lines):
        line = lines[i].text
        if not line:
            i += 1
            continue
        i = _visit(state, i, line)


def _is_title_line(text: str) -> bool:
    return not candidates(text) and (is_caps_heading(text) or bool(_TITLE_WORDS.search(text)) and
                                     len(_words(text)) <= 12 and not text.endswith("."))


def _visit(state: _State, i: int, line: str) -> int:
    """Handle line `i`; return the index of the next line to look at."""
    hint = state.hints.get(i)
    if hint is None and (m := _MD_HEADING.match(line)) and not state.hints:
        hint = len(m.group("hashes"))
        line = m.group("rest")
    cands = candidates(line)
    if hint is not None:
        return _open_heading(state, i, line, hint, cands)
    if cands:
        placed = _place(state, cands, _line_gate(state, i))
        if placed is not None:
            return _open_numbered(state, i, *placed)
    if _in_definitions(state) and _DEFINITION.match(line) and _line_gate(state, i):
        return _open_definition(state, i, line)
    if is_caps_heading(line) and not state.hints and not cands and not _continues_heading(state, i):
        return _open_heading(state, i, line, 1, [])
    return i + 1


def _continues_heading(state: _State, i: int) -> bool:
    """A capitals line right under a numbered capitals heading is the rest of that heading."""
    if not state.boundaries:
        return False
    b = state.boundaries[-1]
    return b.line + b.consumed == i - 1 and b.heading.isupper() and b.number != ""


def _in_definitions(state: _State) -> bool:
    return any(f.definitions for f in state.stack)


def _new_boundary(state: _State, i: int, number: str, heading: str, scheme: str,
                  consumed: int = 0) -> _Boundary:
    parent = state.stack[-1].clause if state.stack else None
    b = _Boundary(line=i, start=state.lines[i].start, number=number, heading=heading, parent=parent,
                  scheme=scheme, consumed=consumed)
    state.boundaries.append(b)
    return b


def _heading_of(state: _State, i: int, c: Candidate) -> tuple[str, int]:
    """Return the heading of a numbered line and how many following lines it takes."""
    if not c.rest:
        # "ARTICLE I" with its title on the next line
        j = i + 1
        while j < len(state.lines) and not state.lines[j].text:
            j += 1
        if j < len(state.lines):
            nxt = state.lines[j].text
            if not candidates(nxt) and (is_caps_heading(nxt) or _title_case(nxt)) and len(_words(nxt)) <= 8 \
                    and not nxt.endswith("."):
                return nxt.rstrip(":"), j - i
        return "", 0
    if _looks_like_heading(c.rest):
        return c.rest.rstrip(":").rstrip("."), 0
    split = inline_heading(c.rest, short_sentence_case=True)
    if split:
        return split[0], 0
    return "", 0


def _open_numbered(state: _State, i: int, c: Candidate, keep: int) -> int:
    del state.stack[keep:]
    heading, consumed = _heading_of(state, i, c)
    idx = _new_boundary(state, i, c.label, heading, c.scheme, consumed)
    defs = bool(_DEFINITIONS_HEADING.search(heading)) or _in_definitions(state)
    state.stack.append(_Frame(c.scheme, c.value, idx, definitions=defs))
    return i + 1 + consumed


def _open_heading(state: _State, i: int, line: str, level: int, cands: list[Candidate]) -> int:
    """A heading line (source hint or capitals): pops headings of the same or a deeper level."""
    while state.stack and (state.stack[-1].hint_level is None or state.stack[-1].hint_level >= level):
        state.stack.pop()
    number, heading, scheme, value = "", line.rstrip(":"), f"h{level}", ()
    if cands and cands[0].scheme != "bullet":
        c = cands[0]
        number, scheme, value = c.label, c.scheme, c.value
        heading = c.rest.rstrip(":").rstrip(".") if c.rest else ""
    consumed = 0
    if cands and not heading:
        heading, consumed = _heading_of(state, i, cands[0])
    idx = _new_boundary(state, i, number, heading, scheme, consumed)
    state.stack.append(_Frame(scheme, value, idx, hint_level=level,
                              definitions=bool(_DEFINITIONS_HEADING.search(heading))))
    return i + 1 + consumed


def _open_definition(state: _State, i: int, line: str) -> int:
    while state.stack and state.stack[-1].scheme == "definition":
        state.stack.pop()
    term = re.match(r"^[\"“”'‘]?([^\"“”'’]+)", line)
    idx = _new_boundary(state, i, "", term.group(1).strip() if term else "", "definition")
    idx.kind = "definitions"
    state.stack.append(_Frame("definition", (0,), idx, definitions=True))
    return i + 1


# --------------------------------------------------------------------------------------------
# letters: one clause per paragraph


_OPENING = re.compile(r"(?i)^(dear\b|re:|between\b|this (?:\w+ )*(?:agreement|contract|letter)\b.{0,80}\b(?:is made|is "
                      r"entered|sets out|between|confirms)|(?:the )?parties:)")


def _paragraph_boundaries(state: _State, first: int) -> list[_Boundary] | None:
    """For letters without numbering: each paragraph is a clause, headed by its inline label if any."""
    paras: list[int] = []
    prev_blank = True
    for i in range(first, len(state.lines)):
        if state.lines[i].text and prev_blank:
            paras.append(i)
        prev_blank = not state.lines[i].text
    labelled = [i for i in paras if inline_heading(state.lines[i].text, sentence_case=True)]
    if len(labelled) >= 3:
        begin = labelled[0]
    elif not state.boundaries and paras:
        # no structure at all: every paragraph after the opening is a clause
        begin = next((i for i in paras if not _OPENING.search(state.lines[i].text) and
                      not _is_title_line(state.lines[i].text)), None)
        if begin is None:
            return None
    else:
        return None
    out: list[_Boundary] = []
    for i in paras:
        if i < begin:
            continue
        split = inline_heading(state.lines[i].text, sentence_case=True)
        out.append(_Boundary(line=i, start=state.lines[i].start, number="", heading=split[0] if split else "",
                             parent=None, scheme="para"))
    return out


# --------------------------------------------------------------------------------------------
# signature block


def _mark_signature(state: _State) -> None:
    """Find where the signatures start: a cue line after which no numbered clause follows."""
    lines = state.lines
    numbered_after: list[int] = [b.line for b in state.boundaries if b.scheme not in ("h1", "para", "bullet")
                                 and not b.scheme.startswith("h")]
    schedules = [b.line for b in state.boundaries if b.scheme == "schedule"]
    last_numbered = max(numbered_after, default=-1)
    for i, ln in enumerate(lines):
        if not ln.text or i < last_numbered and not any(s > i for s in schedules):
            continue
        if not (_SIGNATURE_CUE.match(ln.text) or _UNDERSCORES.search(ln.text)):
            continue
        end = min((s for s in schedules if s > i), default=len(lines))
        if any(b > i and b < end for b in numbered_after):
            continue
        if _has_long_paragraph(lines, i + 1, end):
            continue
        kept = [b for b in state.boundaries if b.line < i or b.line >= end]
        covered = next((b for b in state.boundaries if b.line == i), None)
        heading = covered.heading if covered and covered.scheme.startswith("h") else ""
        sig = _Boundary(line=i, start=ln.start, number="", heading=heading or "Signatures", parent=None,
                        kind="signature", scheme="signature")
        state.boundaries = [b for b in kept if b.line < i] + [sig] + [b for b in kept if b.line >= end]
        return


def _has_long_paragraph(lines: list[_Line], start: int, end: int) -> bool:
    words = 0
    for ln in lines[start:end]:
        if not ln.text:
            words = 0
            continue
        words += len(ln.text.split())
        if words > 45:
            return True
    return False


# --------------------------------------------------------------------------------------------
# assembling clauses


def _build(text: str, state: _State, pages: Sequence[int] | None) -> list[Clause]:
    bounds = sorted(state.boundaries, key=lambda b: b.start)
    remap = {id(b): new for new, b in enumerate(bounds)}
    clauses: list[Clause] = []
    offset = 0
    first_start = bounds[0].start if bounds else len(text)
    if text[:first_start].strip():
        kind = "cover" if _is_cover(text, first_start, pages) else "preamble"
        lead = len(text) - len(text.lstrip())
        clauses.append(_clause(text, 0, "", "", lead, first_start, None, kind, pages, ""))
        offset = 1
    for n, b in enumerate(bounds):
        end = bounds[n + 1].start if n + 1 < len(bounds) else len(text)
        parent = remap[id(b.parent)] + offset if b.parent is not None and id(b.parent) in remap else None
        clauses.append(_clause(text, n + offset, b.number, b.heading, b.start, end, parent, b.kind, pages, ""))
    _finish(clauses)
    return clauses


def _clause(text: str, index: int, number: str, heading: str, start: int, end: int, parent: int | None,
            kind: str, pages: Sequence[int] | None, ref: str) -> Clause:
    body = text[start:end].rstrip()
    page = bisect_right(pages, start) if pages and len(pages) > 1 else (1 if pages else None)
    return Clause(index=index, number=number, heading=heading.strip(), start=start, end=start + len(body),
                  text=body, parent=parent, kind=kind, page=page, ref=ref)


def _is_cover(text: str, first_start: int, pages: Sequence[int] | None) -> bool:
    """The opening is a cover page when the first clause starts a new page, or it reads like one."""
    opening = text[:first_start]
    if pages and len(pages) > 1 and pages[1] <= first_start and not text[pages[1]:first_start].strip():
        return True
    return bool(re.search(r"(?im)^\s*(prepared (for|by)|version\b|draft\b|confidential\b)", opening)) and \
        not re.search(r"[a-z]{3,}\.\s", opening)


def _finish(clauses: list[Clause]) -> None:
    """Fill level, ref and the definitions kind from the parent chain."""
    for c in clauses:
        parent = clauses[c.parent] if c.parent is not None else None
        c.level = parent.level + 1 if parent else 1
        if c.kind == "clause" and (_DEFINITIONS_HEADING.fullmatch(c.heading.strip(" .:")) or
                                   parent is not None and parent.kind == "definitions"):
            c.kind = "definitions"
        c.ref = _ref(c, parent)
        if parent is not None and not c.ref and not c.heading:
            c.within = parent.citation
        if c.kind == "definitions" and not c.heading:
            term = re.match(r"^\S*\s*[\"“”'‘]([^\"“”'’]{1,60})[\"“”'’]", c.text)
            if term:
                c.heading = term.group(1)


def _ref(c: Clause, parent: Clause | None) -> str:
    num = c.number.rstrip(".)") if c.number and not c.number.startswith("(") else c.number
    if not num:
        return parent.ref if parent else ""
    if num[0].isdigit() and "." in num or re.match(r"(?i)(article|section|clause|part|schedule|exhibit|annex|"
                                                   r"appendix|§)\b", num):
        return num
    if parent and parent.ref:
        inner = num if num.startswith("(") else f"({num})"
        return f"{parent.ref}{inner}"
    return num
