"""Rules about heat: sarcasm, passive-aggressive phrases, profanity, threats, demands, dismissiveness,
over-apology."""

from __future__ import annotations

import re

from ..model import wordset
from .base import rule

# ---------------------------------------------------------------------------------------------
# Sarcasm (scare quotes are found in engine from the prepared text)
# ---------------------------------------------------------------------------------------------
rule(
    "sarc.great_job",
    "sarcasm",
    r"\b(?:oh,? )?(?:great|nice|good|fantastic|brilliant|amazing|wonderful|excellent|stellar|terrific|"
    r"superb|way to go|well done) (?:job|work|effort|going|move)?,? ?(?:on |with )?(?P<v>missing|ignoring|"
    r"breaking|ruining|forgetting|losing|wasting|delaying|blowing|skipping|not)\b",
    "great nice good fantastic brilliant amazing wonderful excellent stellar terrific superb way well",
    lambda m: "unfortunately we didn't"
    if m.group("v").lower() == "not"
    else f"unfortunately we ended up {m.group('v').lower()}",
)
rule(
    "sarc.thanks_for_nothing",
    "sarcasm",
    r"\b(?:thanks?|cheers)(?: you)?(?: a lot| a bunch| so much)? for (?:nothing|ignoring me|wasting my time|"
    r"the silence|"
    r"ruining|breaking|nothing at all)\b",
    "thanks thank cheers",
    "",
)
rule(
    "sarc.thanks_finally",
    "sarcasm",
    r"\b(?:(?:thanks?|thank you|cheers)(?: (?:so|very|ever so|a lot|loads))?(?: much)? for|(?:nice|good|kind|"
    r"great|lovely) of you to|glad (?:you|to see you)) "
    r"(?:finally|eventually|at last|bothering)\b",
    "thanks thank nice good kind great lovely glad",
    "thanks for",
)
rule(
    "sarc.how_convenient",
    "sarcasm",
    # "How convenient would Thursday be for your team?" asks
    r"\b(?:how|very|so) (?:convenient(?! (?:would|will|is|it|are|does|do)\b[^.!\n]*\?)|nice of you|kind of you|"
    r"generous of you)\b[.!]*"
    r"|\bwhat a (?:surprise|shock|shocker|coincidence)\b[.!]*|\bmust be nice\b[.!]*|\byeah,? right\b[.!]*"
    r"|\bwho (?:knew|would have (?:thought|guessed))\b[.!?]*|\boh,? so now\b",
    "convenient nice kind generous surprise shock shocker coincidence must yeah right knew would now",
    "",
)
rule(
    "sarc.funny_how",
    "sarcasm",
    r"\b(?:funny|interesting|amazing|curious|strange|incredible|fascinating|remarkable|astonishing|hilarious|"
    r"I love|gotta love|got to love|love) how (?=\w)",
    "funny interesting amazing curious strange incredible fascinating remarkable astonishing hilarious love",
    "I've noticed that ",
)
rule(
    "sarc.oh_great",
    "sarcasm",
    r"\b(?:oh|wow),? (?:great|wonderful|perfect|fantastic|brilliant|lovely|just great|really|just wow|"
    r"how nice|super)\b(?! (?:question|point|idea|news|work|job|catch|to hear|suggestion))(?!,? (?:that's|that "
    r"is|what) (?:a relief|good|great|fantastic|brilliant|wonderful|news))[,.!]*|\b(?:great|brilliant|fantastic|"
    r"perfect|wonderful|lovely|terrific|super|"
    r"just great),? "
    r"(?=(?:another|more|yet another)\b)",
    "oh wow great brilliant fantastic perfect wonderful lovely terrific super",
    "",
)
rule(
    "sarc.kidding",
    "sarcasm",
    r"\b(?:are you (?:fucking |bloody |freaking |actually |being )?(?:kidding|joking|serious|for real|having a "
    r"laugh|having a giraffe)(?: me)?|you(?:'re| are) having a laugh|"
    r"you(?:'ve| have)? got to be kidding(?: me)?|"
    r"you must be (?:joking|kidding)|seriously\?+)[?!.]*",
    "kidding joking serious seriously real laugh giraffe",
    "",
)
rule(
    "sarc.do_you_even",
    "sarcasm",
    r"\b(?:do|did|does|have) you (?:even|ever) (?:read|know|understand|care|listen|check|look|open|bother|"
    r"think|try)\b[^.!?\n]{0,80}\?*",
    "even ever",
    "Could you take another look at this?",
)
rule(
    "sarc.clearly_expert",
    "sarcasm",
    r"\b(?:clearly|obviously) (?:you(?:'re| are)? )?(?:an? )?(?:expert|genius|professional|pro)\b"
    r"|\b(?:real|very|so|how) professional of you\b|\breal professional\b|\bcongratulations on "
    r"(?:missing|ignoring|breaking|ruining|finally)\b|\bsure(?:,)? (?:because|why not)\b",
    "expert genius professional pro congratulations sure",
    "",
)
rule(
    "sarc.im_sure_you_did",
    "sarcasm",
    r"\bI'm sure you (?:did|were|have|are|will|tried|meant to|meant it(?: this time)?)(?=[.!]|\s*$)"
    r"|\bI'm sure you were (?:very |really |terribly |so |super )?busy\b"
    r"|\boh,? I'm (?:sure|certain|positive) you\b"
    r"|\bI'm sure you did (?:\w+ )?(?:it|them|that|this|the \w+)(?=[,;] |\s+(?:but|and|it)\b)",
    "sure",
    "",
)

