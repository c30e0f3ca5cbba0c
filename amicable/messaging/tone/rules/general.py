"""General phrasings: the open-ended forms of accusation, blame, sarcasm, over-apology and the positive
signals, found from a key word and its clause rather than from a fixed phrase.

The phrase rules in people.py, heat.py and signals.py name the common wordings; the rules here cover
the same ideas however they are worded:

- a judgement word ("shoddy", "a shambles", "daylight robbery") counts as blame when the clause
  predicates it of the reader or the work ("the brief is vague", "that's a ridiculous request",
  "what a mess"), not when the writer judges themselves ("my draft was sloppy") or uses it of a
  noun phrase that is not the reader's ("a terrible week");
- "you" + a failure ("you went silent", "you dropped the ball", "you didn't bother to check") is an
  accusation, whatever the verb, except for verbs that state no failure ("you didn't need to");
- ironic praise or thanks ("Lovely, the site's down again", "thanks so much for letting me know a week
  after the deadline") is sarcasm when the same sentence carries the complaint;
- an apology that takes the whole fault ("the wrong rate was entirely my mistake", "I let you down")
  is an over-apology whatever its subject;
- recognising the reader's view ("I hear where you're coming from", "totally understandable") is
  acknowledgement; a commitment in the first person ("I'll ring you first thing") is a next step.

Each guard takes the original text and the match (on the lower-cased text) and returns True when the
finding stands. Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import re

from ..model import wordset
from .base import REST, rest, rule

_END = re.compile(r"[.!?\n]")


def sentence_bounds(low: str, i: int, j: int) -> tuple[int, int]:
    """The sentence around ``low[i:j]`` (at most 300 characters either side)."""
    lo = max(0, i - 300)
    start = max(low.rfind(".", lo, i), low.rfind("!", lo, i), low.rfind("?", lo, i), low.rfind("\n", lo, i))
    m = _END.search(low, j, j + 300)
    return (start + 1 if start >= 0 else lo), (m.start() if m else min(len(low), j + 300))


# ---------------------------------------------------------------------------------------------
# Blame: a judgement word predicated of the reader or the work
# ---------------------------------------------------------------------------------------------
# Judgements that read as blame wherever the clause predicates them ("the brief is vague") and, for
# the strong ones, also before a noun ("a shoddy brief", "your sloppy work").
_STRONG = wordset(
    """unprofessional incompetent amateurish sloppy shoddy substandard subpar half-baked slapdash ridiculous
    absurd outrageous unacceptable disgraceful shameful appalling laughable pathetic useless lazy careless
    dishonest misleading unreasonable insulting disrespectful fraudulent shady dodgy sketchy atrocious
    abysmal dreadful woeful mediocre second-rate third-rate ludicrous preposterous inexcusable unforgivable
    clueless inept negligent deceitful deceptive underhanded unethical shambolic farcical embarrassing
    disgusting contemptuous condescending patronising patronizing petty childish immature unhelpful
    uncooperative unresponsive disorganised disorganized unreliable hopeless botched lazy
    nonsensical lousy cowboy exploitative predatory extortionate stupid idiotic moronic dumb brain-dead crap
    crappy shite shit shitty sh*t sh*tty rubbish garbage trash junk worst shabby bush-league
    rude arrogant greedy"""
)
# Judgements that are blame only when predicated ("your rate is cheap" but not "a cheap option").
_PREDICATE_ONLY = wordset(
    """vague chaotic terrible awful horrible poor bad worthless pointless insane crazy nuts bonkers mad
    unbelievable overpriced cheap amateur unworkable unrealistic"""
)
# Nouns of judgement, after a/an (or "what a", "such a"): "a shambles", "a farce", "a waste of time".
_NOUNS = wordset(
    """joke disaster mess nightmare ripoff rip-off scam fraud shambles farce fiasco circus travesty debacle
    catastrophe trainwreck disgrace embarrassment con racket swindle cowboy cowboys amateur amateurs
    insult liability theft robbery stealing extortion liar liars clown clowns idiot idiots moron morons muppet
    muppets crook crooks thief thieves fraudster fraudsters scammer scammers cheat cheats jerk prick dick
    imbecile loser losers numpty plonker pillock joker jokers cheapskate cheapskates chancer chancers
    charlatan charlatans"""
)
_ADJ_PHRASES = re.compile(r"(?:impossible to (?:work|deal|reason) with|out of (?:order|line)|beyond a joke|below par)")
_NOUN_PHRASES = re.compile(
    r"(?:train wreck|dumpster fire|amateur hour|daylight robbery|highway robbery|clown show|waste of (?:time|"
    r"money|space|effort)|slap in the face|kick in the teeth|piss-?take|complete joke|dog's breakfast|(?:a )?new low|"
    r"bunch of (?:clowns|amateurs|cowboys|idiots|muppets|jokers|children)|load of (?:rubbish|nonsense|garbage|"
    r"drivel|tosh|twaddle|bollocks|codswallop|hogwash|tripe|cobblers))"
)
# Words that may sit between the copula and the judgement ("is frankly a bit of a shambles").
_MODIFIERS = (
    r"so|very|completely|totally|utterly|absolutely|just|really|extremely|incredibly|quite|frankly|honestly|"
    r"beyond|deeply|downright|simply|pretty|rather|fucking|bloody|damn|damned|freaking|frigging|the most|"
    r"one of the most|among the most|by far the most|a bit of|a bit|a little|bit of|real|total|complete|"
    r"utter|complete and utter|clearly|obviously|genuinely|truly|seriously|massively|hugely|wildly|grossly|"
    r"thoroughly|fairly|somewhat|kind of|sort of|kinda|sorta|borderline|bordering on|verging on|"
    r"nothing short of|nothing less than|nothing but|plain|plainly|actually|now|getting|becoming|"
    r"increasingly|more and more|too|way too|far too|also|still|again|starting to look|entirely|"
    r"wholly|100%|literally|basically|a tad|proper|absolute|such|an?"
)
_MODIFIER_SET = frozenset(_MODIFIERS.replace("an?", "a|an").split("|"))
_MODIFIER_ENDS = frozenset(p.split()[-1] for p in _MODIFIER_SET if " " in p)


_COPULA = wordset(
    """is was are were 's 're been being seems seemed seem looks looked look feels felt feel sounds sounded
    sound remains remained became become like call calling called consider considered find found
    becoming"""
)
_EXCLAIM = wordset("what how such so")
_DETERMINER = wordset("a an the this that these those your such another yet more")
_SELF = wordset("i i'm my mine me we we're our ours us myself ourselves")
_SELF_SUBJECT = wordset("i i'm im we we're i've we've myself ourselves me")
_OTHER = wordset("you you're your yours yourself yourselves they their them he she his her whoever")
_WORD = re.compile(r"[a-z0-9%'-]+")
_CONJUNCTIONS = wordset("but and because so which while although")
_SELF_AFTER = re.compile(r"\s+(?:of me|for me|on my part|of us|for us|on our part|of myself)\b")


def _strip_modifiers(words: list[str]) -> tuple[list[str], bool]:
    """The words without the modifiers at their end, and whether an article was among them."""
    n = len(words)
    article = False
    while n:
        w = words[n - 1]
        if w in _MODIFIER_ENDS:
            for k in (4, 3, 2):
                if k <= n and " ".join(words[n - k : n]) in _MODIFIER_SET:
                    n -= k
                    break
            else:
                if w not in _MODIFIER_SET:
                    break
                n -= 1
            continue
        if w not in _MODIFIER_SET:
            break
        article = article or w in ("a", "an")
        n -= 1
    return words[:n], article


_EXPLETIVES = wordset("shit crap shite bollocks damn")


def _judged(t: str, m: re.Match) -> bool:
    """The judgement word is predicated of the reader or the work, not of the writer."""
    low = m.string
    i, j = m.span("f")
    word = low[i:j]
    before = low[max(0, i - 100) : i]
    cut = max(before.rfind("."), before.rfind("!"), before.rfind("?"), before.rfind(";"), before.rfind(":"),
              before.rfind("\n"), before.rfind(", "), before.rfind(" - "))
    words = _WORD.findall(before[cut + 1 :].replace("\u2019", "'"))
    for k in range(len(words) - 1, -1, -1):
        if words[k] in _CONJUNCTIONS:
            words = words[k + 1 :]
            break
    if _SELF_AFTER.match(low, j):
        return False
    if not words and word in _EXPLETIVES and low.startswith(",", j):
        return False  # "Shit, the courier lost the prints": an exclamation, not a verdict on the work
    subject = words
    head, stripped_article = _strip_modifiers(words)
    prev = head[-1] if head else ""
    noun = word in _NOUNS or bool(_NOUN_PHRASES.match(word))
    strong = word in _STRONG or bool(_ADJ_PHRASES.match(word))
    if prev.endswith(("'s", "'re")) and prev not in ("let's",):
        prev = "is"
    if not head:
        # "Ridiculous." "A complete shambles." "Frankly, unacceptable.": the judgement is the sentence.
        ok = strong or noun or word in _PREDICATE_ONLY and not _rest_of_clause(low, j)
    elif prev in _COPULA or prev in _EXCLAIM:
        ok = True
        subject = head[:-1]
    elif noun:
        # "you've made a shambles of this", "it turned into a farce"
        ok = stripped_article
    elif strong and (prev in _DETERMINER or stripped_article):
        ok = _rest_of_clause(low, j) != ""
        subject = head[:-1]
    else:
        ok = False
    if not ok:
        return False
    # The writer judging themselves ("I was sloppy", "my draft is a mess") is not blame; "cutting my
    # fee is shady" is.
    subject = subject[-6:]
    # "the spreadsheet I got back is a mess": the writer received it, so it is theirs
    received = any(w in _SELF_SUBJECT and subject[k + 1 : k + 2] in (["got"], ["received"], ["inherited"])
                   for k, w in enumerate(subject))
    mine = not received and ((subject[:1] in (["my"], ["our"])) or any(w in _SELF_SUBJECT for w in subject))
    theirs = [w for w in subject if w in _OTHER]
    if word in ("garbage", "trash", "rubbish", "junk") and re.match(r" (?:collect|bin|can|day|dump)", low[j:]):
        return False
    return not (mine and not theirs)


def _rest_of_clause(low: str, j: int) -> str:
    m = re.match(r"[^.!?;,\n]*", low[j:])
    return m.group(0).strip() if m else ""


_JUDGE_WORDS = sorted(_STRONG | _PREDICATE_ONLY | _NOUNS, key=len, reverse=True)
rule(
    "blame.judged",
    "blame",
    r"\b(?P<f>" + "|".join(re.escape(w) for w in _JUDGE_WORDS) + "|" + _NOUN_PHRASES.pattern + "|"
    + _ADJ_PHRASES.pattern + r")\b",
    " ".join(w.replace("-", " ") for w in _JUDGE_WORDS)
    + " wreck dumpster hour robbery show waste slap kick piss pisstake impossible out beyond below",
    "not what we agreed",
    guard="judged",
)
_AFTER_COPULA = re.compile(
    r"(?:\b(?:is|was|are|were|lies|lay|rests|rested|sits|been)|'s)(?: (?:all|entirely|completely|totally|100%|"
    r"wholly|squarely|solely|purely|fully|one hundred percent|clearly|obviously|definitely|firmly))* $"
)


def _after_copula(t: str, m: re.Match) -> bool:
    """The phrase is what something *is* ("the delay is on your side", "it was all my fault")."""
    low = m.string
    return bool(_AFTER_COPULA.search(low, max(0, m.start() - 60), m.start()))


_INSULTS = (
    r"idiots?|morons?|imbeciles?|clowns?|losers?|liars?|scammers?|crooks?|thie(?:f|ves)|fraudsters?|cheats?|"
    r"jerks?|dicks?|pricks?|muppets?|numpty|numpties|plonkers?|pillocks?|wankers?|tossers?|bell-?ends?|twits?|"
    r"amateurs?|cowboys?|jokers?|clowns?|cheapskates?|tightwads?|skinflints?|chancers?|charlatans?|frauds?|"
    r"eejits?|dipsticks?|jackass(?:es)?|numpties|plonkers?"
)
rule(
    "blame.you_insult",
    "blame",
    r"\byou(?:'re| are)? (?:some |such an? |an? )?(?:absolute |complete |total |utter |bloody |fucking |lying |"
    r"useless |"
    r"pathetic |incompetent |thieving |stupid )*(?P<f>" + _INSULTS + r")\b"
    # "Are you actually thick?": calling the reader stupid in plain words
    r"|\b(?:are you|you're|you are|ye are)(?: actually| just| really| so| that)? (?P<g>thick|dense|daft|dim|"
    r"brain-?dead)\b(?! (?:paper|card|skin|coat|layer|fog))",
    "you are",
    "",
    heated=True,
)
rule(
    "prof.british",
    "profanity",
    r"\b(?:muppets?|numpty|numpties|plonkers?|pillocks?|wankers?|tossers?|bell-?ends?|twats?|dickheads?|"
    r"knobheads?|arseholes?|cheapskates?|tightwads?|chancers?|charlatans?|eejits?|dipsticks?|jackass(?:es)?|"
    r"swindlers?|"
    r"cowboys)\b"
    r"|\b(?:are you|you're|you are|ye are)(?: actually| just| really| so| that)? (?:thick|daft|brain-?dead)\b"
    r"(?! (?:paper|card|skin|coat|layer|fog))",
    "eejit eejits dipstick dipsticks jackass jackasses cowboys swindler swindlers are you're you ye "
    "muppet muppets numpty numpties plonker plonkers pillock pillocks wanker wankers tosser tossers bell "
    "bellend bellends twat twats dickhead dickheads knobhead knobheads arsehole arseholes cheapskate "
    "cheapskates tightwad tightwads chancer chancers charlatan charlatans",
    "",
    heated=True,
    message="Insults end a negotiation and look bad in any later record; describe the problem instead.",
)
rule(
    "blame.on_you",
    "blame",
    r"\b(?:on you(?:r (?:side|end|team|part|people))?|down to you(?:r \w+)?|your (?:responsibility|doing|fault|"
    r"problem))\b(?! (?:to|if|whether|now|from|here))",
    "on down your",
    "let's look at what caused this together",
    message="Assigning fault starts an argument about fault; describe what happened and what's needed.",
    guard="after_copula",
)
rule(
    "blame.caused_by_you",
    "blame",
    r"\b(?:caused|created|triggered) (?:entirely |solely )?by (?:you\b|your (?:team|side|changes|delay|"
    r"late|decision|\w+ (?:changes|delay)))",
    "caused created triggered",
    "let's look at what caused this together",
    message="Assigning fault starts an argument about fault; describe what happened and what's needed.",
)

rule(
    "blame.traced_to_you",
    "blame",
    r"\b(?:caused|created|introduced) (?:at|on|by) (?:your|you)\b|\b(?:comes?|came|boils?|boiled) down to "
    r"(?:you|your)\b|\btraced? back to (?:[\w-]+ ){0,4}?(?:you|your)\b|\b(?:stems?|stemmed|originated?) from "
    r"(?:you|your)\b|\b(?:lies|lay|rests?|rested|sits?|sat|sitting) (?:squarely |firmly |entirely )?with (?:[\w-]+ "
    r"){0,3}?your (?:\w+ )?(?:team|side|department|function|office|people|end|company|lawyers?|legal|finance|"
    r"compliance|approvals?)\b|\b(?:late|delayed|stuck|held up|slipped|sitting|waiting) on your (?:side|end)\b",
    "caused created introduced comes come came boils boil boiled traced trace stems stem stemmed originated "
    "originate lies lay rests rest rested sits sit sat sitting late delayed stuck held slipped waiting",
    "let's look at what caused this together",
    message="Assigning fault starts an argument about fault; describe what happened and what's needed.",
)
rule(
    "blame.your_x_caused",
    "blame",
    r"\byour (?:[\w-]+ ){0,2}?(?:edits|changes|team|side|developer|designer|staff|people|decision|delay|"
    r"comments|feedback|system|process|brief|instructions|approvals?) (?:introduced|caused|created|broke|"
    r"led to|resulted in)\b",
    "your",
    "let's look at what caused this together",
)
rule(
    "blame.badly_done",
    "blame",
    r"\b(?:badly|poorly|terribly|appallingly|shoddily|sloppily|incompetently|atrociously|woefully|horribly) "
    r"(?:managed|run|handled|organi[sz]ed|planned|written|thought[- ]out|executed|communicated|briefed|done|"
    r"made|built|designed|coded|edited|translated|shot|scoped|specified|structured)\b"
    r"|\b(?:riddled|littered|full) with (?:errors|mistakes|typos|bugs|inconsistencies|holes)\b",
    "badly poorly terribly appallingly shoddily sloppily incompetently atrociously woefully horribly riddled "
    "littered full",
    "this needs more work",
    guard="not_self_subject",
)


def _not_self_subject(t: str, m: re.Match) -> bool:
    """The clause is not about the writer's own work ("my draft was badly written")."""
    low = m.string
    s, _ = sentence_bounds(low, m.start(), m.end())
    before = _WORD.findall(low[max(s, m.start() - 60) : m.start()])
    return not (before[:1] in (["my"], ["our"]) or any(w in _SELF_SUBJECT for w in before))


