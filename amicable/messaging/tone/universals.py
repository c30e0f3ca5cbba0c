"""When is a universal word an absolute? The clause around it decides.

"Always", "every", "nothing", "completely"... are absolutes (an all-or-nothing claim that invites a
rebuttal) only when they make a complaint total: "you always pay late", "you ignored every deadline",
"nothing works", "totally unfair". The same words are harmless in the writer's own neutral practice
("I always send invoices on the 1st"), in a process or a plan ("every milestone is invoiced on
approval", "I'll refund everything"), in praise ("everything looks great") and with an explicit count
("all 4 invoices"). The rules in ``rules/absolutes.py`` find the universal word; the guards here read
its clause (lower-cased, up to , ; : or a joining word) and say whether it counts. The written policy
is in tests/data/tone/README.md ("absolute").

Each guard takes the original text and the match (on the lower-cased text) and returns True when the
finding stands. They only run where a universal word matched, so they may afford a few searches.

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import re

from .model import wordset
from .rules.people import JUDGE

# ---------------------------------------------------------------------------------------------
# Word lists (lower case; the guards read the lower-cased text)
# ---------------------------------------------------------------------------------------------
_NEGATION = r"not|no|never|nothing|nobody|none|without|cannot|\w+n't"
# Words that make a statement a complaint: negation, problems, failures, delays, judgements. Kept as a
# word set, stems and a few phrases rather than one alternation: a set lookup per word is several
# times faster than a long regex alternation tried at every position.
_PROBLEM_WORDS = wordset(
    """not no never nothing nobody none without cannot still
    wrong broken broke break breaks breaking bug bugs buggy error errors typo typos mistake mistakes late
    later overdue unpaid unanswered unread unfinished unusable unfair unreasonable unclear unhappy
    unreliable unresponsive miss missed misses missing forget forgets forgot forgotten excuse excuses
    problem problems issue issues demand demands demanding chase chased chases chasing remind reminded
    reminding reminder reminders waited waiting mess messy disaster nightmare joke useless pointless
    worthless terrible awful horrible bad worse worst poor poorly sloppy lazy rude lost losing stuck slow
    slower behind riddled chaos headache fight goalposts again ripoff scam fraud shambles lack lacking
    skipped skip skipping overrode overridden disregarded messed
    unacceptable ridiculous incompetent unprofessional pathetic clueless hopeless impossible amateurish
    amateur dishonest absurd outrageous disgraceful shameful appalling laughable careless arrogant greedy
    cheap shady insulting fraudulent disrespectful
    contradictory inconsistent incoherent confusing confused vague inaccurate incorrect incomplete
    misleading outdated corrupt corrupted garbled chaotic disorganised disorganized questioned queried
    disputed challenged nitpicked slipped slipping slips exhausting exhausted draining drained wiped erased
    overwritten deleted undone stalled fault badly poorly riddled muddle muddled clown clowns farce shambolic
    nonsense drivel rubbish garbage crap junk trash"""
) | {w for w in JUDGE.split("|") if w.isalpha()}
_PROBLEM_STEMS = (
    "crash", "delay", "ignor", "fail", "complain", "reject", "refus", "waste", "blam", "ruin", "struggl",
    "frustrat", "annoy", "argu", "nitpick", "critici", "moan", "whin", "glitch", "contradict", "inconsisten",
    "block", "stutter",
)
_PROBLEM_PHRASES = re.compile(
    r"n't\b|\b(?:ha(?:s|ve|d|ving) to|end(?:s|ed)? up|last[- ]minute|out of line|over the top|rip-off|"
    r"(?:is|was|went|goes|been) down|(?:keeps?|kept) \w+ing|(?:after|past|beyond) the deadline|"
    r"(?:outside|beyond|out of) (?:the |our )?(?:agreed |original )?scope|scope creep|"
    r"(?:adding|adds|added|add) \w+(?: \w+)? to the scope|dog's breakfast)\b"
)
_LETTERS = re.compile(r"[a-z]+")


def complaint_in(text: str) -> bool:
    """Whether ``text`` (lower case) holds a word that makes a statement a complaint."""
    if _PROBLEM_PHRASES.search(text):
        return True
    words = _PROBLEM_WORDS
    stems = _PROBLEM_STEMS
    return any(w in words or w.startswith(stems) for w in _LETTERS.findall(text))


# Complaints the writer makes about their own lot ("I always have to chase you").
_SELF_COMPLAINT = re.compile(
    r"\b(?:has to|have to|had to|having to|ends? up|ended up|chas(?:e|ed|es|ing)|remind\w*|waited|waiting|"
    r"wasted|still|again|(?:keeps?|kept) \w+ing|never|nothing)\b"
)
_PRAISE = re.compile(
    r"\b(?:great|good|well|fine|perfect|excellent|lovely|nice|happy|glad|pleasure|love|loved|enjoy\w*|"
    r"appreciat\w+|thank\w*|thx|grateful|helpful|kind|patient|prompt\w*|quick\w*|fast|responsive|reliable|"
    r"smooth\w*|on time|within terms|in full|welcome|ready|best|brilliant|amazing|fantastic|wonderful|spot on|clear|"
    r"generous|stunning|gorgeous|beautiful|delighted|thrilled|"
    r"flexible|fair|tidiest|clearest|cleanest|nicest|kindest|easiest|quickest|fastest|friendliest|smoothest|"
    r"finest|loveliest|sharpest|thorough|thoughtful|detailed)\b"
)
# Requests, offers and plans: a universal in them describes what should happen, not a grievance.
_PLAN = re.compile(
    r"\b(?:please|kindly|could you|would you|can you|will you|feel free|let's|let us|let me|happy to|"
    r"(?:i|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to|'d like to| would "
    r"like to| plan to| intend to| want to)|going forward|moving forward|from now on|make sure|you can|"
    r"you could|you may|you're welcome|you are welcome)\b"
)
_SELF_FAULT = re.compile(
    r"\b(?:my|our) (?:own )?(?:fault|mistake|error|doing|bad|responsibility)\b"
    r"|\b(?:take|taking|accept|accepting) (?:all |full |complete |total )?(?:the )?(?:blame|responsibility)\b"
    r"|\b(?:blame|fault|responsibility|mistake)(?:'s| is| was| lies| rests) (?:all )?(?:on|with) me\b"
    r"|\b(?:review|reviews|post|posts|word)\b[\w ]{0,25}\bon every\b"
    r"|\bevery \w+(?: [\w-]+){0,5} (?:is|are|will|'s|'ll)(?: be)?(?: going to| gonna| about to)? (?:hear|know|find "
    r"out|learn)\b"
    r"|\b(?:tell|warn) every\w*\b|\b(?:it'd|it would|it will) be a (?:pity|shame)\b"
)
# Reassurance and promises: a universal that protects the reader ("so nothing gets lost", "no one but me
# will see your documents", "we'd never share your files", "you never need to convert anything").
_REASSURE = re.compile(
    r"\b(?:nothing|none of (?:it|them|this|your \w+)) (?:gets?|will|would|is|'s|can|could|ever)(?: \w+)?(?: be| get)? "
    r"(?:lost|missed|forgotten|wasted|overlooked|left behind|deleted|shared|leaked|overwritten|corrupted)\b"
    r"|\b(?:you|u)(?:'ll| will)? never (?:need|have) to\b|\b(?:u|you) can always\b"
)
# Promises about the reader's data or work cover the whole sentence ("We'd never share your documents, and
# every file is deleted 30 days after delivery").
_PROMISE = re.compile(
    r"\b(?:no one|nobody) (?:besides|but|except|other than|apart from|outside) (?:me|us|you|our team)\b"
    r"|\b(?:we|i)(?:'d| would| will|'ll| do| shall)? never (?:share|sell|pass on|publish|disclose|reuse|resell|"
    r"charge you|give away|show)\b"
)
_SELF_FAULT_MORE = re.compile(
    r"\b(?:down to|on) me(?: alone| and nobody else| and no one else)?\b|\b(?:the )?blame is (?:all )?mine\b|"
    r"\b(?:mine|my fault|my mistake) alone\b"
)
_EXCLUDE = re.compile(f"{_PLAN.pattern}|{_SELF_FAULT.pattern}|{_REASSURE.pattern}|{_SELF_FAULT_MORE.pattern}")
_KIND = re.compile(
    r"\b(?:no problem|no worries|not a problem|no trouble|everyone makes mistakes|nobody's perfect|"
    r"no one's perfect)\b"
    # praise of the work: "not a single image needed reshooting", "nothing needed fixing"
    r"|\b(?:not (?:a single|one)|none of the|nothing)(?: \w+){0,2} (?:needed|required|had to be|has needed|needs) "
    r"(?:any |a |\w+ )?(?:reshooting|re-shooting|fixing|changing|changes|edits|editing|correcting|correction|"
    r"redoing|rework|reworking|retouching|touching up|a second pass|another pass)\b"
    r"|(?:not|none|nothing|no one|nobody)\b[^.!?\n]{0,30}\b(?:your|anyone's) fault"
)
_COUNTED = re.compile(
    r"(?:all|every|each|none|any)(?: of)?(?: (?:the|my|your|our|these|those|its|their|his|her))? "
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|both)\b"
)
_IRONIC_PRAISE = re.compile(
    r"\b(?:i (?:just |really )?love how|(?:i )?love the way|(?:gotta|got to|have to|you've got to|you have to) love|"
    r"don't you (?:just )?love|love it when|funny how)\b"
)
_STATUS = re.compile(r"\b(?:yet|so far|as of|until|for now|at the moment|to date)\b")
_SUBJECTS = re.compile(r"\b(?:i|we|you|they|he|she|it|there)\b")
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2013\u2014]| - |\b(?:but|so(?! far)|because|although|though|while|whereas|however|unless|except)\b"
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_PAST = wordset(
    """received got gotten sent heard had saw seen paid replied answered told gave given made done delivered
    read responded signed approved confirmed mentioned said been came knew found thought took brought
    bought left lost kept meant met put ran sat set spent stood understood went won wrote once again"""
)
_EXPERIENCE = wordset("get gets hear hears receive receives know knows see sees find finds have feel")


_WINDOW = 300  # a clause longer than this is cut: guards read at most this far either side


def sentence_bounds(low: str, i: int, j: int) -> tuple[int, int]:
    lo = max(0, i - _WINDOW)
    start = max(low.rfind(".", lo, i), low.rfind("!", lo, i), low.rfind("?", lo, i), low.rfind("\n", lo, i))
    m = _SENTENCE_END.search(low, j, j + _WINDOW)
    return (start + 1 if start >= 0 else lo), (m.start() if m else min(len(low), j + _WINDOW))


def clause_bounds(low: str, i: int, j: int, sentence: tuple[int, int] | None = None) -> tuple[int, int]:
    """The clause around ``low[i:j]``: within its sentence, up to punctuation or a joining word."""
    s, e = sentence or sentence_bounds(low, i, j)
    start = s
    for m in _CLAUSE_BREAK.finditer(low, s, i):
        start = m.end()
    m = _CLAUSE_BREAK.search(low, j, e)
    return start, (m.start() if m else e)


_NEGATED = re.compile(rf"\b(?:{_NEGATION})\b")
_RECEIVED = re.compile(r"\b(?:i|we) (?:got|received|inherited)(?: back)?\b")
_NOT_OBLIGED = re.compile(r"\b(?:shouldn't|should not|shouldnt) have to\b")


class Context:
    """The clause of a universal word, split at the word, with the questions the guards ask."""

    __slots__ = ("_sentence", "after", "before", "clause", "low", "m", "word")

    def __init__(self, m: re.Match) -> None:
        low = m.string
        i, j = m.span()
        self._sentence = sentence_bounds(low, i, j)
        cs, ce = clause_bounds(low, i, j, self._sentence)
        self.low, self.m = low, m
        self.before, self.word, self.after = low[cs:i], low[i:j], low[j:ce]
        self.clause = low[cs:ce]

    @property
    def sentence(self) -> str:
        return self.low[self._sentence[0] : self._sentence[1]]

    def complaint(self) -> bool:
        """Something in the clause, other than the universal word itself, makes it a complaint."""
        return complaint_in(self.before) or complaint_in(self.after)

    def negated_before(self) -> bool:
        """"You didn't fix everything", "not every change": a partial, not a universal. "I shouldn't have
        to explain it every week" negates the obligation, not the universal."""
        return bool(_NEGATED.search(_NOT_OBLIGED.sub(" ", self.before)))

    def praise(self) -> bool:
        """Praise in the clause (the sentence, when the clause is only a few words: "As always,
        thanks...") and no complaint in it. Ironic praise ("I love how the budget shrinks every time")
        is none."""
        where = self.clause if self.clause.count(" ") > 2 else self.sentence
        if _IRONIC_PRAISE.search(self.sentence):
            return False
        return bool(_PRAISE.search(where)) and not complaint_in(where.replace(self.word, " ", 1))

    def counted(self) -> bool:
        return bool(_COUNTED.match(self.low, self.m.start()))

    def status(self) -> bool:
        return bool(_STATUS.search(self.clause))

    def subject(self) -> str | None:
        """The last personal subject before the word in its clause ("i", "you", "there"...); not the
        writer of a relative clause about what they received ("the spreadsheet I got back is...")."""
        found = _SUBJECTS.findall(_RECEIVED.sub(" ", self.before))
        if found:
            return found[-1]
        return "your" if "your" in self.before else None

    def main_subject_after(self) -> str | None:
        """For a leading "every time ..." clause: the first subject of the clause that follows."""
        end = len(self.low) if not self.after else self.m.end() + len(self.after)
        found = _SUBJECTS.search(self.low, end, self._sentence[1])
        return found.group(0) if found else None

    def own_practice(self) -> bool:
        """The writer describes their own habit ("I always send invoices on the 1st") and does not
        complain about it ("I always have to chase you")."""
        if _IRONIC_PRAISE.search(self.sentence):
            return False  # "I love how ..." frames what someone else does
        who = self.subject()
        if who is None and not self.before.strip():
            who = self.main_subject_after()
        return who in ("i", "we") and not _SELF_COMPLAINT.search(_REASSURE.sub(" ", self.sentence))

    def excluded(self, negative: bool = False) -> bool:
        """The shared reasons a universal is not an absolute: a request, offer or plan, the writer's
        own fault, a kind idiom, praise. A ``negative`` universal ("nothing", "not a single") negates
        what follows, so praise words after it ("on time") are no praise."""
        if _EXCLUDE.search(self.clause) or _KIND.search(self.sentence) or _PROMISE.search(self.sentence):
            return True
        return not negative and self.praise()