# ---------------------------------------------------------------------------------------------
# Passive-aggressive stock phrases
# ---------------------------------------------------------------------------------------------
rule(
    "pa.per_my_last",
    "passive_aggressive",
    r"\bmay I remind you\b|\bI (?:would )?(?:like to )?remind you that\b|\bin case you missed my (?:previous|last|"
    r"earlier) (?:e-?mail|message|note|reminder)\b|\bas I (?:mentioned|said|explained|noted|wrote) in my (?:previous|"
    r"last|earlier)"
    r"(?: \w+)? (?:e-?mails?|messages?|notes?)\b"
    r"|\b(?:just )?in case you (?:didn't|did not|haven't|have not) (?:see|seen|get|got|receive|received|read) my "
    r"(?:last|previous|earlier) (?:e-?mail|message|note)\b"
    r"|\b(?:per|as per) my (?:last|previous|earlier|prior) (?:e-?mail|mail|message|note|letter|reply|voice ?note|"
    r"voicemail|text|whatsapp|dm)\b"
    r"|\b(?:per|as per) my (?:e-?mail|mail|message|note|letter|reply) (?:of|dated|sent on|on) (?:the )?\d"
    r"|\b(?:per|as per) my (?:e-?mail|mail|message|note|reply) (?:yesterday|earlier|this morning|last week|from "
    r"(?:monday|tuesday|wednesday|thursday|friday|yesterday|last week))\b",
    "per may i in as",
    "to recap",
)
rule(
    "pa.as_i_said",
    "passive_aggressive",
    r"\bas (?:I|we)(?: have| had|'ve)? (?:already|previously|repeatedly|clearly) (?:said|stated|mentioned|"
    r"explained|noted|told you|pointed out|made clear|asked)\b"
    r"|\bas (?:I|we)(?: have| had|'ve)? (?:said|stated|mentioned|explained|told you|pointed out|asked) "
    r"(?:before|several times|many times|multiple times|twice|repeatedly|\w+ times|already)\b"
    r"|\bas (?:previously|already) (?:stated|mentioned|explained|said)\b|\bas stated (?:before|previously)\b",
    "already previously repeatedly clearly before several many multiple twice times stated",
    "to recap",
)
rule(
    "pa.told_you_times",
    "passive_aggressive",
    r"\bI(?:'ve| have)(?: already)? (?:told|asked|said|explained|reminded)(?: (?:this|you|it|that))* "
    r"(?:\w+ times|twice|before|already|repeatedly|over and over)\b"
    r"|\bfor the (?:second|third|fourth|fifth|sixth|umpteenth|hundredth|last|\d+(?:st|nd|rd|th)) time\b"
    r"|\bI(?:'ve| have)? (?:now )?(?:asked|told|emailed|written|chased|called|messaged|reminded|requested|sent)"
    r"(?: (?:you|this|it|that))?(?: (?:for|about) [\w ]{1,30}?)? (?:\d+|two|three|four|five|six|seven|eight|nine|"
    r"ten|several|multiple|many|countless|numerous|a dozen) times\b"
    r"|\b(?:once again,? )?as (?:stated|noted|mentioned|outlined|explained|set out|per) in my (?:last |previous |"
    r"earlier )?(?:email|message|note|letter|reply)\b|\blike I (?:told you|said)(?: already| before| already "
    r"before)?\b|\bper my (?:last|previous) (?:\w+ )?(?:emails?|messages?)\b",
    "told asked said explained reminded second third fourth fifth sixth umpteenth hundredth last time emailed "
    "written chased called messaged requested sent once as like per",
    "to recap",
)
rule(
    "pa.going_forward",
    "passive_aggressive",
    r"\b(?:going|moving) forward\b,?(?= (?:please|you|kindly|I(?:'d| would) (?:appreciate|ask|expect)|"
    r"make sure|ensure|let's make sure|I expect|I need you|can you|could you|would you|send|copy|cc|use|include|"
    r"put|route|run|check|keep|submit|"
    r"email|call|ask|loop|attach|book|flag|get)\b)"
    r"|\bfrom (?:now|here) on(?:wards)?\b,?(?= (?:please|kindly|I(?:'d| would) (?:appreciate|ask|expect)|make sure|"
    r"ensure|I expect|I need you|you (?:need|must|have|will need) to))",
    "going moving from",
    "from now on",
)
rule(
    "pa.due_respect",
    "passive_aggressive",
    r"\bwith (?:all )?due respect\b,?|\bwith respect\b(?! to)(?! for)(?! of),?|\bno offen[cs]e,? but\b|"
    r"\b(?:don't|do not|please don't) take (?:it|this) (?:otherwise|amiss),? but\b|"
    r"\bnot to (?:nag|harp on|keep on|labou?r the point),? but\b|\bsorry to (?:nag|keep nagging|be a pest)\b|"
    r"\bnot to be (?:rude|difficult|pushy|funny|a pain|a pest|a nag|annoying|that person|"
    r"mean|harsh),? but\b|\bI'm sure you(?:'re| are) (?:very |extremely |super )?busy,? but\b",
    "respect offence offense rude difficult pushy funny mean harsh busy nag harp keep labour labor sorry pain pest "
    "annoying person",
    "",
)
rule(
    "pa.did_you_see",
    "passive_aggressive",
    r"\bnot sure (?:if|whether) you (?:saw|got|received|read|noticed) my (?:last |previous |earlier )?"
    r"(?:e-?mail|message|note)\b"
    r"|\bnot sure (?:if |whether )?my (?:last|previous|earlier)(?: \w+)? (?:e-?mails?|messages?|notes?|reminders?) "
    r"(?:reached|got to|arrived|made it)\b",
    "sure",
    "I'm following up on my email",
)
rule(
    "pa.remind_you",
    "passive_aggressive",
    r"\b(?:let me remind you|I (?:would|must|have to|need to) remind you|as you (?:should|must|ought to) "
    r"(?:know|be aware)|I shouldn't have to|I should not have to)\b",
    "remind should shouldn",
    "as a reminder",
)
rule(
    "pa.if_you_had_read",
    "passive_aggressive",
    r"\bif you(?:'d| had)(?: (?:actually|just|only))? (?:read|bothered|checked|looked|paid attention|gone through|"
    r"opened)\b"
    # the same condition inverted: "Had you gone through the brief, you'd know..."
    r"|(?:^|(?<=[.!?\n] )|(?<=[.!?\n]))had you (?:actually |just |even )?(?:read|bothered|checked|looked|paid "
    r"attention|gone through|opened)\b",
    "read bothered checked looked attention gone opened had",
    "as described in my message",
)
rule(
    "pa.yet_again",
    "passive_aggressive",
    r"\b(?:yet again|again and again|time and (?:time )?again|over and over(?: again)?)\b",
    "again over",
    "again",
)
rule(
    "pa.explain_slowly",
    "passive_aggressive",
    r"\bI(?:'ll| will) (?:try to )?(?:explain|say|put) (?:it|this) (?:again |one more time |once more )?"
    r"(?:slowly|simply|in simple terms|very simply)\b",
    "slowly simply simple",
    "let me put this another way",
)

