"""The tone coach: run the rules on a draft and turn the matches into a scored report.

Order of work: prepare the text (HTML, quotes), guess the language, pick the rules whose key words
occur, run them, add the checks that are not single regexes (shouting, open questions, scare quotes,
repeated apologies), drop what is quoted or negated, score, decide the verdict.

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import replace
from itertools import accumulate, compress, islice
from operator import itemgetter

from . import lang, learned, universals
from .anchors import DIGIT, first_pairs, first_triples
from .model import MESSAGES, NEGATIVE, POSITIVE, WEIGHTS, Finding, ToneReport, wordset
from .rules import RULES, Rule
from .rules.general import _COMPLAINT as COMPLAINT_WORDS
from .rules.general import GUARDS as GENERAL_GUARDS
from .text import Prepared, lower_keeping_length, prepare

MAX_BONUS = 10  # positive signals can win back at most this many points
MAX_PER_CATEGORY = 3  # findings of one category beyond this cost nothing more
MAX_FINDINGS = 2000  # a pasted book yields a capped list (noted in the report)
WAIT_BELOW = 50  # a score under this means "wait before sending"

_WORD = re.compile(r"[^\W_]+")
_FACT_HINT = re.compile(r"[\d$€£¥₹§]")
# Rules whose first words are known run only where one of those words starts, and when the second
# word is known too, only where that pair of words occurs (anchors.py). The others are scanned, and
# only when one of their key words occurs.
_BY_FIRST: dict[str, list[int]] = {}  # first word -> rules whose second word can be anything
_BY_PAIR: dict[tuple[str, str], list[int]] = {}  # (first, second) -> rules
_KEY_INDEX: dict[str, list[int]] = {}
for _i, _r in enumerate(RULES):
    _pairs = first_pairs(_r.regex.pattern)
    if _pairs is None:
        for _k in _r.keys:
            _KEY_INDEX.setdefault(_k, []).append(_i)
        continue
    for _w1, _w2 in _pairs:
        if _w2 is None:
            _BY_FIRST.setdefault(_w1, []).append(_i)
        else:
            _BY_PAIR.setdefault((_w1, _w2), []).append(_i)
_KEYS = frozenset(_KEY_INDEX)
_FIRSTS = frozenset(_BY_FIRST) | frozenset(w for w, _ in _BY_PAIR)
_MATCHERS = [r.regex.match for r in RULES]
_FOCUS = ["f" in r.regex.groupindex for r in RULES]
# _WORD's tokens with the gaps between them (split() keeps a captured group): the lengths of the pieces
# give each word's position without a Python-level loop over match objects.
_WORD_SPLIT = re.compile(r"([^\W_]+)")
_ASCII_DIGIT = re.compile(r"[0-9]")  # a token starts with a digit (DIGIT) only if the text has one


Dispatch = dict[str, tuple[tuple[int, ...], dict[str, tuple[tuple[int, ...], dict[str, tuple[int, ...]]]]]]


def _dispatch_table() -> Dispatch:
    """First word -> (rules to try whatever the second word, {second word: (rules, {third word: rules})}).

    The rules for a known pair include those for any second word, and those for a known third word
    the ones for any third word, so the dispatch loop only looks words up and never merges lists.
    With no third words listed, the pair's rules are tried whatever the third word.
    """
    table: Dispatch = {w: (tuple(_BY_FIRST.get(w, ())), {}) for w in _FIRSTS}
    for (w1, w2), ids in _BY_PAIR.items():
        anywhere, seconds = table[w1]
        pair = tuple(sorted({*anywhere, *ids})) if anywhere else tuple(ids)
        seconds[w2] = _by_third(pair, w1, w2) if len(pair) >= _CROWDED else (pair, {})
    return table


_CROWDED = 4  # a pair with fewer rules than this is not worth reading the third words of its rules for
_THIRDS: dict[int, dict[tuple[str, str | None], set[str] | None] | None] = {}


def _third_words(i: int) -> dict[tuple[str, str | None], set[str] | None] | None:
    """Rule ``i``'s third words by (first, second) word (None: any), or None when they are unknown."""
    if i not in _THIRDS:
        triples = first_triples(RULES[i].regex.pattern)
        index: dict[tuple[str, str | None], set[str] | None] | None = None
        if triples is not None:
            index = {}
            for a, b, c in triples:
                known = index.setdefault((a, b), set())
                if known is not None:
                    index[(a, b)] = None if c is None else known | {c}
        _THIRDS[i] = index
    return _THIRDS[i]


def _by_third(ids: tuple[int, ...], w1: str, w2: str) -> tuple[tuple[int, ...], dict[str, tuple[int, ...]]]:
    """Split the rules tried after (w1, w2) by the third word: (rules for any third, {third: rules})."""
    allowed: dict[int, set[str] | None] = {}
    for i in ids:
        index = _third_words(i)
        if index is None:
            allowed[i] = None
            continue
        exact, loose = index.get((w1, w2), set()), index.get((w1, None), set())
        # none at all would contradict first_pairs: then the rule is tried whatever the third word
        allowed[i] = None if exact is None or loose is None else (exact | loose) or None
    if all(a is None for a in allowed.values()):
        return ids, {}
    known = sorted({w for a in allowed.values() if a for w in a})
    return (
        tuple(i for i in ids if allowed[i] is None),
        {w: tuple(i for i in ids if allowed[i] is None or w in allowed[i]) for w in known},  # type: ignore[operator]
    )