rule(
    "blame.not_up_to",
    "blame",
    r"\bup to (?:this|the job|the task|scratch|standard|it|par|much)\b",
    "up",
    "we see the quality differently",
    guard="negated_just_before",
)
_NOT_JUST_BEFORE = re.compile(r"(?:\bnot|n't)(?: (?:really|quite|remotely|even|exactly))? $")


def _negated_just_before(t: str, m: re.Match) -> bool:
    low = m.string
    return bool(_NOT_JUST_BEFORE.search(low, max(0, m.start() - 25), m.start()))


rule(
    "blame.you_lot",
    "blame",
    r"\byou (?:agencies|clients|lot|guys|types|developers|designers|companies|corporates|corporations|"
    r"startups|marketers|recruiters)\b(?= (?:are|always|never|all|think|just|keep|have)\b)",
    "agencies clients lot guys types developers designers companies corporates corporations startups "
    "marketers recruiters",
    "you",
    heated=True,
)

# ---------------------------------------------------------------------------------------------
# Threats: a legal or reputational step, framed as what will happen to the reader
# ---------------------------------------------------------------------------------------------
_THREAT_FRAME = re.compile(
    r"\b(?:if|unless|or|otherwise|will|'ll|shall|going to|is coming|are coming|ready to|take[sn]? (?:this|it|"
    r"things|over)|taking (?:this|it) over|ends? up|ended up|goes? to|go to|going to|leave[sn]? me no|no (?:option|"
    r"choice|alternative)|hear from|become|becomes|escalat\w+|next step|forced to|have to|hesitate|before "
    r"(?:I|we)|until|last resort|don't want to|do not want to|hate (?:to|for)|rather not|prepared to|"
    r"ready|standing by|on standby|hands of|gets?|goes in|going in|today|tomorrow|won't survive|simple as "
    r"that|means?|goes up|go up|going up|one more|(?:the )?(?:point|stage) (?:where|at which)|start(?:s|ing)? "
    r"talking to)\b|'ll\b"
)
_THREAT_NOT = re.compile(
    # declining the step ("I have no intention of involving lawyers", "I don't want this to end up with
    # lawyers, and I doubt you do either")
    r"\b(?:no intention of|not planning to|no plans to|(?:don't|do not) intend to|won't be (?:involving|taking|going)|"
    r"not (?:considering|contemplating|pursuing|threatening)|not going to (?:leave|post|write|take|go|involve|sue|"
    r"report)|"
    # the lawyer on the writer's side checking or approving, not a step against the reader
    r"(?:read|looked (?:at|over)|went (?:over|through)) (?:the|your|our|my) (?:contract|draft|terms|agreement|nda|"
    r"redlines?)|said it(?:'s| is| was) (?:ok|okay|fine|good)|will (?:review|check|look over|read) (?:the|your|our) "
    r"(?:nda|contract|draft|terms|agreement|msa|sow|redlines?)|(?:is|are) (?:reviewing|checking|drafting) (?:the|your|"
    r"our) (?:redlines?|contract|draft|terms|agreement|amendments?|changes|nda|licen[cs]e|wording|paperwork)|"
    r"(?:doubt|guess|imagine|suspect|think|hope|bet) you (?:do|would|want to|don't)(?: \w+)? either|neither of us "
    r"wants?|"
    r"not threatening|no threat|(?:isn't|is not|wasn't|was not) a threat|reviewed|drafted|checked|"
    r"approved|wrote|recommended|advised (?:me|us) to (?:use|add|include)|template|clause)\b"
)