# ---------------------------------------------------------------------------------------------
# Profanity and insults
# ---------------------------------------------------------------------------------------------
_SWEAR = (
    r"fu{1,3}c?k(?:ing|ed|er|ers|in|s|up)?|fck(?:ing|ed)?|fkn|fking|f[*@#]+c?k(?:ing|ed)?|f\*+|"
    r"motherf(?:u|\*)c?k(?:er|ers|ing|in)?|"
    # "bs" but not in a reference ("invoice BS-0092", "BS 7671"): followed by a hyphen or digits it is a code
    r"shit(?:ty|s|e|ting|ter|head)?|sh[*!1]t(?:ty)?|bullshit|bs(?![-/_.]?\s?\d)(?!-)|crap(?:py)?|goddamn(?:ed|it)?|"
    r"damn(?:ed|it)?|"
    r"assholes?|arse(?:hole)?s?|a[*$]{2}holes?|bastards?|bitch(?:es|ing|y)?|b[*]tch(?:es)?|"
    r"piss(?:ed)?(?: off)?|wtf|wth|stfu|ffs|bloody|freaking|frigging|effing|sucks?|"
    r"what the hell|the hell|to hell|hell no|bollocks|feck(?:in|ing|ed)?"
)
_INSULT = (
    r"idiots?|idiotic|moron(?:s|ic)?|imbeciles?|clowns?|losers?|liars?|scammers?|crooks?|thie(?:f|ves)|"
    r"fraudsters?|con artists?|cheats?|jerks?|dicks?|pricks?|stupid(?:ity)?|dumb(?:ass)?|brain-?dead|"
    r"retard(?:ed|s)?|(?<!not )garbage(?! collect)|(?<!not )trash(?! can| bin)|(?<!garden )(?<!not )rubbish"
    r"(?! collect| "
    r"bin| dump| to the tip| "
    r"removal| bags?| pile| heap)|junk(?! mail)|amateurs"
)
_MILD = wordset("damn damned dammit damnit bloody freaking frigging effing suck sucks crap crappy")


