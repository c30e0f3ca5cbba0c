"""First words of a regular expression, so that rules run only where they can start.

CPython's regex engine scans a pattern that begins with ``\\b`` or a group of alternatives position
by position: with ~80 rules over a 900-character message that is most of the coach's time. Instead
the engine tokenises the text once and calls ``regex.match`` only at the positions of words that
can begin a match of each rule. ``first_words`` reads the first word of every possible match from the
parsed pattern; when it cannot tell (a pattern that starts with a symbol, or ``\\w+``), it returns
None and the rule is scanned the ordinary way.

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

from re import _constants as C  # noqa: N812
from re import _parser

DIGIT = "#digit"  # stands for "any word that starts with a digit"
_MAX_WORDS = 3000
_MAX_LEN = 40
_MAX_STEPS = 200_000  # walk steps for one pattern, all paths together
_MAX_STEPS_SECOND = 2_000  # ...and for the second words after one first word
_MAX_SECOND = 100


class _Unknown(Exception):
    pass


def first_words(pattern: str) -> frozenset[str] | None:
    """The set of first words (``[^\\W_]+`` tokens) of all matches of ``pattern``, or None."""
    pairs = first_pairs(pattern)
    return None if pairs is None else frozenset(w for w, _ in pairs)


def first_pairs(pattern: str) -> frozenset[tuple[str, str | None]] | None:
    """The (first word, second word) pairs of all matches; second is None when it can be anything.

    Returns None when the first word cannot be told.
    """
    try:
        found = _walk(list(_parser.parse(pattern).data), "", None, [0, _MAX_STEPS])
    except (_Unknown, RecursionError):
        return None
    if not found or any(w == "" for w, _ in found):
        return None
    return frozenset(found)


def _walk(seq: list, acc: str, first: str | None, steps: list[int]) -> set[tuple[str, str | None]]:
    """Walk the pattern; ``acc`` is the word being read, ``first`` the finished first word (if any)."""
    steps[0] += 1
    if len(acc) > _MAX_LEN or steps[0] > steps[1]:
        if first is None:
            raise _Unknown
        return {(first, None)}
    if not seq:
        return _end_word(acc, first, at_end=True)
    op, av = seq[0]
    rest = seq[1:]
    try:
        if op is C.AT and av is C.AT_BOUNDARY and acc:
            return _char(" ", rest, acc, first, steps)  # a word boundary after letters: the word is complete
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return _walk(rest, acc, first, steps)
        if op is C.LITERAL:
            return _char(chr(av), rest, acc, first, steps)
        if op is C.IN:
            out: set[tuple[str, str | None]] = set()
            for ch in _expand(av, acc):
                out |= _digit(acc, first, rest) if ch == DIGIT else _char(ch, rest, acc, first, steps)
            return _check(out)
        if op is C.BRANCH:
            out = set()
            for alt in av[1]:
                out |= _walk(list(alt.data) + rest, acc, first, steps)
                _check(out)
            return out
        if op is C.SUBPATTERN:
            return _walk(list(av[-1].data) + rest, acc, first, steps)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, item = av
            out = set()
            if lo == 0:
                out |= _walk(rest, acc, first, steps)
            if hi is C.MAXREPEAT and not _wordy(item.data):
                hi = lo + 2  # more separators ("!!!!") change no word
            if hi != 0:
                again = [] if hi == 1 else [(op, (max(lo - 1, 0), hi if hi is C.MAXREPEAT else hi - 1, item))]
                out |= _walk(list(item.data) + again + rest, acc, first, steps)
            return _check(out)
    except _Unknown:
        if first is None:
            raise
        return {(first, None)}  # the second word is beyond telling: any
    if first is None:
        raise _Unknown
    return {(first, None)}


def _wordy(data: list) -> bool:
    """Whether a piece of pattern can match a letter or a digit (conservative: True when unsure)."""
    for op, av in data:
        if op is C.LITERAL:
            if chr(av).isalnum():
                return True
        elif op is C.IN:
            if not _no_word_char(av):
                return True
        elif op is C.SUBPATTERN:
            if _wordy(av[-1].data):
                return True
        elif op is C.BRANCH:
            if any(_wordy(alt.data) for alt in av[1]):
                return True
        elif op not in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return True
    return False


def _end_word(acc: str, first: str | None, at_end: bool = False) -> set[tuple[str, str | None]]:
    if first is None:
        if not acc:
            raise _Unknown  # a match could be empty, or start with a symbol
        return {(acc, None)} if at_end else set()
    return {(first, acc or None)}


def _digit(acc: str, first: str | None, rest: list | None = None) -> set[tuple[str, str | None]]:
    """A word that starts with a digit, which the engine keys as ``DIGIT`` whatever follows in it.

    As a first word, the second is read too when the rest of the word is plain to see (more digits or
    letters, then something that cannot be part of a word): "\\d+ times", "100% my", "\\d+(?:st|nd) time".
    Otherwise the second word is any."""
    if acc:
        raise _Unknown
    if first is not None:
        return {(first, DIGIT)}
    tail = None if rest is None else _after_word(rest)
    if tail is None:
        return {(DIGIT, None)}
    second = _walk(tail, "", DIGIT, [0, _MAX_STEPS_SECOND])
    return second if len(second) <= _MAX_SECOND else {(DIGIT, None)}


def _after_word(rest: list) -> list | None:
    """``rest`` without the letters and digits that continue the current word, when what then follows
    surely ends the word (a symbol, a space, ``\\b`` or the end of the pattern); else None."""
    i = 0
    while i < len(rest) and _alnum_only([rest[i]]):
        i += 1
    tail = rest[i:]
    return tail if _ends_word(tail) else None


def _alnum_only(data: list) -> bool:
    """Whether a piece of pattern matches only letters and digits (possibly nothing)."""
    for op, av in data:
        if op is C.LITERAL:
            if not chr(av).isalnum():
                return False
        elif op is C.IN:
            for iop, iav in av:
                if iop is C.LITERAL and chr(iav).isalnum():
                    continue
                if iop is C.RANGE and all(chr(c).isalnum() for c in range(iav[0], iav[1] + 1)):
                    continue
                if iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
                    continue
                return False
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            if not _alnum_only(av[2].data):
                return False
        elif op is C.SUBPATTERN:
            if not _alnum_only(av[-1].data):
                return False
        elif op is C.BRANCH:
            if not all(_alnum_only(alt.data) for alt in av[1]):
                return False
        else:
            return False
    return True


def _ends_word(tail: list) -> bool:
    """Whether what ``tail`` matches first cannot continue a word: the end of the pattern, ``\\b``, or
    a symbol or space (an optional one only when what follows it ends the word as well)."""
    if not tail:
        return True
    op, av = tail[0]
    if op is C.AT:
        return av in (C.AT_BOUNDARY, C.AT_END, C.AT_END_STRING, C.AT_END_LINE)
    if op is C.LITERAL:
        return not chr(av).isalnum()
    if op is C.IN:
        return _no_word_char(av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, _, item = av
        if len(item.data) != 1 or not _ends_word(list(item.data)):
            return False
        return lo >= 1 or _ends_word(tail[1:])
    return False


def _no_word_char(items: list) -> bool:
    """Whether a character set holds only symbols and spaces (no letter, digit or ``_``-like class)."""
    for op, av in items:
        if op is C.LITERAL and not chr(av).isalnum():
            continue
        if op is C.CATEGORY and av is C.CATEGORY_SPACE:
            continue
        return False
    return True


def _char(ch: str, rest: list, acc: str, first: str | None, steps: list[int]) -> set[tuple[str, str | None]]:
    if ch.isalnum():
        if ch.isdigit() and not acc:
            return _digit(acc, first, rest)
        return _walk(rest, acc + ch, first, steps)
    if not acc:
        if first is None:
            raise _Unknown  # the match starts with a symbol or a space
        return _walk(rest, acc, first, steps)  # a separator between the first and second word
    if first is None:
        # The first word is complete: read the second (any, when there are too many to list).
        second = _walk(rest, "", acc, [0, _MAX_STEPS_SECOND])
        return second if len(second) <= _MAX_SECOND else {(acc, None)}
    return {(first, acc)}


def _expand(items: list, acc: str) -> list[str]:
    chars: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            chars.append(chr(av))
        elif op is C.RANGE and av[1] - av[0] < 30:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT and not acc:
            chars.append(DIGIT)
        elif op is C.CATEGORY and av is C.CATEGORY_SPACE:
            chars.append(" ")
        else:
            raise _Unknown
    return chars


def _check(out: set) -> set:
    if len(out) > _MAX_WORDS:
        raise _Unknown
    return out


# ---------------------------------------------------------------------------------------------
# Third words: after a common pair ("i'm", "it's") a score of rules remain; the third word tells most
# of them apart. Computed separately from first_pairs (which stays as it is) and used only to narrow
# it further, so that any doubt here ("anything") costs speed, never a match.
# ---------------------------------------------------------------------------------------------
_MAX_STEPS_THIRD = 500  # walk steps for the third words of one pattern, all together (import time)
_MAX_THIRD = 1000  # more (first, second, third) combinations than this after one first word: any

Triple = tuple[str, str | None, str | None]


def first_triples(pattern: str) -> frozenset[Triple] | None:
    """The (first, second, third) words of all matches; a word is None when it can be anything, and
    then so are the words after it. Returns None when the first word cannot be told.

    Unlike first_pairs, a word that the pattern ends in the middle of counts as "anything" (the text
    may go on: ``so`` at the end of a pattern matches the start of "sorry").
    """
    try:
        found = _walk3(list(_parser.parse(pattern).data), "", (), [0, _MAX_STEPS], [0, _MAX_STEPS_THIRD])
    except (_Unknown, RecursionError):
        return None
    if not found or any(w == "" for w, _, _ in found):
        return None
    return frozenset(found)


def _pad(done: tuple) -> Triple:
    return done + (None,) * (3 - len(done))  # type: ignore[return-value]


def _walk3(seq: list, acc: str, done: tuple, steps: list[int], third: list[int]) -> set[Triple]:
    """_walk for three words: ``done`` holds the finished words, ``third`` the budget that all the
    walks for third words share."""
    steps[0] += 1
    if len(acc) > _MAX_LEN or steps[0] > steps[1]:
        if not done:
            raise _Unknown
        return {_pad(done)}
    if not seq:
        if not done:
            if not acc:
                raise _Unknown
            return {(acc, None, None)}
        return {_pad(done)}
    try:
        return _step3(seq[0], seq[1:], acc, done, steps, third)
    except _Unknown:
        if not done:
            raise
        return {_pad(done)}


def _step3(item: tuple, rest: list, acc: str, done: tuple, steps: list[int], third: list[int]) -> set:
    op, av = item
    if op is C.AT and av is C.AT_BOUNDARY and acc:
        return _char3(" ", rest, acc, done, steps, third)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return _walk3(rest, acc, done, steps, third)
    if op is C.LITERAL:
        return _char3(chr(av), rest, acc, done, steps, third)
    if op is C.IN:
        out: set = set()
        for ch in _expand(av, acc):
            out |= _digit3(acc, done) if ch == DIGIT else _char3(ch, rest, acc, done, steps, third)
        return _check(out)
    if op is C.BRANCH:
        out = set()
        for alt in av[1]:
            out |= _walk3(list(alt.data) + rest, acc, done, steps, third)
            _check(out)
        return out
    if op is C.SUBPATTERN:
        return _walk3(list(av[-1].data) + rest, acc, done, steps, third)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        out = set()
        if lo == 0:
            out |= _walk3(rest, acc, done, steps, third)
        if hi is C.MAXREPEAT and not _wordy(sub.data):
            hi = lo + 2  # more separators ("!!!!") change no word
        if hi != 0:
            again = [] if hi == 1 else [(op, (max(lo - 1, 0), hi if hi is C.MAXREPEAT else hi - 1, sub))]
            out |= _walk3(list(sub.data) + again + rest, acc, done, steps, third)
        return _check(out)
    raise _Unknown


def _digit3(acc: str, done: tuple) -> set[Triple]:
    if acc:
        raise _Unknown
    return {_pad((*done, DIGIT))}


def _char3(ch: str, rest: list, acc: str, done: tuple, steps: list[int], third: list[int]) -> set:
    if ch.isalnum():
        if ch.isdigit() and not acc:
            return _digit3(acc, done)
        return _walk3(rest, acc + ch, done, steps, third)
    if not acc:
        if not done:
            raise _Unknown  # the match starts with a symbol or a space
        return _walk3(rest, acc, done, steps, third)  # a separator between words
    done = (*done, acc)
    if len(done) == 3:
        return {done}
    if len(done) == 1:
        # The first word is complete: read the next two (any, when there are too many to list).
        found = _walk3(rest, "", done, [0, _MAX_STEPS_SECOND], third)
        return found if len(found) <= _MAX_THIRD else {_pad(done)}
    if third[0] > third[1]:
        return {_pad(done)}  # out of budget for third words: any
    budget = [0, min(_MAX_STEPS_SECOND, third[1] - third[0])]
    found = _walk3(rest, "", done, budget, third)
    third[0] += budget[0]
    return found