# A step against someone else, on the reader's side: "It's not your fault the courier lost the drive,
# I'll file a claim with them today", "if the chargeback was the bank's mistake, I'll send them the contract".
THIRD_PARTY = re.compile(
    r"\b(?:not your fault|for your (?:lawyer|solicitor|accountant|legal team|insurer)|both of us|(?:the|a) "
    r"(?:buyer|customer) files|with (?:them|the courier|the carrier|the insurer|my insurer|insurance|the post office|"
    r"the venue|the supplier|the printer|the lab)|insurance claim|on your behalf|(?:send|give|forward) (?:them|the "
    r"bank)|the bank's (?:side|end|mistake|error))\b"
)


_OR_SHOULD_I = re.compile(r"\bor (?:should|shall|do|must|will|would you like) (?:i|we|me)\b")


def _threat_framed(t: str, m: re.Match) -> bool:
    low = m.string
    if low.startswith("court", m.start()) and low.endswith("in your ", 0, m.start()):
        return False  # "the ball is in your court"
    s, e = sentence_bounds(low, m.start(), m.end())
    sentence = low[s:e]
    # a question about the step is no threat ("What format does the court need?"), unless it asks whether
    # to take it ("..., or should I take this to court?")
    asked = "?" in low[m.end() : e + 1] and not _OR_SHOULD_I.search(sentence)
    return (bool(_THREAT_FRAME.search(sentence)) and not _THREAT_NOT.search(sentence)
            and not THIRD_PARTY.search(sentence) and not asked)


rule(
    "threat.legal_step",
    "threat",
    # "your legal team": the reader's own lawyers checking something, not a step against them
    r"\b(?P<f>lawyers?|solicitors?|attorneys?|(?<!yo[u]r )legal (?:team|counsel|department|advisers?|advisors?)|"
    r"legal (?:matter|route|"
    r"process|case|claim|dispute|steps|action|proceedings|remedies|options|avenues)|court (?:matter|route|"
    # a tennis court or a food court is a place
    r"process|case|claim)|(?<!tennis )(?<!food )(?<!squash )(?<!netball )(?<!basketball )court(?!s? of)(?! date)"
    r"(?!yard)|courts|tribunal|arbitration|small claims|trading standards|"
    r"ombudsman|debt collect(?:or|ors|ion agency|ion)|collections? agency|bailiffs?|police|sue|suing|"
    r"(?:options|this|it|matters) with legal|(?:loop|looping|escalate|escalating|refer|referring) (?:this |it )?"
    r"(?:in )?(?:to|with) legal|"
    r"chargeback|formal (?:proceedings|action|claim|complaint)|report(?:ed)? you to (?:the|your|my)|"
    r"report(?:ed|ing)?(?: (?:this|it|this matter|the matter))? to (?:the |your |my )?(?:police|authorities|"
    r"regulator|ombudsman|bank|card issuer|platform|marketplace|upwork|fiverr|bbb|better business bureau|ftc|hmrc|"
    r"irs|tax office|association|professional body)|"
    r"letter before (?:action|claim))\b",
    "lawyer lawyers solicitor solicitors attorney attorneys legal court courts tribunal arbitration small "
    "trading ombudsman debt collections collection bailiff bailiffs police sue suing chargeback formal report "
    "reported reporting letter",
    "I'd like to resolve this directly with you",
    legal=True,
    guard="threat_framed",
    message="A legal step this early tends to end the conversation; the escalation ladder says when a formal "
    "step is due.",
)
rule(
    "threat.one_more",
    "threat",
    r"\bone more (?:\w+ ){0,3}?(?:and|then)\b(?! (?:we're|we are|it's|that's) (?:done|finished|good))"
    r"|\bor (?:I|we)(?:'ll| will)? (?:part ways|go elsewhere|take my business elsewhere|walk(?: away)?|pull out|"
    r"pull the plug|down tools|withdraw|terminate|"
    r"stop (?:work|working)|keep the|release|publish|escalate|take (?:it|this) further)\b",
    "one or",
    "",
    heated=True,
)
rule(
    "threat.test_me",
    "threat",
    r"\b(?:do not|don't|dont) (?:test|push|try) me\b|\btry me\b(?=[.!]|\s*$)",
    "do don dont try",
    "",
    heated=True,
)
rule(
    "threat.reputation",
    "threat",
    r"\b(?P<f>(?:one-star|1-star|one star|1 star) (?:reviews?|feedback|ratings?)|(?:bad|negative|scathing|terrible|"
    r"honest) reviews?|"
    r"(?:everyone|everybody|people|industry|freelancers|suppliers|clients|customers|investors|internet|world|"
    r"the whole (?:village|town|street|industry|internet|neighbourhood|neighborhood|community|school|market)) "
    r"(?:is|are|will) (?:going to |about to )?(?:hear|know|find out|learn|see)|reputation (?:won't|will not|"
    r"wouldn't|is not going to|isn't going to) (?:survive|recover)|reputation(?: [\w-]+){1,4} (?:won't|will not|"
    r"wouldn't) (?:survive|recover)|(?:everyone|everybody|people) (?:in|at|on|across) (?:[\w-]+ ){1,3}(?:is|are|"
    r"will) (?:going to )?(?:hear|know|find out|learn|see)|(?:reported|banned|blacklisted) (?:to|on|from)\b|"
    r"(?:warn|tell) (?:other|every|all)\w* (?:freelancers|suppliers|clients|designers|developers|people)|go "
    r"public|public(?:ly)? (?:review|post|name)|(?:post|share) (?:this|it|the (?:\w+ )?(?:thread|emails?|"
    r"messages?)) (?:online|publicly|on (?:linkedin|twitter|x|reddit|facebook|instagram|social)))",
    "one 1 bad negative scathing terrible honest everyone everybody people industry freelancers suppliers "
    "clients customers investors internet world reputation reported banned blacklisted warn tell go public "
    "publicly post share",
    "",
    guard="threat_framed",
    heated=True,
)

# ---------------------------------------------------------------------------------------------
# Passive-aggressive, demand and dismissive forms the phrase rules miss
# ---------------------------------------------------------------------------------------------
rule(
    "pa.nth_time",
    "passive_aggressive",
    r"\b(?:second|third|fourth|fifth|sixth|nth|umpteenth|hundredth|\d+(?:st|nd|rd|th)) time "
    r"(?:I(?:'ve| have|'m| am)?|we(?:'ve| have|'re| are)?|now) (?:asked|requested|chased|written|emailed|reminded|"
    r"raised|mentioned|explained|sent|flagged|followed up|had to|asking|telling|writing|chasing|reminding|explaining|"
    r"sending|requesting|raising|saying)\b",
    "second third fourth fifth sixth nth umpteenth hundredth #digit",
    "I'm following up on",
)
rule(
    "demand.dont_ever",
    "demand",
    r"(?:^|(?<=[.!?:\n] )|(?<=[.!?:\n]))(?:don't|do not) (?:ever )?(?:\w+ ){0,3}?(?:again|ever)\b"
    r"|(?:^|(?<=[.!?:\n] )|(?<=[.!?:\n]))don't ever\b"
    r"|(?:^|(?<=[.!?:\n] )|(?<=[.!?:\n]))(?:don't|do not) (?:test|push|try|contact|call|email|message|touch|use|"
    r"share|publish|post|ignore|waste)\b",
    "don do",
    "Please don't",
    guard="discourteous",
)