_DISPATCH = _dispatch_table()

# Uppercase letters of Latin, Greek and Cyrillic scripts, for shouting in any of them.
_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0410-\u042f\u0401"
_CAPS_RUN = re.compile(rf"[{_UP}][{_UP}']+(?![\w-])(?:[ \t,;:]+(?<![\w-])[{_UP}][{_UP}']*(?![\w-]))*")
_CAPS_WORD = re.compile(rf"[{_UP}][{_UP}']*")
_UPPER = re.compile(rf"[{_UP}]")
_LETTER = re.compile(r"[^\W\d_]")
_PUNCT_RUN = re.compile(r"[!?]{2,}")
ACRONYMS = wordset(
    """USD EUR GBP CHF CAD AUD JPY INR SEK NOK DKK PLN NZD VAT GST HST PDF PNG JPG JPEG GIF SVG PSD AI
    DOC DOCX XLS XLSX CSV HTML CSS JS API URL UI UX SEO CMS CRM ERP SLA SOW NDA MSA PO ID CEO CTO CFO COO
    HR PR QA FAQ ASAP FYI ETA EOD EOW COB BTW USA UK EU US NY LA LLC LTD INC GMBH SARL SAS BV PLC IBAN
    BIC SWIFT ACH SEPA TV PC MAC IOS OK AM PM WTF WTH OMG LOL FFS STFU OMFG GMT UTC CET CEST EST PST BST IT
    AWS GCP SQL PHP WP PS RE FW
    FWD CC BCC DM PTO OOO KPI ROI MVP CTA RSVP NB TBD TBC WIP AKA DIY HQ IP GDPR CCPA SSL TLS DNS VPN
    SMS MMS QR RFP RFQ NET EFT BACS CHAPS ACH GP MD PHD MBA BSC MSC OKR SAAS B2B B2C
    CMYK RGB RGBA DPI PPI HEX EPS TIFF TIF RAW MP4 MOV WAV MP3 SKU GTM CDN FTP SFTP SSH XML JSON YAML
    BBC ITV CNN NBC ABC CBS HBO NHS HMRC IRS LLP CPA ACCA BMW IBM NASA UN WHO IKEA ISO ISBN DOI CV PAYE NI
    SME SMB NGO CIC RFC EOI LOI MOU KYC AML SOP SLA CI CD QC AGM UAE NZ EEA GCSE GPA IELTS TOEFL SARS CRA ATO EPUB
    MOBI"""
)
_VOWELLESS = re.compile(r"[B-DF-HJ-NP-TV-XZ']+$")
_LOUD3 = wordset(
    """YOU NOW NOT WHY PAY ALL THE AND GET OUT WAY HOW WHO DID CAN ANY YET OWN SAY SEE TOO ONE TWO SIX TEN
    BUT FOR ARE WAS HAS HAD HIS HER ITS OUR MAY NEW OLD BIG BAD END LET PUT RUN SET TRY USE WON ASK DUE
    OFF MET GOT SAW YES WOW OMG LOL WTF FFS STOP"""
)
_EMOJI = {
    "\U0001f92c": ("profanity", "A swearing emoji reads as swearing.", True),
    "\U0001f595": ("profanity", "A rude gesture ends a negotiation.", True),
    "\U0001f621": ("shouting", "An angry face reads as shouting.", False),
    "\U0001f620": ("shouting", "An angry face reads as shouting.", False),
    "\U0001f4a2": ("shouting", "An anger symbol reads as shouting.", False),
    "\U0001f644": ("dismissive", "An eye-roll dismisses the other side's view.", False),
}
_EMOJI_RE = re.compile("|".join(_EMOJI))