# ---------------------------------------------------------------------------------------------
# Guards
# ---------------------------------------------------------------------------------------------
_NEVER_IDIOM = re.compile(
    r"never (?:mind|hesitate|been happier|better|too (?:late|early|soon)|hurts|fails to (?:amaze|impress)|"
    r"say never)|than never|never say never"
    # a comparative after never is praise ("the site has never been faster", "never looked better")
    r"|never (?:been|looked|felt|run|ran|loaded|worked|sounded|seemed|gone|moved) (?:so |any )?(?:\w+ier|"
    r"\w+er|better|more \w+)\b(?! than)"
    # never + a failure verb is a double negative: praise ("you've never missed a payment")
    r"|never (?:once )?(?:missed|miss|misses|failed to|fail to|fails to|forgot|forget|forgets|let (?:me|us) down|"
    r"disappointed|disappoints|been late|paid late|bounced)\b"
)


# "I've never had a client give such thorough feedback": never met anything as good, which is praise
_NEVER_PRAISE = re.compile(
    r"never (?:once )?(?:had|seen|met|worked with|come across|received|got|read) (?:a|an|such|so|more|better)\b"
    r"[^.!?\n]{0,60}\b(?:such|so|more|better|nicer|clearer|thorough|good|great|helpful|generous|kind|lovely|"
    r"professional|organi[sz]ed|detailed|responsive|easy|pleasant)\b"
)
_SELF_HABIT = re.compile(r"\b(?:i|we)(?:'d|'ll| would| will| do| usually| generally| normally| also| just)*\s+$")