# ---------------------------------------------------------------------------------------------
# Accusation: "you" + a failure, whatever the verb
# ---------------------------------------------------------------------------------------------
# Verbs after "you didn't / haven't / never" that state no failure of the reader's.
_NOT_A_FAILURE = wordset(
    """need needs needed have had has mind worry owe know mean meant intend intended want wanted like liked
    miss missed get got seem seemed hear heard receive received see seen lose lost expect expected agree
    agreed ask asked realise realize realised realized notice noticed charge charged choose chose chosen
    sign-off sign be been bother go went disappoint disappointed let fail failed stop stopped
    hesitate hesitated object objected mention mentioned regret regretted deserve deserved think thought
    feel felt use used do did say said make made find found take taken took look looked"""
)
_ADVERBS = wordset(
    """really probably definitely certainly likely only gladly happily quickly immediately personally honestly
    actually simply clearly obviously totally completely literally basically truly genuinely seriously
    usually normally generally hardly barely nearly"""
)
_ADV = r"(?: (?:still|just|simply|even|really|clearly|obviously|conveniently|also|actually|ever|once|yet|so much as))*"


def _failure_verb(t: str, m: re.Match) -> bool:
    v = m.group("v")
    return v not in _NOT_A_FAILURE and v not in _ADVERBS


rule(
    "acc.you_didnt",
    "accusation",
    r"\byou(?:'ve|'d| have| had)?" + _ADV
    + r" (?:never|didn't|did not|haven't|have not|hadn't|had not|couldn't even|can't even|wouldn't even|"
    r"won't even|refuse to|refused to)" + _ADV + r"(?: (?:bother|bothered|care|cared|manage|managed) to)?"
    r" (?P<v>[a-z]+)\b" + REST,
    "you",
    lambda m: f"it looks like {rest(m, drop_me=False) or 'this'} didn't happen",
    guard="failure_verb",
)
_FAILED = (
    r"overlooked|disregarded|skipped|misread|misunderstood|misinterpreted|misquoted|misrepresented|misled|deleted|"
    r"overwrote|overrode|undermined|bypassed|ghosted|dropped the ball|dragged your feet|sat on|held up|"
    r"moved the goalposts|went back on|backed out|pulled out|vanished|disappeared|withheld|underpaid|"
    r"short-?paid|short-?changed|docked|(?:blew|blown) (?:past|through|the|my|our|every|all)|jumped the gun|"
    r"overstepped|over-?promised|"
    r"under-?delivered|contradicted yourself|went (?:silent|quiet|dark|missing|awol|radio silent|behind my "
    r"back|over my head|over budget|ahead without)|left me (?:hanging|waiting|in the dark|out of pocket|"
    r"to (?:chase|clean|fix|deal|pick))|kept me (?:waiting|hanging|in the dark|chasing)|strung me along|led me "
    r"on|missed (?:the|another|every|all|both|our|my|two|three|several|yet|a|your)|lost (?:the|my|our|"
    r"all|both)|broke (?:the|my|our|it|your)|forgot (?:the|my|to|about|our)|made (?:a mess|mistakes|an error|"
    r"errors|a mistake|a hash)|took (?:weeks|months|ages|forever|a month|three|four|five|six|two) "
    r"|changed (?:the (?:brief|scope|requirements|spec|specs|deadline|plan|goalposts)|your mind again)|"
    r"cancell?ed (?:at the last|last-?minute|without)|promised (?:me )?(?:to|that|it|payment|the)|"
    r"were (?:supposed|meant|due|expected) to|had (?:weeks|months|three|two|four|several|plenty)|"
    r"ignored|used (?:my|the|our) [\w ]{1,25} without|published (?:my|the|our) [\w ]{1,25} without|"
    r"shared (?:my|the|our) [\w ]{1,25} without"
)
rule(
    "acc.you_failed",
    "accusation",
    r"\byou(?:'ve|'d| have| had| were)?(?: (?:still|just|simply|even|really|clearly|obviously|conveniently|"
    r"also|completely|totally|again|already|then))* (?:" + _FAILED + r")",
    "you",
    "something went differently from what we agreed",
)
rule(
    "acc.you_keep",
    "accusation",
    r"\byou(?:'re| are| have been|'ve been)? (?:keep|kept|constantly|continually|repeatedly|always) "
    r"(?!(?:me|us|them|it|things|everyone)\b)(?P<v>[a-z]+ing)\b",
    "keep kept constantly continually repeatedly always",
    "this has come up several times",
    guard="failure_gerund",
)
_KIND_GERUNDS = wordset("helping supporting improving getting going doing sending delivering")


def _failure_gerund(t: str, m: re.Match) -> bool:
    return m.group("v") not in _KIND_GERUNDS


rule(
    "acc.not_once",
    "accusation",
    r"\b(?:not once|never once|never|at no (?:point|stage|time)|not one time) (?:have|had|did|has|were) you\b",
    "once never point stage time",
    "I haven't seen this happen yet",
)
# The open-ended accusations below are anchored on their rarer second half ("without asking",
# "and then expected", "the wrong") and a guard looks back in the sentence for the "you" that did it.
_YOU_DID = re.compile(
    r"\b(?:you|u)(?:'ve| have| had|'re| are| were)?(?: (?:just|simply|then|also|even|still|now))? "
    r"(?!(?:can|could|may|might|will|would|should|'ll|'d|need|needn't|don't|do|did)\b)[a-z]+\b[^.!?;\n]*$"
)


_NOT_SAYING = re.compile(r"\bnot (?:saying|suggesting|implying|blaming|accusing|claiming)\b")


def _you_did(t: str, m: re.Match) -> bool:
    """A "you" + verb clause earlier in the sentence did what the match describes (and no "I'm not
    saying" comes before it)."""
    low = m.string
    s, _ = sentence_bounds(low, m.start(), m.end())
    start = max(s, m.start() - 90)
    return bool(_YOU_DID.search(low, start, m.start())) and not _NOT_SAYING.search(low, s, m.start())


rule(
    "acc.without_asking",
    "accusation",
    r"\bwithout (?:asking|checking|permission|telling|consulting|informing|paying|(?:my|our|any) (?:consent|"
    r"permission|approval|knowledge|agreement|sign-?off|input|licen[cs]e)|a licen[cs]e|any (?:notice|warning))\b"
    r"|\b(?:beyond|outside|past) (?:the|our|my) (?:agreed |licensed )?[\w -]{0,20}?(?:licen[cs]e|terms|scope|"
    r"period|term|usage|rights)\b|\b(?:anyway|regardless)\b|\bafter (?:approving|agreeing|signing(?: off)?|"
    r"confirming|locking|accepting) (?:it|them|this|that|the)\b|\bafter (?:we|I|you) (?:had |'d )?(?:locked|"
    r"agreed|approved|signed(?: off)?|finali[sz]ed|confirmed|delivered|finished|paid|settled)\b",
    "without beyond outside past anyway regardless after",
    "this went ahead differently from what we agreed",
    guard="you_did",
)
rule(
    "acc.and_then",
    "accusation",
    r"(?:\band (?:then|now|still|yet)|\bthen) (?:ask(?:ed)?|want(?:ed)?|expect(?:ed)?|refuse[ds]?|"
    r"demand(?:ed)?|complain(?:ed)?|blame[ds]?|tell|told|insist(?:ed)?|say|said|claim(?:ed)?|reversed|"
    r"vanished|disappeared|cancell?ed|stopped|blocked|went (?:quiet|silent|dark)|ghosted|charged back|"
    r"refused|dispute[ds]?|disputing|den(?:y|ies|ied)|reject(?:ed|s)?|query|queried|question(?:ed)?|change[ds]?)\b"
    r"|\band (?:reversed|vanished|disappeared|ghosted|charged back|went (?:quiet|silent|dark))\b",
    "and then",
    "what happened and what's asked now don't match",
    guard="you_did",
)
rule(
    "acc.before_complaining",
    "accusation",
    r"\byou (?:never|didn't|did not|haven't|have not)(?: once| even| so much as)? [a-z]+\b[^.!?;\n]{0,60}\bbefore "
    r"(?:complaining|rejecting|deciding|cancell?ing|blaming|withholding|refusing|disputing|criticising|"
    r"criticizing|escalating|going)\b",
    "you",
    "it would have helped to talk this through first",
)
rule(
    "acc.had_since",
    "accusation",
    r"\byou(?:'ve| have) had (?:the|my|it|them|this|that|these|those|our)\b[\w ,-]{0,30}? (?:since|for (?:\d+|two|"
    r"three|four|five|six|several|over a|more than a|a whole) )",
    "you",
    "it's been a while since this was sent",
)
rule(
    "acc.yet_to",
    "accusation",
    r"\byou(?:'ve| have)?(?: still)? yet to \w+",
    "you",
    "I haven't yet received this",
)
rule(
    "acc.wrong_one",
    "accusation",
    r"\b(?:the|a) wrong\b",
    "wrong",
    "the version used differs from the agreed one",
    guard="you_chose",
)
_YOU_CHOSE = re.compile(
    r"\b(?:you|u)(?:'ve| have)? (?:[a-z]+ed|sent|gave|chose|picked|took|paid|signed|put|made)(?: [\w-]+){0,3}? $"
)


def _you_chose(t: str, m: re.Match) -> bool:
    low = m.string
    return bool(_YOU_CHOSE.search(low, max(0, m.start() - 60), m.start()))