_QMARK = re.compile(r"\?+")
_OPEN_START = re.compile(
    r"(?:(?:so|and|also|but|just|please|quick question|one more thing|one question|hi|hello|hey|out of interest)"
    r"[,:]?\s+)?"
    r"(?:what|how|which|when|where|who|would|could|can|will|is there|are there|is it|is that|do you|does|"
    r"did|have you|has|had|shall|should|may i|might|any|was|were|are|is|am i|must|just checking|checking|"
    r"maybe we|perhaps we|possibly we|perhaps the|maybe the|just to confirm|to confirm|"
    r"wondering|any (?:news|update|word))\b",
    re.I,
)
_CLAUSE_SEP = re.compile(r"(?:,|:| -| \u2013| \u2014)\s+")
_CLOSED_Q = re.compile(
    r"\b(?:even|kidding|joking|serious|wrong with you|were you thinking|hard (?:is|can) it|many times|who do "
    r"you think|will you ever|are you ever|do you ever plan|how am i supposed to|how are we supposed to|the hell|"
    r"the fuck|too much to ask|so hard|part of|"
    r"can't you|could you not|won't you|ever "
    r"going to|really think|dare|a joke|some kind of joke|lost your mind|out of your mind|how you treat|"
    r"any(?:one|body) (?:there|home|awake|alive|listening|reading))\b",
    re.I,
)
_TAG_QUESTION = re.compile(r"(?:\w+(?:n't)?|\w+ not) (?:you|it|they|we|he|she|i|there)\s*\?+\s*$", re.I)
_EITHER_OR = re.compile(r",? or (?:just |only |simply )?(?:the |a |an |some |both )?\w+[^?]*\?")
_APOLOGY_WORDS = frozenset({"sorry", "apologies", "apologise", "apologize"})
_SORRY = re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b", re.I)
_APOLOGY_FORMS = ("sorry", "apologise", "apologize", "apologies")  # what _SORRY matches, lower-cased
_COURTESY = re.compile(
    r"\b(?:please|kindly|thanks|thank you|could you|would you|can you|would it|if you (?:can|could|"
    r"don't mind|"
    r"have|need|want|would like|'d like)|when you (?:can|get a chance|have a moment)|at your (?:earliest )?"
    r"convenience|if possible|I'd appreciate|I would appreciate|appreciated|grateful)\b",
    re.I,
)
_SELF = re.compile(r"\b(?:I(?:'ll| will| can|'m| am)|we(?:'ll| will| can))\b|\bI(?:'ll| will)\b", re.I)
_TO_THEM = re.compile(r"\b(?:you|your|me|my)\b", re.I)
# Cues that negate what follows ("I'm not saying you failed"). These run on the lower-cased text
# just before a finding; no leading \b so that the engine can scan for the first letters quickly.
_NEG_CUE = re.compile(
    r"(?:(?:isn't|is not|not) me (?:saying|suggesting|implying|blaming|accusing)|"
    r"not (?:saying|suggesting|implying|claiming|accusing(?: you)?(?: of)?|blaming(?: you)?|calling you|"
    r"trying to (?:say|blame|accuse|suggest|imply))|(?:not|n't) that|n't (?:mean|say|think|believe|claim|"
    r"suggest|"
    r"want to say|call you)(?: to (?:say|suggest|imply))?|do not (?:think|mean|believe|say|claim)"
    r"(?: to (?:say|"
    r"suggest|imply))?|never (?:said|meant|suggested|claimed|called you)|(?:no one|nobody)(?: is|'s)"
    r" (?:saying|"
    r"suggesting|blaming|accusing)|(?:isn't|is not|wasn't|was not) about|not because|without (?:suggesting|"
    r"implying|blaming|saying))"
    r"(?:\s+(?!(?:but|and|so|because|yet|though|although|however)\b)[\w']+){0,4}"
    r"[\s,]*$"
)
_BARE_NEG = re.compile(
    r"(?:not|n't|never|almost|nearly|hardly|(?:none of|nothing about)(?: (?:this|that|it)(?:'s| is| was)?)?)"
    r"(?:\s+(?:at all|really|quite|entirely|always|"
    r"necessarily|exactly|all|just))?(?:\s+(?:a|an))?\s*$"
)
# A step the writer says they will not take (threats only: "I'm not going to keep fixing this crap" still
# swears).
_DECLINED = re.compile(r"\b(?:(?:not|never) going to|no intention of|no plans to)(?:\s+[\w']+){0,4}\s*$")
_BARE_NEG_CATEGORIES = frozenset({"absolute", "blame", "over_apology"})
_SELF_DIRECTED = frozenset({"profanity", "blame"})  # "I'm such an idiot" is an over-apology, not an insult
_COND = re.compile(r"(?:if|unless|in case|whether)\b[^.!?;\n,]*$")
_NEGATING = re.compile(r"not|n't|never|no|without")
_CONDITIONAL = re.compile(r"if|unless|case|whether")
_COND_CATEGORIES = frozenset({"accusation", "demand"})


def check(text: str | None, *, allow_legal: bool = False) -> ToneReport:
    """Check a draft's tone. Returns a ToneReport (score, verdict, findings in text order).

    ``allow_legal``: the escalation ladder has reached a formal step (final notice, letter before
    claim), so a plain statement of a legal next step is not flagged as a premature threat.
    """
    if not text or not text.strip():
        return ToneReport(score=100, verdict="send", findings=[], language="unknown", notes=["Empty draft."])
    prep = prepare(text)
    # Someone else's email quoted below the draft is not read at all (nothing in it would count): it is
    # blanked out, line breaks kept, so that positions still match the text.
    t = _without(prep.text, prep.blocks) if prep.blocks else prep.text
    low = lower_keeping_length(t)
    words, starts = _tokens(low)
    language = lang.detect(t, words)
    notes: list[str] = []
    if prep.html:
        notes.append("HTML was removed before checking; positions refer to the text as pasted.")
    raw: list[Finding] = []
    from_rules = 0  # raw[:from_rules] are the rules' findings
    pending: Pending = {}  # findings whose suggestion is worked out once they survive the filter
    if language == "non_en":
        notes.append("The tone coach is English-only for now: only shouting was checked.")
        raw.extend(_shouting(t))
    else:
        wordset = set(words)
        keys = _KEYS.intersection(wordset)
        if _FACT_HINT.search(t):
            keys = keys | {"#fact"}
        scanned = sorted({i for k in keys for i in _KEY_INDEX[k]})
        raw.extend(_run_rules(t, low, words, starts, scanned, allow_legal, pending))
        from_rules = len(raw)
        raw.extend(_shouting(t))
        raw.extend(_open_questions(t))
        raw.extend(_scare_quotes(prep))
        if not _APOLOGY_WORDS.isdisjoint(wordset):
            raw.extend(_repeated_apology(t, words))
    if not words and not _EMOJI_RE.search(t):
        notes.append("Nothing to check: no words found.")
    if not t.isascii():
        raw.extend(_emoji(t))
    findings, suppressed = _filter(prep, raw, from_rules)
    if language != "non_en" and words:
        second = learned.second_opinion(prep, low, raw, allow_legal=allow_legal,
                                        chat=not learned.CHAT_WORDS.isdisjoint(wordset))
        if second:
            findings = sorted(findings + second, key=lambda f: (f.start, -f.end))
    if any(f.category == "sarcasm" for f in findings):  # its windows are searched, not the whole text
        findings, insincere = _sincere_ones(low, findings)
        suppressed.extend((f, "sincere") for f in insincere)
    if len(findings) > MAX_FINDINGS:
        notes.append(f"Only the first {MAX_FINDINGS} findings are listed.")
        findings = findings[:MAX_FINDINGS]
    if pending:
        findings = [f if f.suggestion is not _LATER else _suggest(t, f, pending) for f in findings]
        suppressed = [(f if f.suggestion is not _LATER else _suggest(t, f, pending), why) for f, why in suppressed]
    if prep.html:
        findings = [_to_original(prep, f) for f in findings]
    score = _score(findings)
    return ToneReport(
        score=score,
        verdict=_verdict(score, findings),
        findings=findings,
        language=language,
        notes=notes,
        suppressed=[(_to_original(prep, f), why) for f, why in suppressed] if prep.html else suppressed,
        html=prep.html,
    )