def never(t: str, m: re.Match) -> bool:
    """"never": any subject, except idioms, an instruction, and the writer's own habit or promise."""
    low = m.string
    if low[max(0, m.start() - 5) : m.start()].endswith(("than ", "say ")) or _NEVER_IDIOM.match(low, m.start()):
        return False
    c = Context(m)
    nxt = (m.group("next") or "") if "next" in m.re.groupindex else ""
    again = "again" in c.after or nxt in ("once", "again")
    pastish = nxt in _PAST or nxt.endswith("ed")
    if not c.before.strip() and not again and not pastish and _at_sentence_start(low, m.start()):
        return False  # "Never send raw files by email." is an instruction
    self_habit = _SELF_HABIT.search(c.before)
    if self_habit and not again and not pastish and nxt not in _EXPERIENCE:
        return False
    sentence = c.sentence
    if _NEVER_PRAISE.match(low, m.start()):
        return False
    return not (_REASSURE.search(sentence) or _PROMISE.search(sentence))


def frequency(t: str, m: re.Match) -> bool:
    """always, every time, all the time, constantly...: about the reader, the work or the situation."""
    c = Context(m)
    return not (c.excluded() or c.own_practice())


_EMPHATIC = ("each and every", "every single", "every last")
# A bare command at the start of a sentence: the universal is part of a request or demand ("Fix every
# bug on the list"), which the demand rules judge.
_IMPERATIVE = re.compile(
    r"(?:please |just |now )?(?:fix|send|resend|pay|check|update|remove|delete|change|add|test|review|finish|"
    r"deliver|return|give|provide|get|sort|clean|replace|correct|answer|redo|list|include|label|attach|"
    r"upload|export|rename|approve|sign|read|mark|copy|forward|print|move|make|use|keep|bring|tell) "
)