rule(
    "acc.cancelled_late",
    "accusation",
    r"\byou (?:cancell?ed|pulled|dropped|moved|postponed|rescheduled) [\w ]{1,30}? (?:(?:\d+|two|a few|several|"
    r"twenty-four|48|24) (?:hours?|days?|minutes?) (?:before|ahead)|the (?:night|day|morning|evening|week) "
    r"before|at the last (?:minute|moment)|last[- ]minute|on the day|with (?:less than |only |just |barely )?"
    r"(?:\d+|a few|two|three|one|a day's|a week's|an hour's)(?: (?:hours?|days?|minutes?))?'?s?'? notice|with "
    r"(?:no|short|zero) notice)",
    "you",
    "the change came at short notice",
)
rule(
    "acc.why_did",
    "accusation",
    r"\bwhy (?:did|would|have|had|do) you (?!(?:choose|chose|pick|picked|prefer|like|want|go with|decide on|"
    r"think|mean|ask)\b)[^.!?\n]{3,120}\?"
    r"|\bwhy (?:didn't|did not|haven't|havent|didnt|won't|wont|don't|dont) (?:you|u)\b[^.!?\n]{3,120}$",
    "why",
    "Could you help me understand what happened?",
    message="A 'why did you' question reads as an accusation; ask what happened instead.",
)
rule(
    "acc.managed_to",
    "accusation",
    r"\byou(?:'ve| have)? (?:somehow |even |also )?managed to (?:lose|break|delete|miss|forget|ruin|mess|wipe|"
    r"overwrite|misspell|mix up|leak|crash|double-book|overlook|ignore|skip|lock|corrupt|damage)\w*",
    "you",
    "something went wrong",
)
_HABIT_VERBS = (
    r"rewrite|rewrites|change|changes|add|adds|move|moves|shift|shifts|ignore|ignores|forget|forgets|miss|misses|"
    r"cancel|cancels|interrupt|interrupts|undermine|undermines|override|overrides|overrule|overrules|switch|"
    r"switches|question|questions|second-guess|nitpick|nitpicks|haggle|haggles|demand|demands|ask|asks|send|"
    r"sends|pay|pays|reply|replies|answer|answers|reschedule|reschedules|push|pushes|delay|delays|dump|dumps|"
    r"expect|expects|want|wants|come back|comes back|go quiet|goes quiet|disappear|disappears|contradict|"
    r"contradicts|blame|blames|bypass|bypasses|cc|loop|drag|drags|sit on|sits on|reopen|reopens|revisit|"
    r"revisits|tweak|tweaks|redo|redoes|undo|undoes"
)
rule(
    "acc.habit",
    "accusation",
    r"\byou(?:'re| are)? (?:constantly|continually|repeatedly|always|keep on|forever|perpetually|still) "
    r"(?:" + _HABIT_VERBS + r")\b"
    r"|\byou(?:'re| are) (?:\w+ing)\b[^.!?;\n]{0,50}\bagain\b(?=[^.!?;\n]{0,40}\b(?:after|even though|despite|"
    r"although|when)\b)"
    r"|\byou (?:" + _HABIT_VERBS + r") (?:another|yet another|more|even more|a new)\b",
    "you",
    "this has changed several times",
    guard="habit_complaint",
)


def _habit_complaint(t: str, m: re.Match) -> bool:
    """A habit of the reader's told as a complaint: not "you always pay on time"."""
    low = m.string
    _, e = sentence_bounds(low, m.start(), m.end())
    after = low[m.end() : e]
    return not re.match(r"[^,;]{0,30}\b(?:on time|promptly|quickly|early|so fast|great|well|brilliantly|kindly|"
                        r"generously|thoughtful|helpful|the best|the (?:tidiest|clearest|cleanest|nicest|kindest|"
                        r"best|most (?:thorough|detailed|helpful|organi[sz]ed|useful)))\b", after)


rule(
    "blame.your_call",
    "blame",
    r"\byour (?:call|decision|choice|idea|doing)\b,? (?:not mine|not ours|not me)\b",
    "your",
    "that decision was made on your side",
    guard="after_copula",
)
rule(
    "acc.you_late",
    "accusation",
    r"\byou(?:'re| are| were|'ve been| have been)(?: (?:still|now|again|always|once again|already))?"
    r" (?:late|behind|overdue|in breach)\b",
    "late behind overdue breach",
    "this is later than we planned",
)
rule(
    "acc.said_but",
    "accusation",
    r"\byou (?:said|told me|promised|assured me|swore|guaranteed)\b[^.!?;\n]{3,90}?"
    r"(?:,? but|,? yet|,? and then|,? and still|,? and now|,? and never|,? and didn't|\. instead|,? and it's now|"
    r",? and it is now|,? and nothing|,? and still nothing)\b",
    "said told promised assured swore guaranteed",
    "what was agreed and what happened differ",
    guard="not_rebuttal",
)


def _not_rebuttal(t: str, m: re.Match) -> bool:
    """"You said I 'never answer the phone', but the call log shows...": the writer answering a claim
    about themselves, quoted, is a rebuttal, not an accusation."""
    said = m.string[m.start() : m.end()]
    return not (_ABOUT_ME.search(said) and ("'" in said or '"' in said or "\u2018" in said or "\u201c" in said))


_ABOUT_ME = re.compile(r"\b(?:said|told me|claimed)(?: that)? (?:i|i'm|i'd|i've|my)\b")
rule(
    "acc.your_side",
    "accusation",
    r"\byour (?:\w+ ){0,2}(?:team|side|people|staff|developer|designer|company|department|office|manager|"
    r"boss|colleague|colleagues|agency|firm|accountant|finance|accounts|payables) (?:still |just |clearly )?"
    r"(?:never|didn't|did not|haven't|hasn't|has not|failed to|neglected to|refused to|missed|ignored|lost|"
    r"broke|forgot)\b",
    "your",
    "on your side, it seems this hasn't happened yet",
)
rule(
    "acc.why_would",
    "accusation",
    r"\bwhy (?:on earth|the hell|in god's name|would you|did you)\b[^.!?\n]{0,120}"
    r"(?:without|instead|after|again|when)\b[^.!?\n]{0,80}\?+"
    r"|\bwhy on earth\b[^.!?\n]{0,120}\?+",
    "why",
    "Could you help me understand what happened?",
    message="A 'why did you' question reads as an accusation; ask what happened instead.",
)

# ---------------------------------------------------------------------------------------------
# Sarcasm: ironic praise, thanks and surprise
# ---------------------------------------------------------------------------------------------
# A complaint in the same sentence turns praise into irony ("Lovely, the site's down again").
_COMPLAINT = re.compile(
    r"\b(?:again|another|yet|down|broken|broke|crash\w*|late|later|missed|miss|no (?:reply|response|word|"
    r"answer|payment)|nothing|still|not|never|n't|lost|delay\w*|overdue|before (?:the )?(?:launch|deadline)|"
    r"after (?:the )?(?:deadline|launch|fact)|bounced|wrong|error\w*|fail\w*|gone|deleted|ignor\w*|ghost\w*|"
    r"only|unpaid|weeks|months|days|third|fourth|fifth|more changes|chas\w+|silence|excuse\w*|instead of|nobody|"
    r"with zero|with no|without (?:a single|any)|"
    r"no one|left off|left out|corrupt\w*|cancell?ed|upside down|wrong|twice|deadline|sunday|saturday|"
    r"weekend|midnight|announced|cancellation|linkedin|instagram|facebook|clear|bounced)\b|n't\b"
)
_IRONY_WORDS = (
    r"lovely|great|brilliant|perfect|fantastic|wonderful|marvell?ous|super|splendid|terrific|awesome|"
    r"excellent|nice|cool|grand|fab|fabulous|magic|amazing|superb|delightful|charming|swell|peachy|"
    r"outstanding|stellar|impressive|classic|typical|love it|love that|just perfect|just great|just lovely|"
    r"just brilliant|how lovely|how nice|how wonderful|how fantastic|good to know|nice to know|oh good|wow|"
    r"shocking|what a surprise|surprise surprise|that's (?:just )?(?:perfect|great|brilliant|lovely|"
    r"wonderful|fantastic|marvell?ous)|"
    r"lovely to (?:hear|see|find)|great to (?:hear|see|find)|nice to (?:hear|see|find)|"
    r"good one|of course|naturally|predictably|right on cue|right on schedule|as expected|figures"
)


def _ironic(t: str, m: re.Match) -> bool:
    """Praise at the start of a sentence, followed by a complaint in the same sentence and no thanks."""
    low = m.string
    s, e = sentence_bounds(low, m.start(), m.end())
    if low[s:m.start()].strip(" \t\"'(*_-"):
        return False
    after = low[m.end():e]
    if re.match(r"[\s,!.]*(?:but|though|however|although|thanks|thank you)\b", after):
        return False
    if re.search(r"\b(?:thanks|thank you|appreciate)\b", after) and not re.search(r"\bthanks? for\b", after):
        return False
    return bool(_COMPLAINT.search(after))