# Congratulation and delight: a stock sarcastic phrase next to one of these, in a sentence that complains
# of nothing, is meant ("What a surprise to see you on the shortlist, congratulations!").
_SINCERE = re.compile(r"\b(?:congratulations|congrats|well[- ]deserved|so deserved|deserved|enjoyed|"
                      r"loved (?:it|this|that|working)|delighted (?:for|with)|proud of|happy for|thrilled for|"
                      # thanks meant and consolation: "Are you kidding, you're flying me out? Thank you!"
                      r"thank you(?: so much)?!|thanks so much!|you were (?:so |quite |absolutely )?right|"
                      r"these things happen|no harm done|"
                      # good news that lets something happen, and praise of the reader's call
                      r"so (?:i|we|you) can|looking forward|(?:great|good|smart|brilliant|nice) call|"
                      r"(?:this|it's|it is|looks?) (?:so good|perfect|gorgeous|stunning|beautiful)|look this good|"
                      r"small world|how small the world|"
                      # a good consequence: "so setup will be easy", "I'm free anyway", "can't wait"
                      r"so (?:[\w'-]+ ){0,3}(?:will be|is|are|gets|becomes) (?:easy|easier|free|simple|simpler|quick|"
                      r"quicker|fine|sorted|covered)|(?:i'm|we're) free (?:anyway|then|that day)|dying to meet|"
                      r"can't wait|(?:won't|don't) (?:even )?(?:need|have) to|no need for|"
                      # the fault placed on the writer's own side: "I'm sure you sent it, our firewall eats..."
                      r"our (?:firewall|spam filter|filter|system|server|inbox|mail server|it (?:team|people)))|"
                      "[\U0001F60D\U0001F389\U0001F64C\U0001F973\U0001F929\U0001F44F\u2764\U0001F495]")
# Thanks and good news: signs it is meant when they stand apart from the phrase, but themselves the
# vehicle of sarcasm often enough ("Thanks so much for the 6am call", "Fantastic news that the budget
# halved") that inside the learned layer's sentence-wide finding they say nothing.
_SINCERE_APART = re.compile(r"\b(?:thank(?:s| you)\b|well done\b|(?:that's|what) a (?:weight off|relief)|phew\b|"
                            r"(?:nice|great|good|brilliant|excellent|lovely) (?:work|job|call)\b|"
                            r"(?:really |truly )?appreciate (?:it|that|this|you)|much appreciated|grateful|"
                            r"(?:really |so |very )?(?:pleased|happy|thrilled|delighted) for (?:you|them|the team)|"
                            r"works (?:perfectly|great|well|fine) for (?:me|us)|loved (?:every|all|the)|"
                            r"(?:amazing|great|good|fantastic|wonderful|brilliant|best|"
                            r"exciting|lovely) news|this is (?:brilliant|amazing|great|fantastic|perfect|wonderful|"
                            r"incredible|exactly))")
# What makes thanks ironic after all: "Thanks so much for finally paying!", "only took you a month"
_BARBED = re.compile(r"\b(?:finally|for once|at last|bother\w*|even|only took|took you|eventually|miracle|as always|"
                     r"as usual|as ever|predictably|typical\w*|i guess|i suppose)\b|\bthen[.!]")