def _s_profanity(m: re.Match) -> str:
    word = m.group(0).lower()
    if word.startswith("piss"):
        return "frustrated"
    if word in ("bullshit", "bs"):
        return "not accurate"
    if word in ("garbage", "trash", "rubbish", "junk"):
        return "not what I expected"
    if word == "what the hell":
        return "what"
    return ""


rule(
    "prof.swear",
    "profanity",
    rf"(?<![\w*])(?:{_SWEAR})(?![\w*])",
    "fuck fucking fucked fuckin f fk fck fcking motherfucker shit shitty shite sh bullshit bs crap crappy "
    "goddamn goddamned damn damned damnit dammit asshole arse arsehole arses assholes a bastard bastards "
    "bitch bitches b piss pissed wtf wth stfu ffs bloody freaking frigging effing suck sucks hell bollocks feck "
    "feckin fecking fecked",
    _s_profanity,
    heated=True,
)
rule(
    "prof.insult",
    "profanity",
    rf"\b(?:{_INSULT})\b",
    "idiot idiots idiotic moron morons moronic imbecile imbeciles clown clowns loser losers liar liars "
    "scammer scammers crook crooks thief thieves fraudster fraudsters con cheat cheats jerk jerks dick dicks "
    "prick pricks stupid stupidity dumb dumbass brain braindead retard retarded garbage trash rubbish junk "
    "amateur amateurs",
    _s_profanity,
    heated=True,
    message="Insults end a negotiation and look bad in any later record; describe the problem instead.",
)
rule(
    "prof.screw_you",
    "profanity",
    r"\b(?:screw|damn|to hell with|go to hell|get lost|shut up|piss off|bugger off|sod off)(?: you)?\b",
    "screw damn hell lost shut piss bugger sod",
    "",
    heated=True,
)