rule(
    "sarc.ironic_praise",
    "sarcasm",
    r"\b(?:oh,? |well,? |wow,? |ah,? |just )?(?:" + _IRONY_WORDS + r")(?: (?:job|work|effort|stuff|going|"
    r"move|timing))?(?=[,!.\u2014\u2013:-]|\s+(?:another|more|yet|so|now|the|that|this|you|your|we|it|"
    r"there|only|on|with|missing|ignoring|about|from))",
    "oh well wow ah just " + _IRONY_WORDS.replace("|", " "),
    "",
    guard="ironic",
)
rule(
    "sarc.ironic_thanks",
    "sarcasm",
    r"\b(?:thanks?|thank you|cheers)(?: (?:so|very|ever so|a lot|a bunch|loads|heaps))?(?: much)?"
    r" for\b[^.!?\n]{0,70}?\b(?:(?:a|one|two|three|four|five|six|several|\d+) (?:whole |full |more )?"
    r"(?:days?|weeks?|months?|hours?) (?:after|late|later|too late|past)|after the (?:deadline|launch|fact|"
    r"event|meeting|call)|at the (?:very )?last (?:minute|second|moment)|too late|only now|"
    r"all the notice|only (?:\d+|a few|two|three|five|ten|twenty) (?:minutes?|hours?|days?) (?:before|after|"
    r"ahead)|(?:[0-6]|1[12])\s?am\b|at midnight|on a (?:sunday|saturday))\b",
    "thanks thank cheers",
    "thanks for letting me know",
)
rule(
    "sarc.nice_of_you",
    "sarcasm",
    r"\b(?:nice|kind|good|lovely|sweet|thoughtful|generous|big|decent|gracious|considerate) of (?:you|your "
    r"\w+|them)(?: to)?\b[^.!?\n]{0,60}\b(?:at last|finally|eventually|for once|after all this time|"
    r"at all|to bother|to grace|to show up|to turn up|to remember)\b"
    r"|\b(?:how|very|so|real|awfully|mighty|ever so) (?:gracious|considerate|thoughtful|mature|helpful|"
    r"responsive|constructive|sweet|decent|big) of you\b",
    "nice kind good lovely sweet thoughtful generous big decent gracious considerate how very so real "
    "awfully mighty ever",
    "thank you for",
)
rule(
    "sarc.mock_surprise",
    "sarcasm",
    r"\b(?:(?:big|huge|what a|such a) (?:surprise|shock|shocker)|surprise,? surprise|(?:colou?r|call) me "
    r"(?:surprised|shocked)|imagine my (?:surprise|shock)|shocking,? I know|quelle surprise|who could "
    r"(?:have|'ve)? ?(?:predicted|guessed|seen that coming|foreseen|imagined|known)|what are the odds|"
    r"(?:I'm|I am) shocked,? shocked|who'?d have (?:thought|guessed)|what could possibly go wrong|"
    r"because that worked (?:out )?(?:so|really) well|(?:that|it) worked (?:out )?so well last time|"
    r"(?:yeah|oh|right|sure),? because\b|oh (?:joy|goody|look|sure|really|of course|how lovely|wonderful|"
    r"fantastic|brilliant|perfect|lovely)\b|(?:is|was) that (?:really )?too much to ask|"
    r"(?:clearly|obviously|evidently|apparently) (?:a|your|my|our) (?:top |high |real )?priority|"
    r"good to know where I stand|glad (?:to see|I'm|I am) (?:I'm |I am )?(?:such a |a )?(?:top |high )?"
    r"priority|sure you (?:will|did|are|do|have|were|would)(?=[.!]|\s*$)|(?:yeah|oh) sure\b)",
    "big huge what such surprise colour color call imagine shocking quelle who odds shocked possibly worked "
    "yeah oh right sure much clearly obviously evidently apparently good glad because",
    "",
)
rule(
    "sarc.im_sure_busy",
    "sarcasm",
    r"\bI'm sure (?:you|your [\w ]{1,25}|they)(?:'re| are| is| were| have been|'ve been)? (?:(?:very|so|"
    r"terribly|incredibly|extremely|really) )?(?:working (?:flat out|hard|tirelessly|around the clock|day and "
    r"night|night and day|on it)|flat out|slaving|hard at work|rushing|run off (?:their|your|its) feet)\b",
    "sure",
    "",
)
rule(
    "sarc.love_being",
    "sarcasm",
    r"\b(?:I )?(?:just |really |absolutely |simply |so )?(?:love|adore|enjoy|relish|appreciate) "
    r"(?:being (?:ignored|kept in the dark|left (?:hanging|out|waiting|in the dark)|ghosted|messed around|"
    r"strung along|chased|told at the last)|(?:having to )?chas(?:e|ing) (?:you|invoices|payment|my)|"
    r"waiting (?:weeks|months|days|on you|around)|finding out (?:from|after|via|on|through)|"
    r"(?:having to )?repeat(?:ing)? myself)\b",
    "love adore enjoy relish appreciate",
    "",
)
rule(
    "sarc.no_rush",
    "sarcasm",
    r"\b(?:no rush|take your time|don't (?:rush|hurry)|no hurry)\b[^.!?\n]{0,50}\bonly (?:been )?(?:\w+ )?"
    r"(?:days?|weeks?|months?|years?)\b",
    "rush time hurry",
    "",
)
rule(
    "sarc.dry",
    "sarcasm",
    r"\bcan't wait to (?:see|find out|hear) [^.!?\n]{0,60}\b(?:this time|next|again)\b"
    r"|\b(?:nice|kind|good|lovely|thoughtful|considerate) of (?:you|your \w+) to (?:mention|tell|let|inform|warn|"
    r"say|point out|share)\b[^.!?\n]{0,60}\b(?:after|once|only now|now that|at last|finally)\b"
    r"|\ba mere (?:\w+ )?(?:days?|weeks?|months?|years?|hours?) (?:after|late|later|past)\b"
    r"|\b(?:good|nice|great|glad|lovely) to (?:know|see|hear|learn)\b[^.!?\n]{0,50}\b(?:so little|nothing|"
    r"doesn't matter|don't matter|not a priority|isn't a priority|count for nothing|optional|an afterthought)\b"
    r"|\b(?:that's|that is|this is) (?:certainly |definitely |quite |really )?one way (?:to|of)\b"
    r"|\b(?:certainly|definitely|quite|really) one way to\b"
    r"|\b(?:just )?like last time\b(?=[.!]|\s*$)|\bthe (?:cheque|check|payment|money) is in the (?:mail|post)\b"
    r"|\b(?:this|that|it)(?:'s| is) (?:all )?(?:news|a surprise|a shock) to you\b|\bfunny,? (?:because|that|how|"
    r"I)\b|\b(?:so|really) glad (?:I|we) (?:\w+ed|stayed|spent|came|drove|got|made|did|went|took)\b"
    r"(?=[^.!?\n]{0,60}\b(?:nobody|no one|never|nothing|not|didn't|wasn't|for nothing|again)\b)"
    r"|\b(?:really|so|truly|just) (?:appreciate|love) (?:the|your|being|how)\b(?=[^.!?\n]{0,50}"
    r"(?:,\s*(?:really |very |super |so |just )?(?:helpful|useful|classy|professional|mature|nice|great|"
    r"thoughtful)|\bthree-word|\bone-word|\btwo-word|\bfive-word|\bsilence\b))",
    "can nice kind good lovely thoughtful considerate mere great glad that this certainly definitely quite "
    "really like cheque check payment money it funny so truly just",
    "",
)
_PRAISE_WORDS = (
    r"fascinating|brilliant|lovely|great|marvell?ous|wonderful|charming|interesting|nice|classy|classic|typical|"
    r"super|fantastic|perfect|impressive|delightful|helpful|useful|professional|mature|thoughtful|considerate|"
    r"efficient|responsive|good one|nice one|well done|good job|great job|great work|bravo|awesome|cool|"
    r"splendid|superb|excellent|amazing|terrific|cheers|thanks a lot|thanks a bunch|thanks for that|love it|"
    r"love that|smooth"
)
_TRAILING_IRONY = re.compile(
    r",\s*(?:how )?(?:fascinating|brilliant|lovely|great|marvell?ous|wonderful|charming|interesting|nice|"
    r"classy|classic|typical|super|fantastic|perfect|impressive|delightful|cheers|thanks)\s*[.!]*\s*$"
)
rule(
    "sarc.trailing_praise",
    "sarcasm",
    r"\b(?P<f>(?:how |really |very |super |so |just |truly )?(?:" + _PRAISE_WORDS + r"))"
    r"(?=\s*[.!]*\s*(?:$|\n|(?<=[.!])\s))",
    "fascinating brilliant lovely great marvellous marvelous wonderful charming interesting nice classy classic "
    "typical super fantastic perfect impressive delightful helpful useful professional mature thoughtful "
    "considerate efficient responsive good nice well great bravo awesome cool splendid superb excellent amazing "
    "terrific cheers thanks love smooth",
    "",
    guard="complaint_before",
)
rule(
    "sarc.praise_after",
    "sarcasm",
    r"(?:^|(?<=[.!?\n] )|(?<=[.!?\n]))(?P<f>(?:oh,? |well,? |wow,? )?(?:really |very |super |so |just |how )?(?:"
    + _PRAISE_WORDS + r"))(?: of you)?\s*[.!]+(?=\s|$)",
    "oh well wow really very super so just how fascinating brilliant lovely great marvellous marvelous "
    "wonderful charming interesting nice classy classic typical super fantastic perfect impressive delightful "
    "helpful useful professional mature thoughtful considerate efficient responsive good bravo awesome cool "
    "splendid superb excellent amazing terrific cheers thanks love smooth",
    "",
    guard="complaint_sentence_before",
)