_OBLIGED = re.compile(r"\b(?:have to|has to|need to|needs to|must|got to|gotta|required to) \w+(?: up| back| out)? $")


def quantity(t: str, m: re.Match) -> bool:
    """every/each/all + noun, everything, everyone, whole: only in a complaint. An emphatic universal
    ("each and every", "every single") is itself the complaint's all-or-nothing, so it needs none."""
    if _COUNTED.match(m.string, m.start()):
        return False
    c = Context(m)
    if c.negated_before():
        return False
    start = c.m.start() - len(c.before)
    if start == c._sentence[0] or not c.low[c._sentence[0] : start].strip():
        lead = c.low[start : c.m.start()].lstrip(" \t\"'(")
        if _IMPERATIVE.match(lead):
            return False
    if _OBLIGED.search(c.before):
        return False  # "You have to fix all these bugs": the demand is the finding
    if c.subject() in ("i", "we"):
        if not _SELF_COMPLAINT.search(c.clause):
            return False
    elif not (c.word.startswith(_EMPHATIC) or c.complaint()):
        return False
    return not c.excluded()


def after_negation(t: str, m: re.Match) -> bool:
    """"a single question" counts after a negation: "you haven't answered a single question"."""
    c = Context(m)
    return c.negated_before() and not c.excluded(negative=True)