# ---------------------------------------------------------------------------------------------
# Threats and ultimatums. Legal threats are premature until the escalation ladder calls for them.
# ---------------------------------------------------------------------------------------------
_LEGAL = (
    r"sue(?: you)?|take (?:legal action|(?:you|this|the matter|it|this matter) to (?:court|small claims"
    r"(?: court)?|a tribunal|arbitration|the tribunal))|(?:get|call|contact|involve|instruct|hire|talk to|"
    r"speak to|consult) (?:my|a|our) (?:lawyers?|solicitors?|attorneys?|legal team|legal counsel)|report you"
    r"(?: to [\w ]{1,30})?|file (?:a |an )?(?:lawsuit|claim|complaint|chargeback)|press charges|"
    r"start (?:legal )?proceedings|refer (?:this|the matter|it|this matter) to (?:small claims|(?:the )"
    r"?court|"
    r"a debt collect\w+|collections|my lawyer|a lawyer)|see you in court"
)
rule(
    "threat.legal",
    "threat",
    rf"\b(?:I|we)(?:'ll| will| shall| am going to|'m going to| are going to|'re going to| intend to| have no "
    rf"choice but to| won't hesitate to| will not hesitate to| may| might| would)(?: (?:have to|"
    rf"be forced to|need "
    rf"to|then))? (?:{_LEGAL})\b"
    r"|\bsee you in court\b|\bmy (?:lawyers?|solicitors?|attorneys?|legal team) (?:will|is|are)\b"
    r"|\b(?:I'm|I am|we're|we are) (?:calling|contacting|getting|involving|instructing|hiring|talking to|speaking "
    r"to|consulting) (?:my|a|our) (?:lawyers?|solicitors?|attorneys?|legal team)\b|\b(?:I'm|I am|we're|we are) "
    r"(?:suing you|reporting you|taking you to court|taking this to court)\b"
    r"|\b(?:legal action|legal proceedings|a lawsuit|court proceedings)\b",
    "sue take get call contact involve instruct hire talk speak consult report file press start refer see "
    "lawyer lawyers solicitor solicitors attorney attorneys legal lawsuit court proceedings",
    "I'd like to resolve this directly with you",
    legal=True,
    guard="against_reader",
    message="A legal threat this early tends to end the conversation; the escalation ladder says when a "
    "formal step is due.",
)
rule(
    "threat.intimidation",
    "threat",
    r"\bor else\b|\byou(?:'ll| will) (?:regret|be sorry)\b|(?<!is this the )(?<!is it the )"
    r"\b(?:last|final) (?:chance|warning)\b(?![^.!?\n]*\?)(?! (?:the|for the) \w+ (?:have|has|get|gets)\b)"
    r"(?! to (?:lodge|file|register|enrol|enroll|sign up|weigh in|comment|give feedback|vote|lock in|secure|save|"
    r"reserve|take up|apply|enter|submit|grab|book|"
    r"get|sign up|join|claim|take advantage|enrol|register|order|buy))"
    r"|\b(?:you've been|you have been|consider yourself) warned\b|\bdon't make me\b|\btake it or leave it\b"
    r"|\b(?:leave|post|write|give you)(?: you)? (?:a |an )?(?:bad|negative|1-star|one-star|scathing|"
    r"terrible) "
    r"(?:review|rating|feedback)s?\b|\b(?:destroy|ruin|trash) your (?:reputation|business|career|name)\b"
    r"|\b(?:name and shame|expose you|tell everyone|make sure everyone knows|warn (?:other|every)\w* "
    r"(?:freelancers|clients|people))\b|\b(?:within|in) \d+ (?:hours|days),? or (?:else|I|we)\b"
    r"|\b(?:post|write|tell (?:people|everyone)|warn (?:people|others)) about (?:this|you|it|your \w+) "
    r"(?:on|to|in) (?:every|all|social|twitter|linkedin|reddit|the internet|online|forums?|my blog)\b"
    r"|\bor (?:I|we)(?:'ll| will|'m| am| won't)(?: not| never)? (?:go|going|take|taking|report|reporting|"
    r"post|"
    r"posting|cancel|cancelling|stop|stopping|make|expose|tell|pay|paying|sue|suing)\b",
    "else regret sorry last final warned make take leave post write give destroy ruin trash name expose "
    "tell warn within or",
    lambda m: "a final request" if re.search(r"chance|warning", m.group(0), re.I) else "",
    heated=True,
)