def _sincere_ones(low: str, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Split off the sarcasm findings (scare quotes aside) of sentences that congratulate, delight or
    thank, in that sentence or the next, or that go on to a next step ("Oh great, the deposit cleared,
    I'll start on Monday"), and hold no complaint word. A stock phrase that is a sentence of its own
    ("What a surprise.") stays sarcasm unless a congratulation or thanks says otherwise."""
    kept: list[Finding] = []
    meant: list[Finding] = []
    steps = [g.start for g in findings if g.category == "next_step"]
    for f in findings:
        if f.category == "sarcasm" and f.rule != "sarc.scare_quotes":
            s, e = _sentence_span(low, f.start, f.end)
            # and the next sentence, with its closing mark ("Thank you!")
            window_end = _sentence_span(low, e + 1, e + 1)[1] + 1 if e < len(low) else e
            # the signs of meaning it are looked for outside a rule's phrase ("Thanks so much for the 6am
            # call" is the sarcasm, not a sign against it); the learned layer's finding is the whole
            # sentence, so there thanks and good news count only in the next one
            inner = f.rule.startswith("sarc.")
            if inner:
                outside = ((s, f.start), (f.end, window_end))
                signs = [(rx, a, b) for rx in (_SINCERE, _SINCERE_APART) for a, b in outside]
            else:
                signs = [(_SINCERE, s, window_end), (_SINCERE_APART, e, window_end)]
            if not COMPLAINT_WORDS.search(low, s, e) and not _BARBED.search(low, s, window_end) and (
                any(rx.search(low, a, b) for rx, a, b in signs)
                # a stock opener, then a next step in the same sentence: "Oh great, the deposit cleared,
                # I'll start the wireframes on Monday"
                or (inner and not low[s:f.start].strip(" \t\n\"'(")
                    and any(f.end < g < e for g in steps))
            ):
                meant.append(f)
                continue
        kept.append(f)
    return kept, meant


def _without(t: str, regions: list[tuple[int, int]]) -> str:
    """``t`` with the characters of ``regions`` (sorted, disjoint) turned into spaces, line breaks kept."""
    parts: list[str] = []
    pos = 0
    for a, b in regions:
        parts.append(t[pos:a])
        parts.append("\n".join(" " * len(line) for line in t[a:b].split("\n")))
        pos = b
    parts.append(t[pos:])
    return "".join(parts)


class _Match:
    """A match on the lower-cased text whose groups read the original text (for suggestions)."""

    __slots__ = ("_m", "string")

    def __init__(self, m: re.Match, original: str) -> None:
        self._m = m
        self.string = original

    def group(self, name: int | str = 0) -> str | None:
        s, e = self._m.span(name)
        return None if s < 0 else self.string[s:e]

    def groupdict(self) -> dict[str, str | None]:
        return {k: self.group(k) for k in self._m.re.groupindex}

    def start(self, name: int | str = 0) -> int:
        return self._m.start(name)

    def end(self, name: int | str = 0) -> int:
        return self._m.end(name)


def _tokens(low: str) -> tuple[list[str], list[int]]:
    """The ``_WORD`` tokens of ``low`` and where each starts (one more entry: the end of the text).

    ``split`` with a captured group alternates gaps and words; the running sum of the pieces' lengths
    at each gap is where the next word starts. All of it runs in C.
    """
    parts = _WORD_SPLIT.split(low)
    return parts[1::2], list(accumulate(map(len, parts)))[::2]


def _anchored_matches(
    low: str, toks: list[re.Match], words: list[str] | None = None
) -> list[tuple[int, re.Match]]:
    """Matches of the anchored rules, each tried only where its first word (and second) occurs."""
    if words is None:
        words = [m.group() for m in toks]
    return _dispatch(low, words, [m.start() for m in toks])


def _dispatch(low: str, words: list[str], starts: list[int]) -> list[tuple[int, re.Match]]:
    """``_anchored_matches`` on tokens given as words and their start positions.

    Hits come in text order for each rule (a rule is tried once per word), which ``_run_rules`` relies
    on to order them by rule with a stable sort.
    """
    hits: list[tuple[int, re.Match]] = []
    table = _DISPATCH
    matchers = _MATCHERS
    if _ASCII_DIGIT.search(low):
        keys = [DIGIT if w[0] <= "9" else w for w in words]
        keys += ("", "")
    else:
        keys = [*words, "", ""]
    # Only the words that begin some rule are visited; compress() picks them out in C.
    for idx in compress(range(len(words)), map(table.__contains__, keys)):
        ids, seconds = table[keys[idx]]
        pair = seconds.get(keys[idx + 1]) if seconds else None
        if pair is not None:
            ids, thirds = pair
            if thirds:
                ids = thirds.get(keys[idx + 2], ids)
        if ids:
            p = starts[idx]
            for i in ids:
                mm = matchers[i](low, p)
                if mm is not None:
                    hits.append((i, mm))
    return hits


def _run_rules(
    t: str, low: str, words: list[str], starts: list[int], scanned: list[int], allow_legal: bool,
    pending: Pending,
) -> list[Finding]:
    """Findings of the anchored rules and of the scanned rules ``scanned``, in rule order (the order
    decides which of two overlapping findings of one category is kept)."""
    hits = _dispatch(low, words, starts)
    for i in scanned:
        hits.extend((i, m) for m in RULES[i].regex.finditer(low))
    # Each rule's hits are already in text order: a stable sort on the rule gives (rule, start) order.
    hits.sort(key=itemgetter(0))
    out: list[Finding] = []
    # Spans already found per category: a later rule's match inside one is a duplicate that the filter
    # would drop, so its guard and finding are not worth computing (rules are tried in order).
    # Consequently the findings returned never overlap one another within a category (_filter uses it).
    # Per category, the kept spans sorted by start (they never overlap, so their ends are sorted too):
    # an overlap check is a bisection, however many findings a long message has.
    starts_of: dict[str, list[int]] = {}
    ends_of: dict[str, list[int]] = {}
    rules, focused, guards = RULES, _FOCUS, GUARDS
    for i, m in hits:
        r = rules[i]
        if allow_legal and r.legal:
            continue
        ms, me = m.span("f") if focused[i] and m.start("f") >= 0 else m.span()
        cat = r.category
        begins = starts_of.get(cat)
        if begins is not None:
            k = bisect_right(begins, ms)
            if (k and ends_of[cat][k - 1] > ms) or (k < len(begins) and begins[k] < me):
                continue
        if r.guard and not guards[r.guard](t, m):
            continue
        f = _finding(t, i, m, ms, me, pending)
        if f is not None:
            if begins is None:
                starts_of[cat] = [f.start]
                ends_of[cat] = [f.end]
            else:
                k = bisect_right(begins, f.start)
                begins.insert(k, f.start)
                ends_of[cat].insert(k, f.end)
            out.append(f)
    return out


def _finding(t: str, i: int, m: re.Match, start: int, end: int, pending: Pending) -> Finding | None:
    """The finding of rule ``i`` for the span ``start``-``end`` of its match (trimmed of spaces)."""
    while start < end and t[start].isspace():
        start += 1
    while end > start and t[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    r = RULES[i]
    fixed = _FIXED_SUGGESTION[i]
    if fixed is None:
        suggestion = None
    elif fixed is _LATER:
        # worked out only for the findings that survive the filter (see _suggest)
        pending[(start, r.id)] = (r, m)
        suggestion = _LATER
    else:
        at_start, elsewhere = fixed
        suggestion = at_start if at_start == elsewhere or _at_sentence_start(t, start) else elsewhere
    return Finding(start, end, r.category, t[start:end], r.message, suggestion, r.id, r.weight, r.heated)


_LATER = "\x00"  # a suggestion still to be worked out
Pending = dict[tuple[int, str], tuple[Rule, re.Match]]


def _suggest(t: str, f: Finding, pending: Pending) -> Finding:
    """The finding with its suggestion worked out from its rule's function and match."""
    if f.suggestion != _LATER:
        return f
    r, m = pending[(f.start, f.rule)]
    s = _fit_case(r.suggest(_Match(m, t)).strip(), _at_sentence_start(t, f.start))  # type: ignore[operator]
    # the same as dataclasses.replace(f, suggestion=s), which costs several times more
    return Finding(f.start, f.end, f.category, f.text, f.message, s, f.rule, f.weight, f.heated, f.replaceable)


def _at_sentence_start(t: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and t[j] in " \t\r\"'(":
        j -= 1
    return j < 0 or t[j] in ".!?\n:>"


def _fit_case(s: str, at_start: bool) -> str:
    if not s:
        return s
    if at_start:
        return s[0].upper() + s[1:]
    if s.startswith(("I ", "I'")):
        return s
    return s[0].lower() + s[1:]


def _fixed_suggestion(r: Rule) -> tuple[str, str] | str | None:
    """A rule's suggestion as worked out once: None (a positive signal), _LATER (a function of the
    match) or the fixed text fitted for the start of a sentence and for elsewhere."""
    if r.category not in _NEGATIVE:
        return None
    if callable(r.suggest):
        return _LATER
    s = (r.suggest or "").strip()
    return _fit_case(s, True), _fit_case(s, False)


_NEGATIVE = frozenset(NEGATIVE)
_POSITIVE = frozenset(POSITIVE)
_FIXED_SUGGESTION = [_fixed_suggestion(r) for r in RULES]


def _sentence_span(t: str, i: int, j: int) -> tuple[int, int]:
    """Where the sentence around ``t[i:j]`` starts and ends (at . ! ? or a line break)."""
    start = max(t.rfind(c, 0, i) for c in ".!?\n") + 1
    ends = [k for k in (t.find(c, j) for c in ".!?\n") if k != -1]
    return start, min(ends) if ends else len(t)


def _sentence(t: str, i: int, j: int) -> str:
    start, end = _sentence_span(t, i, j)
    return t[start:end]


def _discourteous(t: str, m: re.Match) -> bool:
    return not _COURTESY.search(_sentence(t, m.start(), m.end()))


def _demanding_urgency(t: str, m: re.Match) -> bool:
    s = _sentence(t, m.start(), m.end())
    if _COURTESY.search(s) or _SELF.search(s) or not _TO_THEM.search(s):
        return False
    if m.string.startswith("now", m.start()):
        # "it's much cleaner now.": a state, not an order ("Send it now."); "by now" is a time
        before = m.string[max(0, m.start() - 120) : m.start()]
        if before.endswith(("by ", "until ", "till ", "for ", "up to ", "right up to ")):
            return False
        clause = before[max(before.rfind(c) for c in ",.;:!?\n") + 1 :]
        return not _STATE.search(clause)
    return True


_STATE = re.compile(r"\b(?:is|are|was|were|been|it's|that's|they're|there's|we're|i'm|you're|looks?|seems?|feels?)\b")


_ACTIONABLE = re.compile(
    r"\b(?:please|kindly|I'll|I will|I can|we can|let's|could|would|can you|will you)\b", re.I
)


def _actionable(t: str, m: re.Match) -> bool:
    return bool(_ACTIONABLE.search(_sentence(t, m.start(), m.end())))


GUARDS = {
    "discourteous": _discourteous,
    "demanding_urgency": _demanding_urgency,
    "actionable": _actionable,
    **universals.GUARDS,
    **GENERAL_GUARDS,
}


def _shouting(t: str) -> Iterable[Finding]:
    mostly_caps: bool | None = None
    for m in _CAPS_RUN.finditer(t):
        s = m.start()
        if s and (t[s - 1].isalnum() or t[s - 1] in "-_"):
            continue  # capitals inside a word ("eBAY", "INV-") are not shouting
        words = _CAPS_WORD.findall(m.group(0))
        # a capitalised word without a vowel is an abbreviation ("SSHRC", "DWG"), not a shouted word
        loud = [w for w in words if len(w) >= 2 and w.strip("'") not in ACRONYMS and not _VOWELLESS.match(w)]
        # A lone capitalised three-letter word is shouting only when it is an everyday word ("YOU",
        # "NOW"); otherwise it is most likely an acronym the list does not know ("ICC", "FTP").
        if not loud or len(loud) == 1 and (
            len(loud[0]) < 3 and loud[0] != "NO" or len(loud[0]) == 3 and loud[0] not in _LOUD3
        ):
            continue
        if mostly_caps is None:
            mostly_caps = _mostly_caps(t)
        e = m.end()
        quiet = re.sub(r"\bi\b", "I", m.group(0).lower())
        yield Finding(s, e, "shouting", m.group(0), MESSAGES["shouting"],
                      _fit_case(quiet, _at_sentence_start(t, s)), "shout.caps", WEIGHTS["shouting"],
                      bool(mostly_caps))
    if not ("!!" in t or "??" in t or "!?" in t or "?!" in t):
        return  # no run of two (four substring tests cost less than the regex scan)
    for m in _PUNCT_RUN.finditer(t):
        s, e = m.span()
        yield Finding(s, e, "shouting", m.group(0), "Runs of ! or ? read as shouting.",
                      "?" if "?" in m.group(0) else ".", "shout.punct", WEIGHTS["shouting"])


def _mostly_caps(t: str) -> bool:
    """Whether the draft is mostly capitals (over 60% of its letters, at least 12 of them)."""
    sample = t[:20000]
    if sample.isascii():
        # counted in C: the bytes left after deleting the capitals, and after deleting all letters
        b = sample.encode("ascii")
        upper = len(b) - len(b.translate(None, _ASCII_UPPER))
        return upper >= 12 and upper > 0.6 * (len(b) - len(b.translate(None, _ASCII_LETTERS)))
    upper = len(_UPPER.findall(sample))
    return upper >= 12 and upper > 0.6 * len(_LETTER.findall(sample))


_ASCII_UPPER = string.ascii_uppercase.encode("ascii")
_ASCII_LETTERS = string.ascii_letters.encode("ascii")


def _open_questions(t: str) -> Iterable[Finding]:
    if "?" not in t:
        return
    last_end = 0
    for q in _QMARK.finditer(t):
        if q.start() < last_end:
            continue
        qs = q.start()
        stop = max(t.rfind(".", 0, qs), t.rfind("!", 0, qs), t.rfind("?", 0, qs), t.rfind(";", 0, qs),
                   t.rfind("\n", 0, qs))
        start = max(last_end, stop + 1)
        last_end = q.end()
        body = t[start : q.end()].lstrip()
        if len(body) < 3 or body.lower().startswith("why"):
            continue
        if not _OPEN_START.match(body):
            # "Every time I log in it shows zero orders, is there a sync issue?": the question is the
            # clause that asks, so a complaint in the clause before it does not cancel it
            asking = next((sep.end() for sep in islice(_CLAUSE_SEP.finditer(body), 3)
                           if _OPEN_START.match(body, sep.end())), None)
            if asking is None or _TAG_QUESTION.match(body, asking):
                continue  # "..., did you?" asks nothing
            body = body[asking:]
        closed = _CLOSED_Q.search(body)  # the dearest test last: most questions are settled before it
        if closed and not (closed.group(0).lower() == "even" and _EITHER_OR.search(body)
                           and not _CLOSED_Q.search(body, closed.end())):
            continue  # but "Do you even need the print files, or just the web versions?" asks
        s = q.end() - len(body)
        yield Finding(s, q.end(), "open_question", body, MESSAGES["open_question"], None, "pos.question",
                      WEIGHTS["open_question"])


def _scare_quotes(prep: Prepared) -> Iterable[Finding]:
    for s, e in prep.scare:
        if prep.blocks and prep.is_quoted(s, e, blocks_only=True):
            continue  # in a quoted email, which is not read
        inner = prep.text[s + 1 : e - 1]
        yield Finding(s, e, "sarcasm", prep.text[s:e], "Scare quotes read as sarcasm; use the word plainly.",
                      inner, "sarc.scare_quotes", WEIGHTS["sarcasm"])


def _repeated_apology(t: str, words: list[str]) -> Iterable[Finding]:
    # In ASCII text each _SORRY match is a whole token of the lower-cased text, so fewer than three such
    # tokens rule the finding out without the (case-insensitive, hence slow) regex scan.
    if t.isascii() and sum(map(words.count, _APOLOGY_FORMS)) < 3:
        return
    hits = list(_SORRY.finditer(t))
    if len(hits) >= 3 and len(words) <= 40 * len(hits):
        m = hits[2]
        yield Finding(m.start(), m.end(), "over_apology", m.group(0),
                      "Apologising again and again reads as conceding fault; once is enough.", "",
                      "apol.repeated", WEIGHTS["over_apology"])


def _emoji(t: str) -> Iterable[Finding]:
    for m in _EMOJI_RE.finditer(t):
        category, message, heated = _EMOJI[m.group(0)]
        s, e = m.span()
        yield Finding(s, e, category, m.group(0), message, "", "emoji", WEIGHTS[category], heated)


def _filter(
    prep: Prepared, raw: list[Finding], disjoint: int = 0
) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """Drop duplicates (a finding overlapping an earlier one of its category), quoted, negated and
    conditional findings, and positives inside negatives.

    ``raw[:disjoint]`` are known not to overlap one another within a category (the rules' findings,
    see _run_rules), so only the findings after them can be duplicates.
    """
    t = prep.text
    kept: list[Finding] = []
    suppressed: list[tuple[Finding, str]] = []
    taken: dict[str, list[Finding]] = {}
    for k, f in enumerate(raw):
        same = taken.get(f.category)
        if same is None:
            same = taken[f.category] = []
        elif k >= disjoint and any(f.start < o.end and o.start < f.end for o in same):
            continue
        why = _suppression(prep, t, f)
        if why:
            suppressed.append((f, why))
        else:
            same.append(f)
            kept.append(f)
    negatives = [f for f in kept if f.category in _NEGATIVE]
    apologies = [f for f in negatives if f.category == "over_apology"]
    out: list[Finding] = []
    for f in kept:
        if apologies and f.category in _SELF_DIRECTED and any(
            o.start <= f.start and f.end <= o.end for o in apologies
        ):
            suppressed.append((f, "part of an over-apology"))
            continue
        if (
            negatives
            and f.category in _POSITIVE
            and f.category != "specific_fact"
            # an over-apology does not cancel the acknowledgement inside it ("I'm so sorry about this"), nor
            # capitals the thanks they shout ("THANK YOU!!")
            and any(f.start < n.end and n.start < f.end for n in negatives
                    if not (f.category == "acknowledgement" and n.category == "over_apology")
                    and not (f.category == "thanks" and n.category == "shouting"))
        ):
            suppressed.append((f, "inside a negative finding"))
            continue
        if f.category == "open_question" and negatives and _heated_lead(t, f, negatives):
            suppressed.append((f, "inside a negative finding"))
            continue
        out.append(f)
    out.sort(key=lambda f: (f.start, -f.end))
    return out, suppressed


_RHETORICAL_LEAD = frozenset({"sarcasm", "blame", "profanity"})


def _heated_lead(t: str, f: Finding, negatives: list[Finding]) -> bool:
    """Sarcasm, blame or an insult earlier in the question's sentence makes it rhetorical
    ("Wow, a reply within three weeks, is that a new record?", "This is ridiculous, how can a 4-page site
    take 6 weeks?"); a complaint, an accusation or a universal does not ("Every time I log in it shows zero
    orders, is there a sync issue?", "you never sent the invoice, how do I pay you?")."""
    start = _sentence_span(t, f.start, f.start)[0]
    return any(n.category in _RHETORICAL_LEAD and start <= n.start < f.start for n in negatives)


def _suppression(prep: Prepared, t: str, f: Finding) -> str | None:
    # Someone else's email quoted below the draft: nothing in it counts, scare quotes and facts included.
    if prep.blocks and prep.is_quoted(f.start, f.end, blocks_only=True):
        return "quoted"
    # A fact quoted inline (a contract term, a date) still counts: citing it is the point.
    if f.category == "specific_fact":
        return None
    if f.rule != "sarc.scare_quotes" and prep.quoted and prep.is_quoted(f.start, f.end):
        return "quoted"
    if f.category not in _NEGATIVE or f.category == "shouting":
        return None
    window = t[max(0, f.start - 80) : f.start].lower()
    # Every cue contains a _NEGATING word, so one must start where the cue may (the last 60 characters).
    cue_from = len(window) - 60 if len(window) > 60 else 0
    if _NEGATING.search(window, cue_from) and _NEG_CUE.search(window, cue_from):
        return "negated"
    if f.category in _BARE_NEG_CATEGORIES and _BARE_NEG.search(window[-40:]):
        return "negated"
    if f.category == "threat" and _DECLINED.search(window[-60:]):
        return "negated"  # "I'm not going to leave a bad review"
    if f.category in _COND_CATEGORIES and _CONDITIONAL.search(window):
        # the clause the finding is in (what [^.!?;\n,]*$ finds), without that regex's quadratic search
        tail = window[max(window.rfind("."), window.rfind("!"), window.rfind("?"), window.rfind(";"),
                          window.rfind("\n"), window.rfind(",")) + 1 :]
        if _COND.search(tail):
            return "conditional"
    return None


def _to_original(prep: Prepared, f: Finding) -> Finding:
    if not prep.html:
        return f
    s, e = prep.to_original(f.start, f.end)
    return replace(f, start=s, end=e)


def _score(findings: list[Finding]) -> int:
    """100 minus penalties (first finding of a category full, next ones half, at most three counted),
    plus up to MAX_BONUS for the positive signals present when there is something to make up for."""
    worst: dict[str, int] = {}
    count: dict[str, int] = {}
    for f in findings:
        if f.category in _NEGATIVE:
            worst[f.category] = max(worst.get(f.category, 0), f.weight)
            count[f.category] = count.get(f.category, 0) + 1
    penalty = sum(w * (1 + 0.5 * (min(count[c], MAX_PER_CATEGORY) - 1)) for c, w in worst.items())
    if not penalty:
        return 100
    bonus = min(MAX_BONUS, sum(WEIGHTS[c] for c in {f.category for f in findings if f.category in _POSITIVE}))
    return max(0, min(100, round(100 - penalty + bonus)))


def _verdict(score: int, findings: list[Finding]) -> str:
    negatives = [f for f in findings if f.category in _NEGATIVE]
    if score < WAIT_BELOW or any(f.heated for f in negatives):
        return "wait"
    return "revise" if negatives else "send"