def _complaint_sentence_before(t: str, m: re.Match) -> bool:
    """The sentence before a one-word verdict ("Nice.") complains about the reader, and is no question."""
    low = m.string
    end = m.start()
    while end > 0 and low[end - 1] in " \t\n":
        end -= 1
    if end == 0 or low[end - 1] == "?":
        return False
    s, _ = sentence_bounds(low, end - 1, end - 1)
    prev = low[s:end]
    return (bool(re.search(r"\b(?:you|your|u|ur)\b", prev)) and bool(_COMPLAINT.search(prev))
            and not re.search(r"\b(?:thank|thanks|appreciate|grateful|sorry)\b", prev))


_COMMA_BEFORE = re.compile(r",\s*$")


def _complaint_before(t: str, m: re.Match) -> bool:
    """", fascinating." closing a sentence that complains."""
    low = m.string
    if not _COMMA_BEFORE.search(low, max(0, m.start() - 3), m.start()):
        return False
    s, _ = sentence_bounds(low, m.start(), m.end())
    return bool(_COMPLAINT.search(low[s : m.start()])) and not re.search(r"\bthank", low[s : m.start()])


_GLAD = re.compile(r"\b(?:thank|thanks|appreciate|grateful|sorry|apolog\w*)\b|\bglad (?:to hear|you|that you)\b")
rule(
    "sarc.incongruity",
    "sarcasm",
    r"\b(?P<f>(?:so |really |just |such )?glad|such a (?:pleasure|joy|treat|delight)|(?:a|what a) (?:pleasure|joy|"
    r"treat|delight)|love (?:finding|being|having|getting|hearing|chasing|waiting|learning)|magically|"
    r"miraculously|my favou?rite (?:part|thing)|nothing (?:like|beats)|(?:always|ever) a pleasure|what fun|"
    r"thrilling|riveting|shocking|astonishing|who'd have guessed|(?:rushing|racing|falling over themselves|"
    r"queuing up|lining up) to)\b",
    "glad such pleasure joy treat delight what love magically miraculously my favourite favorite nothing always "
    "ever fun thrilling riveting shocking astonishing who rushing racing falling queuing lining so really just",
    "",
    guard="incongruous",
)


def _incongruous(t: str, m: re.Match) -> bool:
    """Praise or delight next to a complaint in the same sentence, with no sincere thanks or apology,
    and no "but" turning it into a fair contrast ("love the logo, but the font is small")."""
    low = m.string
    s, e = sentence_bounds(low, m.start(), m.end())
    word = low[m.start() : m.end()]
    if word.startswith(("magically", "miraculously")):
        return not re.search(r"\b(?:works?|worked|fixed|appeared)\s*$", low[max(s, m.start() - 15) : m.start()])
    rest = low[s : m.start()] + " " + low[m.end() : e]
    if _GLAD.search(rest) or re.search(r"\b(?:but|however|although|though)\b", low[m.end() : e]):
        return False
    if re.search(r"\bnot\s*$", low[max(s, m.start() - 6) : m.start()]):
        return False
    return bool(_COMPLAINT.search(rest) or _SARC_CUES.search(rest))


_SARC_CUES = re.compile(
    r"\b(?:chas\w+|low priority|didn't clear|cancel\w*|redone|nephew|fourth time|third time|fifth time|"
    r"stretch|for free|exposure|unpaid|overdue|settle up|ignored|left out|linkedin|instagram|facebook|"
    r"twitter|last minute|at midnight|on a sunday|on a saturday|weekend|6am|5am|midnight)\b"
)


rule(
    "sarc.honoured",
    "sarcasm",
    r"\bI(?:'m| am|'d be| would be) (?:so |just |absolutely |truly |simply )?(?:honou?red|flattered|touched|"
    r"thrilled|delighted|overjoyed|ecstatic|humbled)\b",
    "honoured honored flattered touched thrilled delighted overjoyed ecstatic humbled",
    "",
    guard="complaint_in_sentence",
)


def _complaint_in_sentence(t: str, m: re.Match) -> bool:
    low = m.string
    s, e = sentence_bounds(low, m.start(), m.end())
    rest = low[s : m.start()] + " " + low[m.end() : e]
    return bool(_COMPLAINT.search(rest)) and not re.search(r"\b(?:thank|thanks|appreciate|grateful)\b", rest)


rule(
    "sarc.found_out",
    "sarcasm",
    r"\b(?:love|adore|great|lovely|nice|good|brilliant) (?:that|how|it when|to) (?:I|we) (?:found out|had to|"
    r"learn(?:ed|t)?|discover(?:ed)?|heard|get to|got to|have to)\b"
    r"|\b(?:ah|oh) yes,? the (?:famous|old|classic|usual|good old)\b"
    r"|\bexposure (?:will|is going to|would) (?:definitely |totally |surely )?(?:pay|cover)\b"
    r"|\bI'm sure (?:you|they|your [\w ]{1,20})(?:'ll| will) be (?:rushing|racing|thrilled|delighted|queuing|"
    r"lining up|falling over)\b"
    r"|\bfinding out\b[^.!?\n]{0,40}\b(?:from|via|on|through) (?:your |their |a |the )?(?:linkedin|instagram|"
    r"facebook|twitter|social media|a third party|someone else|the grapevine|a stranger|the printer|the press)\b"
    r"|\b(?:appreciate|love) being told\b[^.!?\n]{0,60}\b(?:after|once|at the last|only now)\b",
    "love adore great lovely nice good brilliant ah oh exposure appreciate",
    "",
)
rule(
    "sarc.well_done",
    "sarcasm",
    r"\b(?:well done|bravo|congrats|congratulations|kudos|hats off|slow clap|nice going|nice work|good job|"
    r"great job|great work|good work|top marks|gold star|ten out of ten|10/10)\b",
    "well done bravo congrats congratulations kudos hats slow nice good great top gold ten",
    "",
    guard="ironic_anywhere",
)


def _ironic_anywhere(t: str, m: re.Match) -> bool:
    low = m.string
    s, e = sentence_bounds(low, m.start(), m.end())
    after = low[m.end():e]
    return bool(re.search(
        r"\b(?:on |for |with )?(?:missing|ignoring|breaking|ruining|forgetting|losing|wasting|delaying|blowing|"
        r"skipping|deleting|crashing|not)\b|\b(?:only|just) (?:\w+ )?(?:\d+|two|three|four|five|six|a) "
        r"(?:\w+ )?(?:days?|weeks?|months?|hours?) (?:late|overdue|behind)|\bagain\b|\b(?:days?|weeks?|hours?|"
        r"minutes?) (?:before|after) (?:the )?(?:launch|deadline|shoot|event|print|go-live|meeting)\b", after))


# ---------------------------------------------------------------------------------------------
# Over-apology: the whole fault taken on, whatever the subject
# ---------------------------------------------------------------------------------------------
rule(
    "apol.was_my_fault",
    "over_apology",
    r"\b(?:my (?:own )?(?:fault|mistake|doing|oversight|error|screw-?up|blunder|failing|failure|bad|"
    r"responsibility)|(?:all|entirely|completely|totally|squarely|wholly|solely|fully|100%) on me(?! to)|on me(?:,? "
    r"(?:100%|completely|entirely|totally)| and (?:nobody|no one) else)|down to me)\b",
    "my on down all entirely completely totally squarely wholly solely fully 100",
    "I'm sorry for the trouble this has caused",
    guard="after_copula",
)
rule(
    "apol.self_abasing",
    "over_apology",
    r"\bI(?:'ve| have)? (?:completely |totally |really |badly )?(?:let you down|failed you|ruined (?:it|this|"
    r"everything|the)|wrecked)\b"
    r"|\b(?:I|we) (?:can't|cannot|could never|can never) (?:apologi[sz]e|say sorry|tell you how sorry)"
    r"(?: enough)?\b"
    r"|\bplease forgive me\b|\bI beg your (?:forgiveness|pardon)\b|\b(?:it|this|that|what I did)(?:'s| is| was)"
    r" (?:unforgivable|inexcusable)\b|\b(?:there's|there is|I have) no excuse\b"
    r"|\bI(?:'m| am) (?:fully |entirely |completely |solely |totally |100% |wholly )(?:responsible|to blame|at fault|"
    r"liable)\b|\bI(?:'m| am) (?:the only one |the one |solely )?to blame\b"
    r"|\bI(?:'m| am) (?:such )?(?:an? )?(?:the worst|stupid|a fool|so stupid|pathetic|complete idiot|total "
    r"idiot|an amateur)\b|\b(?:a thousand|a million|a hundred|so many|endless) apologies\b"
    r"|\bI (?:hold|put) my hands up\b|\bmea culpa\b|\bI accept (?:full |all |complete )?liability\b"
    r"|\bI (?:feel|felt) (?:so |really |absolutely |just )?(?:terrible|awful|horrible|dreadful|sick|"
    r"so bad|like an idiot|ashamed)\b",
    "let failed ruined wrecked apologise apologize sorry forgive beg unforgivable inexcusable excuse "
    "responsible blame fault liable worst stupid fool pathetic idiot amateur apologies hands culpa "
    "liability feel felt",
    "I'm sorry for the trouble this has caused",
)