# ---------------------------------------------------------------------------------------------
# Demands without courtesy (the guard drops them when the sentence is courteous)
# ---------------------------------------------------------------------------------------------
_IMPERATIVE = (
    r"pay|send|fix|give|stop|answer|reply|respond|call|sign|transfer|refund|explain|tell|confirm|finish|"
    r"map|export|resend|re-send|process|rename|resize|compress|convert|publish|bill|copy (?:me|us) in|copy (?:me|us)|"
    r"cut (?:the|it|that|this)|ship it|center|centre|swap (?:the|it)|align|do it your way|check properly|check again|"
    r"look properly|read properly|talk to (?:your|the)|make it|keep your|"
    r"cc (?:me|us)|loop (?:me|us) in|"
    r"get me (?:the|my|a|an|those|these|your)|"
    # "just get the bloody thing filed"
    r"get (?:it|this|that|the|them|my|your)(?: [\w-]+){0,3}? (?:done|filed|sent|fixed|sorted|finished|paid|signed|"
    r"uploaded|over with|back to me|off|out of|moved|removed|away)\b|"
    r"deliver|release|return|remove|delete|get back|change|redo|cancel|wire|settle|read|provide|revert|"
    r"do it (?:yourself|then|properly|again)|"
    r"use (?:the|a|an|someone|somebody|another|whoever|your|whatever|whichever)|find (?:someone|somebody|another)|"
    r"look at (?:the|my|this|it|your|these|those)|match (?:the|my|your)|follow (?:the|my)|"
    r"hire (?:someone|"
    r"somebody|another)|get (?:someone|somebody|another|a new)|clear (?:the|your) (?:balance|invoice|debt|arrears|"
    r"account)|take (?:my|the|it|them|this|that)(?: name| names| logo| photos?| images?| work| credit)? (?:off|down)"
)
rule(
    "demand.imperative",
    "demand",
    rf"(?:^|(?<=[.!?:\n])|(?<=[.!?:\n][ \t])|(?<=[.!?\n][ \t]{{2}})|(?<=, )(?=just ))"
    rf"(?:(?:whatever|look|listen|ok|okay|fine|so|now|honestly|seriously|going forward|moving forward|from now on|"
    rf"in future|in the future|also|and|oh and|hi [a-z]+|hey [a-z]+|hello [a-z]+|morning|dear [a-z]+),? )?"
    rf"(?:just |simply )?(?P<f>(?:{_IMPERATIVE}))\b(?! you\b)",
    "pay send fix give stop answer reply respond call sign transfer refund explain tell confirm finish "
    "map export resend re process rename resize compress convert publish just bill going moving from in copy cc "
    "look match follow cut ship center centre swap align check read talk make keep "
    "loop "
    "deliver release return remove delete get change redo cancel wire settle read provide do use find hire clear "
    "take",
    lambda m: "Please " + m.group("f").lower(),
    guard="discourteous",
)
rule(
    "demand.you_must",
    "demand",
    # "you must be exhausted": a guess at how they feel, not an order
    r"\byou (?:must(?! (?:be|have been) (?:so |very |really |quite |pretty |completely |absolutely |utterly )?"
    r"(?:tired|exhausted|busy|swamped|slammed|overwhelmed|frustrated|disappointed|annoyed|upset|worried|stressed|"
    r"relieved|pleased|thrilled|happy|excited|glad|proud|fed up|sick of|delighted|run off|rushed off|joking|"
    r"kidding|mistaken|confused|thinking of)\b)(?! have (?:received|seen|heard|got|gotten|noticed|had)\b)|had better|"
    r"'d better|have got to|'ve got to)\b",
    "must better got",
    "please",
)
rule(
    "demand.you_need_to",
    "demand",
    r"(?<!nothing )(?<!anything )\byou (?:just )?(?:need|have|are required|are obliged|'re required) to\b"
    r"(?! (?:install|log in|sign in|click|open|download|use|enter|create|know|be aware|scroll))",
    "need have required obliged",
    "please",
    guard="discourteous",
)
rule(
    "demand.i_demand",
    "demand",
    r"\bI (?:demand|insist)(?: on| that)?\b",
    "demand insist",
    lambda m: "I'd ask that" if m.group(0).lower().endswith("that") else "I'm asking for",
)
rule(
    "demand.i_expect",
    "demand",
    r"\bI (?:expect|want) (?:you|your client|your team) to\b",
    "expect want",
    "I'd ask you to",
)
rule(
    "demand.i_need",
    "demand",
    r"\bI (?:need|require) (?:my|the|this|it|them|those|these|your|an?)\b(?=[^.!?\n]{0,60}\b(?:today|now|asap|"
    r"immediately|right away|tonight|this morning|this afternoon|within the hour|by end of day)\b)",
    "need require",
    "I'd like ",
    guard="discourteous",
)
rule(
    "demand.i_want",
    "demand",
    r"(?<!should )(?<!shall )(?<!could )(?<!would )(?<!can )(?<!will )(?<!do )(?<!when )"
    r"\bI (?:expect|want) (?=(?:my|the|this|it|an?|payment|full|immediate|answers|to be paid|nothing less)"
    r"\b)",
    "expect want",
    "I'd like ",
)
rule(
    "demand.immediately",
    "demand",
    r"\b(?:immediately|right now|right away|at once|asap|without (?:any |further )?delay|this instant|today!|"
    r"now!|now\.)",
    "immediately right once asap delay instant today now",
    "as soon as you can",
    guard="demanding_urgency",
)