_NOTHING_PRED = re.compile(
    r" (?:(?:ever|really|actually|seems to|seemed to|has|had|have|has ever|has been|have been|was|were|is|"
    r"gets|got|will|would|can)\s)?(?:ever|works?|worked|working|loads?|loaded|match(?:es|ed)?|fits?|"
    r"functions?|happens?|happened|moves?|moved|changes?|changed|arrives?|arrived|came|comes|improved|"
    r"done|fixed|delivered|sent|paid|approved|accepted|right|correct|good enough|enough|acceptable|"
    r"pleases|satisfies|meets|met|gets done|got done|progressed|shipped|finished|completed|reflects?|reflected|"
    r"resembles?|follows?|followed|matches|reach(?:ed|es)?|landed|lands|cleared|clears|turned up|turns up|"
    r"showed up|shown up|come through|came through|comes through|gone through|went through|goes through)\b"
)
_NOTHING_OBJ = re.compile(
    r"\b(?:(?:tells?|told|gives?|gave|shows?|showed|means?|meant|offers?|offered) (?:me|us)|and (?:heard|received|"
    r"got|gotten)(?: back)?|(?:you|they|he|she|your \w+)(?:'ve| have| had)? (?:done|did|do|does|sent|delivered|"
    r"paid|said|"
    r"offered|provided|given|gave|fixed|changed|contributed|achieved|accomplished)|(?:i|we)(?:'ve| have| "
    r"had)? (?:received|got|gotten|heard|seen|had|get|hear|see|learned)(?: back)?|(?:i|we) (?:got|get) back|"
    r"(?:our|my) (?:server|inbox|system|account|bank|mailbox|portal) (?:has )?(?:received|got|shows|showed)|"
    r"(?:then|and|but) (?:heard|received|got)(?: back)?)"
    r"(?: absolutely| literally)? $"
)
_NOTHING_NOT = re.compile(
    r" (?:to |else|more|less|new|personal|short of|wrong|missing|broken|lost|pending|outstanding|due|owed|"
    r"needed|required|urgent|serious|(?:i|we|you|they) (?:need|have to|has to|should|must|can|could|"
    r"would|might|may|will|'ll))"
)