# ---------------------------------------------------------------------------------------------
# Acknowledgement and next steps, in their open forms
# ---------------------------------------------------------------------------------------------
rule(
    "pos.ack_open",
    "acknowledgement",
    r"\b(?:I hear (?:you|where|what|your)|(?:totally|completely|fully|absolutely|perfectly|entirely|"
    r"quite) understand(?:able|s)?|understandable|(?:^|(?<=[.!?\n] ))understood\b|"
    r"I (?:really |do |fully |completely |totally )?appreciate (?:that|how (?=(?:\w+ ){0,3}(?:frustrating|difficult|"
    r"hard|annoying|stressful|disappointing|worrying|upsetting|inconvenient|tricky|awkward|tight|busy|important|"
    r"much this|much it|long|tough|complicated|frustrated|worried|upset))|why|where|your (?:frustration|"
    r"concern|concerns|point|perspective|position|situation)|the "
    r"(?:frustration|concern|pressure|position))|you(?:'re| are) (?:absolutely|quite|completely|totally|"
    r"100%|entirely|perfectly|partly|probably) right|you (?:have|make|raise|made|raised) (?:a |some )?"
    r"(?:good|fair|valid|reasonable|great|strong|important)? ?points?\b|point taken|fair enough|"
    r"(?:a |that's a |that is a )?(?:reasonable|legitimate|genuine|understandable|natural) (?:point|question|"
    r"concern|worry|expectation|reaction)|(?:it's|it is|that's|that is) (?:completely |perfectly "
    r"|entirely |totally |very )?(?:reasonable|fair|understandable|natural|normal|valid) (?:to|that you|for "
    r"you|you)|take (?:that|this|it|your \w+|the \w+|those \w+) on board|(?:that|this|it) (?:must|sounds|"
    r"must have been|has been|is|was) (?:really |so |very |incredibly )?(?:frustrating|stressful|annoying|"
    r"disappointing|worrying|difficult|hard|tough|upsetting|a pain|inconvenient)|I know how (?:frustrating|"
    r"stressful|annoying|disappointing|worrying|difficult|hard)|I can appreciate|sorry (?:for|about) "
    r"(?:that|this|my|our|any|all|the)|I get it\b|I see (?:where|what)|(?:I'm|I am) sorry (?:the|this|it|we|"
    r"I)|thanks? (?:you )?for (?:telling me|the heads-?up|being (?:honest|upfront))|I (?:really |do |fully )?"
    r"appreciate (?:that )?you(?:'re| are|'ve| have| being (?:upfront|honest|open|frank|candid|straight|clear)| "
    r"letting me know| raising| flagging| pointing| explaining| sharing| telling)|(?:isn't|is not|wasn't|was not|"
    r"not) on you\b|(?:^|(?<=[.!?\n] ))(?:totally|completely|"
    r"entirely|perfectly|very|that's|that is) fair\b|makes (?:total|complete|perfect|a lot of|good) sense|"
    r"I know [^.!?;]{0,40}\bmatters? (?:a lot |so much |a great deal )?to you|you (?:weren't|were not) to know|"
    r"you (?:couldn't|could not) "
    r"(?:have )?(?:known|foreseen)|(?:not|nothing) (?:from|because of|down to|to do with) (?:anything )?(?:you|"
    r"your)\b|sorry (?:for|about)\b|accept (?:my|our) (?:sincere |sincerest |deepest |humble )?apologies|"
    r"apologi[sz]e (?:again |once more |sincerely )?for|sorry to hear|you (?:didn't|did not|haven't|have not) "
    r"(?:do|done) anything wrong|you did nothing wrong|you were (?:right|correct) to|I (?:totally |completely |"
    r"fully |really )?see where|thanks? (?:you )?for (?:finding|catching|spotting|noticing|picking up on)|"
    r"I know (?:that )?(?:the |this |it's |it |month-end |the wait |things )[^.!?;]{0,50}?\b(?:has been|have "
    r"been|is|was|wasn't|isn't|came|must|hoped|busy|frustrating|headache|hard|difficult|long|late|"
    r"inconvenient|ideal)\b)",
    "hear totally completely fully absolutely perfectly entirely quite understand understandable understood "
    "appreciate right point points taken fair reasonable legitimate genuine natural take frustrating "
    "stressful annoying disappointing worrying difficult hard tough upsetting pain inconvenient know sorry "
    "get see thanks thank weren't were couldn't could not nothing accept apologise apologize",
)
# After "I'll", verbs that are no commitment to act ("I'll be honest", "I'll have to").
_NOT_AN_ACTION = wordset(
    """be have need never not admit say assume bet remember pretend stop leave just also still probably
    maybe always only ever take let hear believe wait give lose regret guess hope see imagine understand
    tell hardly assure appreciate feel sympathise sympathize relate say receive hear kick cry scream"""
)


_IF_BEFORE = re.compile(r"\b(?:if|unless|whether)\b[^.!?;,\n]*$|\b(?:before|until|till) $")


# "not something I intend to address", "nothing I can change": the writer declining, not committing
_NOT_A_PLAN = re.compile(r"\b(?:not something|not anything|nothing|no intention of|not what|not a thing)\s+$")
_ASKED_ABOUT = re.compile(r"(?:^|[.!?\n]\s*)(?:is there|are there|do you have|have you got|who|whom|where|when|which|"
                          r"what)\b[^.!?\n]*(?<!\bso)(?<!\bthat)(?<!\band)(?<!\bthen)(?<!,) $")


def _action(t: str, m: re.Match) -> bool:
    v = m.group("v")
    low = m.string
    if _IF_BEFORE.search(low, max(0, m.start() - 80), m.start()):
        return False
    if _NOT_A_PLAN.search(low, max(0, m.start() - 30), m.start()):
        return False
    if _ASKED_ABOUT.search(low, max(0, m.start() - 100), m.start()) and "?" in low[m.end() : m.end() + 120]:
        return False  # "Is there a contact I could speak to?": a question about whom, not an offer
    if v == "be":
        return bool(re.match(r" (?:in touch|sending|ready|back|online|available|there|able|happy|glad)",
                             m.string[m.end("v"):]))
    if v == "have":
        return bool(re.match(r" (?:it|the|a|an|them|this|that|your|my|everything|something)\b",
                             m.string[m.end("v"):]))
    if v in ("let", "give", "take", "wait"):
        return bool(re.match(r" (?:you|a|another|it|the|this|for|until|till|look|all|over|on|care)\b",
                             m.string[m.end("v"):]))
    if " in court" in low[m.end() : m.end() + 40]:
        return False  # "we will meet in court" is a threat, not a plan
    return v not in _NOT_AN_ACTION and v not in _ADVERBS


rule(
    "pos.commitment",
    "next_step",
    r"\b(?:I(?:'ll| will|'m going to| am going to| can| could| shall| plan to| intend to| aim to)|"
    r"we(?:'ll| will|'re going to| are going to| can| shall)|let me|(?:can|could|shall|should|might) we|"
    r"(?:perhaps|maybe|possibly) we(?: could| can| might)?|we (?:could|might)|"
    r"how about (?:we|I)|what if (?:we|I)|would it help if I|(?:^|(?<=[.!?\n] ))happy to|(?:I'm|I am|we're|we are|"
    r"I'd be|I would be|we'd be|we would be) "
    r"(?:more than |very "
    r"|perfectly |really )?(?:happy|glad|willing|open|ready|keen) to)"
    r"(?: (?:also|then|now|gladly|happily|certainly|definitely|personally|immediately|quickly|first|still|just))?"
    r" (?P<v>[a-z]+)\b",
    "ll will going can could shall should might plan intend aim want we let like about what help happy glad "
    "perhaps maybe possibly "
    "willing open "
    "ready keen",
    guard="action",
)

rule(
    "pos.proposal",
    "next_step",
    r"\b(?:would you be (?:open|willing|happy|up for)|how would you feel about|would you consider|(?:a|another) "
    r"(?:quick |short |brief )?(?:call|chat|meeting|video call) (?:would|could|might) (?:help|clear|sort|be|"
    r"work)|will be with you (?:on|by|before|first thing|tomorrow|today|this|next|early|later)|and (?:will|"
    r"I'll) (?:cover|send|fix|refund|redo|pay|make|resend|deliver|update|correct|reissue|get|call))\b",
    "would how consider a another will and",
)
rule(
    "pos.doing_now",
    "next_step",
    r"\b(?:I'm|I am|we're|we are) (?:now |already |currently )?(?:restoring|reverting|redoing|rebuilding|"
    r"reissuing|resending|re-?exporting|re-?rendering|refunding|correcting|updating|finishing|"
    r"looking into|booking|arranging|scheduling|drafting|preparing|putting together|fixing|"
    r"re-?uploading|rolling back|recovering|rewriting|revising|reworking|amending)\b",
    "m am re are",
)
rule(
    "pos.hedge_may",
    "hedge",
    r"\b(?<!\d )may (?:well |also |simply |just |not |still |actually )?(?:need|want|have|be|take|require|find|"
    r"prefer|like|help|wish|struggle|slip|change|not|affect|mean|cause|come|look|feel|seem|work|suit|end up)\b"
    r"|\bI (?:just |really |honestly |personally |do |still |genuinely )think\b|\b(?:I )?reckon\b",
    "may think reckon",
)

GUARDS = {
    "incongruous": _incongruous,
    "not_self_subject": _not_self_subject,
    "complaint_in_sentence": _complaint_in_sentence,
    "negated_just_before": _negated_just_before,
    "you_did": _you_did,
    "you_chose": _you_chose,
    "habit_complaint": _habit_complaint,
    "threat_framed": _threat_framed,
    "complaint_before": _complaint_before,
    "after_copula": _after_copula,
    "judged": _judged,
    "failure_verb": _failure_verb,
    "failure_gerund": _failure_gerund,
    "ironic": _ironic,
    "complaint_sentence_before": _complaint_sentence_before,
    "ironic_anywhere": _ironic_anywhere,
    "action": _action,
    "not_rebuttal": _not_rebuttal,
}