# ---------------------------------------------------------------------------------------------
# Dismissive
# ---------------------------------------------------------------------------------------------
rule(
    "dis.whatever",
    "dismissive",
    r"\bwhatever\b(?! (?:you (?:need|prefer|want|like|decide|choose|think works|find)|works|suits|time|is|format|"
    r"date|day|option|approach|help|questions?|else|makes|way|I can|we|it takes)"
    r"|(?: [\w-]+){1,3} (?:you|we|they|he|she|the client|your team)\b)",  # "whatever colour you choose"
    "whatever",
    "I understand",
)
rule(
    "dis.obviously",
    "dismissive",
    r"\bobviously\b,?|(?:^|(?<=[.!?\n]\s)|(?<=[.!?\n]))clearly(?:,|\s(?!(?:labell?ed|marked|defined|stated|written|"
    r"explained|"
    r"agreed|set out|visible|signposted|named|documented)\b)) |\bas any(?:one|body) (?:can|could|would) "
    r"(?:see|tell)\b,?|\bany(?:one|body) can see (?:that)?",
    "obviously clearly anyone anybody",
    "",
)
rule(
    "dis.not_my_problem",
    "dismissive",
    r"\b(?:(?:that's |this is |it's |that is |it is |(?:is|was)n't |is not |was not )?not? ?my (?:problem|concern|"
    r"issue|job|fault|headache|responsibility)(?<!\bmy fault)(?<!\bmy responsibility)|"
    # "I'll deal with it first thing tomorrow" is the writer taking it on
    r"I (?:really |honestly |frankly )?(?:don't|do not|couldn't|could not) care(?: less)?|who cares|get over it|"
    r"(?<!i'll )(?<!i will )(?<!i can )(?<!we'll )(?<!we can )(?<!i'd )(?<!happy to )deal with it|"
    r"(?<!should )(?<!will )(?<!would )(?<!to )(?<!'ll )(?<!can )calm down|"
    r"(?:^|(?<=[.!?\n]\s)|(?<=[.!?\n]))relax(?=[,.!])|"
    r"chill out|it is what it is|end of (?:story|discussion)|I(?:'m| am) done (?:with this|talking|"
    r"discussing)"
    r"|I don't have time for this|nothing (?:more|else) to (?:say|discuss)|if you say so|"
    r"so what(?! (?:specifically|exactly|do|did|would|should|is|are|was|were|can|"
    r"could|happens|time|date|else))|big deal|"
    r"not worth (?:my|the) time|(?:it's|it is|this is|this isn't|it isn't) not? ?(?:rocket science|that "
    r"(?:hard|difficult|complicated))|no (?:more )?excuses)\b[.!]*",
    "relax problem concern issue job fault care cares over deal calm chill is end done time nothing say so big "
    "worth rocket hard difficult complicated excuses",
    "I hear you, but I see it differently",
)
rule(
    "dis.fine",
    "dismissive",
    r"(?:^|(?<=[.!?\n]\s)|(?<=[.!?\n]))fine[.!]+(?=\s|$)|\bfine,? whatever\b",
    "fine",
    "Understood.",
)