# "nothing in the brief matches", "nothing on this site works": a prepositional phrase, then the failure
_NOTHING_PP = re.compile(r" (?:in|on|from|of|at|with|about)\b[^.,;:!?\n]{1,40}?" + _NOTHING_PRED.pattern)
_NOTHING_REL = re.compile(r" (?:i|we|you|they|he|she|your \w+) \w+")
_NOTHING_HEDGE = re.compile(r"\b(?:for|next to|almost|virtually|practically) $")


def nothing(t: str, m: re.Match) -> bool:
    """"nothing" as the subject of a failure ("nothing works"), the object of what they did or gave
    ("you've done nothing", "I got nothing but excuses"), or emphasised ("absolutely nothing")."""
    low = m.string
    rest = low[m.end() : m.end() + 40]
    if _NOTHING_HEDGE.search(low, max(0, m.start() - 12), m.start()) or _NOTHING_NOT.match(rest):
        return False
    word = m.group(0)
    c = Context(m)
    if not (
        word.startswith("absolutely")
        or word.endswith(" like")
        or rest.startswith((" at all", " but ", " about "))
        or _NOTHING_REL.match(rest)  # "nothing I send you is right", "nothing you delivered works"
        or _NOTHING_PRED.match(rest)
        or _NOTHING_PP.match(low, m.end(), m.end() + 80)
        or _NOTHING_OBJ.search(c.before)
    ):
        return False
    return not (c.excluded(negative=True) or c.status())


_NOBODY_NOT = re.compile(
    r"(?: (?:else|but|except|other than|will|would|can|could|should|must|needs|has to|may|might|is to blame)"
    r"|(?: is|'s| was| has been) (?:saying|suggesting|blaming|accusing|calling|asking|expecting|doubting|"
    r"questioning|criticising|criticizing|perfect|to blame)|'s fault)\b"
)
_NOBODY_VERB = re.compile(
    r"\b(?:answer\w*|repl\w+|respond\w*|told|tells?|bother\w*|cares?|cared|listen\w*|reads?|acknowledg\w+|"
    r"return\w*|call\w* back|got back|gets back|get back|follow\w* up|explain\w*|paid|pays?|show\w* up|"
    r"turn\w* up|help\w*|check\w*|took|takes|knows?|informed|warned|mentioned|picks? up|picked up|signed|"
    r"approved|confirmed|reviewed|looked|ever|seems to|thought|saw|seen|noticed|spotted|read|"
    # a set left unused or unattended: "none of the photos were used", "none of my notes were applied"
    r"used|included|implemented|applied|actioned|addressed|considered|followed|opened|tested|updated|"
    r"credited|kept|made it)\b"
)


def nobody(t: str, m: re.Match) -> bool:
    """"nobody"/"no one" as the subject of a complaint ("nobody answers", "no one told me")."""
    if _NOBODY_NOT.match(m.string, m.end()) or _EVER_SAID.match(m.string, m.start()):
        return False
    c = Context(m)
    return bool(_NOBODY_VERB.search(c.after) or c.complaint()) and not c.excluded(negative=True)


_EVER_BEFORE = re.compile(
    rf"\b(?:{_NEGATION}|no one|worst|longest|slowest|hardest|rudest|messiest|biggest|most|least|"
    r"latest|poorest)\b"
)


_EVER_SAID = re.compile(r"\b(?:no one|nobody|no-one) ever (?:said|promised|claimed)\b")