# ---------------------------------------------------------------------------------------------
# Over-apology that concedes liability
# ---------------------------------------------------------------------------------------------
rule(
    "apol.my_fault",
    "over_apology",
    r"\b(?:all|entirely|totally|completely|100%|wholly|fully|solely) my (?:fault|mistake|doing|bad|error)\b|"
    r"\bmy (?:fault|mistake) "
    r"(?:entirely|completely|totally|100%)\b|\bI(?:'m| am) (?:so |very |really |deeply |truly )?ashamed\b"
    # "I refund when the fault is mine": a general condition, not a confession
    r"|(?<!when )(?<!whenever )(?<!if )\b(?:the|this|that|any|my) (?:fault|mistake|error|blame|oversight|"
    r"responsibility|failure|failing|screw-?up|"
    r"blunder)(?: [\w-]+){0,4}?(?:'s| is| was| lies| rests)(?: (?:only|all|entirely|completely|"
    r"squarely|wholly))? (?:mine|with me|on me)\b",
    "the this that any my all entirely totally completely wholly ashamed",
    "I'm sorry this has been frustrating",
)
rule(
    "apol.full_responsibility",
    "over_apology",
    r"\bI(?:'m| am)? (?:take|taking|accept|accepting) (?:full|complete|all|total|100%)(?: the)"
    r"? (?:responsibility|blame|"
    r"liability)\b"
    # the blame taken on oneself, whatever the words: "I take the blame", "I accept the blame in full",
    # "I blame myself"
    r"|\bI(?:'m| am)? (?:take|taking|accept|accepting) (?:the|all|every bit of the|every ounce of the) blame\b"
    r"|\bI (?:know I )?(?:keep|can't stop|cannot stop) (?:apologi[sz]ing|saying sorry)\b|\bsorry for apologi[sz]ing\b"
    r"|\bI (?:only |really )?blame myself\b"
    r"|\bI(?:'m| am)? (?:take|taking|accept|accepting) (?:the )?(?:blame|responsibility|liability) "
    r"(?:in full|entirely|completely|fully)\b",
    "responsibility blame liability myself keep stop apologising apologizing",
    "I'm sorry for the trouble this has caused",
)
rule(
    "apol.messed_up",
    "over_apology",
    r"\b(?:I|we)(?:'ve| have)? (?:completely |totally |really )?(?:messed|screwed) (?:up|(?:it|this|everything) up)"
    r"\b|\bI(?:'ve| have)? (?:completely |totally |really |well and truly )?(?:dropped the ball|botched|blew it|"
    r"made (?:a |such a )?(?:huge |complete |total |real |terrible )?(?:mess|hash) of)\b"
    # ("I'm hopeless with the computer" is about gadgets, not a confession)
    r"|\bI(?:'m| am) (?:such )?(?:an? )?(?:idiot|muppet|numpty|plonker|fool|donkey|useless|hopeless|incompetent|"
    r"terrible (?:freelancer|"
    r"designer|"
    r"developer|writer|at this))\b(?! (?:with|at) (?:the |my )?(?:computers?|technology|tech|phones?|e-?mails?|apps?|"
    r"these things|this stuff|gadgets))",
    "messed screwed idiot muppet numpty plonker fool donkey useless hopeless incompetent terrible dropped botched "
    "blew made",
    "this didn't go as planned",
)
rule(
    "apol.sorry_sorry",
    "over_apology",
    r"\b(?:so ){2,}sorry\b|\bsorry[,.!]*(?: I'm| I am)?(?: so| really| very| truly)?,? (?:I'm |I am )?(?:so |really "
    r"|very |truly )?sorry\b|\b(?:very|really|terribly|so|truly|deeply) (?:very|really|terribly|so|truly|deeply) "
    r"sorry\b|\bsorry[,!.]* (?:so |really |very )?sorry\b|\bI(?:'m| am) (?:so |really |very |"
    r"terribly |extremely |deeply |truly |incredibly )+sorry\b[^.!?\n]{0,40}?\b(?:my (?:fault|mistake)|"
    r"everything)\b",
    "sorry",
    "I'm sorry for the trouble",
)