def ever(t: str, m: re.Match) -> bool:
    """"ever" after a negative or a superlative ("nothing is ever right", "the longest I've ever
    waited"), or "ever again" after a negative; not the idiom "no one ever said it would be easy"."""
    c = Context(m)
    if _EVER_SAID.search(c.clause):
        return False
    if c.word.startswith(("not ", "never")) or "n't" in c.word:
        return not c.excluded(negative=True)
    return (bool(_EVER_BEFORE.search(c.before)) and not _PLAN.search(c.clause) and not c.praise()
            and not _PROMISE.search(c.sentence) and not _REASSURE.search(c.sentence))


_GOOD_AFTER = re.compile(r" (?:\w+ )?(?:fine|ok|okay|right|correct|understand\w*|agree\w*|happy|up to you|free|new)\b")
_TOTAL_EXTRA = wordset(
    "different differently out off irrelevant unrelated inadequate insufficient unnecessary uncalled down "
    "offline broken unusable buried drowned muddy muddied washed flat lifeless unreadable illegible robotic "
    "wooden stiff bland generic cowboy disgrace disgraceful fed"
)


def totaliser(t: str, m: re.Match) -> bool:
    """totally/completely/utterly... before a negative judgement or state, not about oneself."""
    low = m.string
    if _GOOD_AFTER.match(low, m.end()):
        return False
    nxt = low[m.end() : m.end() + 30]
    if not (nxt.startswith(" ") and (any(
        w in _TOTAL_EXTRA or complaint_in(w) for w in _LETTERS.findall(nxt)[:2]
    ) or _PROBLEM_PHRASES.match(nxt, 1))):
        return False
    c = Context(m)
    # the writer's own state can be the complaint: "I am utterly fed up with chasing this"
    if c.subject() in ("i", "we") and not _FED_UP.match(low, m.end()):
        return False
    return not c.excluded()


_FED_UP = re.compile(r" (?:fed up|sick (?:and tired )?of|tired of|done with|exhausted by|worn out by)\b")
_WHOLE_DET = re.compile(r"\b(?:the|this|that|your|my|our|his|her|their|a|an) $")
# "the whole point", and durations ("down the entire week": how long, not how much).
_WHOLE_NOT = re.compile(r" (?:lot|point|time|day|week|month|year|morning|afternoon|evening|night|weekend|hour|"
                        r"summer|winter|spring|autumn|quarter)s?\b")


def whole(t: str, m: re.Match) -> bool:
    """"the whole thing", "this entire project" in a complaint."""
    low = m.string
    if not _WHOLE_DET.search(low, max(0, m.start() - 7), m.start()) or _WHOLE_NOT.match(low, m.end()):
        return False
    return quantity(t, m)


def postposed(t: str, m: re.Match) -> bool:
    """A totaliser after what the reader did ("You ignored the shot list completely"), not the writer's
    own lapse ("I forgot it completely")."""
    c = Context(m)
    return c.subject() not in ("i", "we") and not c.excluded(negative=True)


def plain(t: str, m: re.Match) -> bool:
    """An emphatic universal ("not once", "don't ever"): only the shared exclusions apply."""
    return not Context(m).excluded(negative=True)


_NONE_PRED = re.compile(rf"{_NOBODY_VERB.pattern}|{_NOTHING_PRED.pattern[1:]}")


_NONE_NOUN = re.compile(r" (?:(?:my|your|the|our|their|these|those|his|her|its) )?\w+")


def none_of(t: str, m: re.Match) -> bool:
    """"none of my emails got a reply": a failure over a whole set (but "none of the files is
    missing" reassures, and "none of this is your fault" is kind)."""
    if _COUNTED.match(m.string, m.start()):
        return False
    c = Context(m)
    noun = _NONE_NOUN.match(c.after)
    rest = c.after[noun.end() :] if noun else c.after
    if complaint_in(c.after) or not _NONE_PRED.search(rest):
        return False
    return not (c.excluded(negative=True) or c.status())


def _at_sentence_start(low: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and low[j] in " \t\r\"'(":
        j -= 1
    return j < 0 or low[j] in ".!?\n:>"


GUARDS = {
    "abs_plain": plain,
    "abs_postposed": postposed,
    "abs_none": none_of,
    "abs_never": never,
    "abs_frequency": frequency,
    "abs_quantity": quantity,
    "abs_after_negation": after_negation,
    "abs_nothing": nothing,
    "abs_nobody": nobody,
    "abs_ever": ever,
    "abs_totaliser": totaliser,
    "abs_whole": whole,
}
