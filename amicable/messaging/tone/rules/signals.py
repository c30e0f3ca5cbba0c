"""Positive signals: acknowledgement, thanks, hedges, next steps, specific facts."""

from __future__ import annotations

from .base import rule

# ---------------------------------------------------------------------------------------------
# Positive signals
# ---------------------------------------------------------------------------------------------
rule(
    "pos.ack",
    "acknowledgement",
    r"\b(?:I (?:completely |fully |totally )?understand|I can (?:understand|see|imagine)|understandably|"
    r"I hear you|"
    r"I see (?:why|what you mean|your point|where you're coming from|that|how)|you(?:'re| are) right|"
    r"(?:good|fair|valid) (?:point|question|concern)|that's (?:fair|understandable|a fair)|I take your point|"
    r"I (?:recogni[sz]e|acknowledge|reali[sz]e)|(?:I'm|I am|I really am) (?:very |really |so |truly |"
    r"terribly )?sorry(?:,? again,?| once more| too| as well)? (?:for|about|that|to hear|(?:the|your|this|it|we|my|"
    r"our) (?=\w+ \w))|"
    r"I (?:totally |completely |fully |really |definitely )?get (?:that|why|how|where|what)|"
    r"(?:none of|nothing about|nothing in) (?:this|that|it)(?:'s| is| was) (?:your|anyone's) (?:fault|mistake)|"
    r"sorry (?:for|about) the|(?:I'm|I am) sorry (?:you|that you)|(?:my )?apologies for|my apologies\b|"
    r"I apologi[sz]e(?:,? once again,?| again,?)? for|sorry (?:again|once more|once again) for|"
    r"you (?:were|was) (?:so |absolutely |completely |totally )?right\b|"
    r"I know (?:this|that|it)(?: \w+){0,2} (?:has been|is|isn't|was|wasn't|must)|I know (?:this|that|it)'s not "
    r"(?:your|their|his|her|really your)\b|(?:not|isn't|wasn't|aren't) (?:your|"
    r"anyone's) (?:fault|mistake)|that must (?:be|have been)|makes sense|"
    r"(?:it's|it is|this is|this isn't|it isn't|it was|it wasn't) "
    r"not? ?(?:your fault)|thank(?:s| you) for (?:raising|flagging|pointing|explaining|letting me know|"
    r"bringing|sharing (?:your|this|that|how|it with me))|you(?:'re| are) concerned (?:that|about)|your concerns?|"
    r"what I understand|I (?:completely |totally |fully |entirely )?agree(?! to| that you (?:should|need|must)| with "
    r"(?:him|her|them|my|his|their))|"
    r"(?:your|that|the) point (?:about [\w' ]{1,40} )?is (?:fair|valid|a good one|well made|taken)|(?:that's|that is|"
    r"it's) (?:hard|tough|difficult|awful|horrible|sad|upsetting) to hear|I (?:totally |completely |fully |really )?"
    r"get "
    r"(?:the|your) (?:concern|frustration|worry|point))\b",
    "understand understandably imagine hear see right point question concern fair understandable take "
    "recognise recognize acknowledge realise realize sorry apologies apologise apologize know must makes "
    "fault raising flagging pointing explaining letting feedback bringing sharing concerned concerns get "
    "none nothing agree hard tough difficult awful horrible sad upsetting",
)
rule(
    "pos.thanks",
    "thanks",
    r"\b(?:thank you|thanks|thank u|thx|many thanks|much appreciated|thanking you|I (?:really |truly )?appreciate|"
    r"(?:I'm|I am|I'd be|I would be|we'd be|we would be|we're|we are) (?:very |really |so |most |truly |genuinely |"
    r"ever so |extremely )?grateful|"
    # "Grateful for the referral.", "Grateful if you could nudge accounts": the subject left out
    r"(?:(?<=^)|(?<=[.!?\n] )|(?<=[.!?\n]))(?:very |really |so |most |truly |genuinely |ever so )?grateful "
    r"(?=for|if|that|you)|"
    r"appreciate (?:it|your|you|the)|I(?:'d| would) (?:really |greatly )?appreciate)\b",
    "thank thanks thx appreciated appreciate grateful thanking",
)
rule(
    "pos.hedge",
    "hedge",
    r"\b(?:I think|I believe|I feel|I (?:don't|do not) (?:think|believe)|(?:I'm|I am) not convinced|I guess|"
    r"I suppose|I wonder|I wondered|(?:I'm|I am) not (?:entirely |"
    r"completely |quite )?sure|not sure (?:if|whether)|it seems|it appears|it looks like|seems? to|"
    r"appears? to|"
    r"perhaps|maybe|possibly|probably|might|may have|may be|could be|I suspect|if I understand (?:correctly|"
    r"right)|if I'm not mistaken|as far as I (?:can tell|know)|in my (?:view|opinion)|from my (?:side|"
    r"perspective|point of view)|I (?:may|could|might) be wrong|a (?:bit|little)|slightly|somewhat|"
    r"would it be possible|would you mind|if possible)\b",
    "think believe feel guess suppose wonder wondered sure seems seem appears appear looks perhaps maybe "
    "possibly probably might may could suspect understand mistaken far view opinion side perspective "
    "point wrong bit little slightly somewhat possible mind",
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
rule(
    "pos.next_step",
    "next_step",
    # "I'll / I can / I could + action" is rules/general.py's pos.commitment
    r"\b(?:(?:I'm|I am) (?:now )?(?:sending|sharing|"
    r"preparing|updating|fixing|finishing|uploading|attaching|re-?sending|re-?uploading|re-?exporting|exporting|"
    r"rendering|re-?running|looking into|checking with|calling them|calling the|ringing them|ringing the|phoning)|"
    # "..., sending them now": the step in a clause of its own
    r"(?<=, )(?:sending|resending|re-sending|uploading|attaching) (?:it|them|this|the \w+) (?:now|today|shortly|in a "
    r"(?:moment|minute|sec))|"
    r"we (?:could|can|might) (?:split|agree|"
    r"meet|schedule|talk|discuss|find|try|look|go|set|arrange|review)|let's|let us|(?:can|could|shall|"
    r"should) "
    r"we (?:schedule|set up|arrange|talk|meet|agree|jump|have|discuss|find|book|go through|look)|"
    r"I (?:propose|"
    r"suggest)|I'd (?:suggest|propose|like to propose|like to suggest)|my (?:proposal|suggestion) is|(?:I'm|"
    r"I am|"
    r"I'd be|I would be) happy to|happy to (?:help|jump|hop|discuss|talk|send|share|make|do|revise|adjust|"
    r"set|walk|"
    r"go|meet|call|chat|look|review|provide|offer|extend|split|refund|arrange)|next steps?(?! (?:is|are|will be|"
    r"would be) (?:to )?(?:(?:a|my|the|our) )?(?:lawyers?|solicitors?|attorneys?|court|small claims|legal|debt|"
    r"collections?|tribunal|formal|(?:an? )?(?:claim|proceedings|legal|litigation|enforcement|chargeback|"
    r"demand letter|letter before)))|(?:please )"
    r"?let me know\b|would (?:" + _DAYS + r"|tomorrow|next "
    r"week|this week)(?: [\w:]+){0,3}? (?:work|suit|be ok|be okay|be possible|be convenient)|by (?:(?:next|"
    r"this|"
    r"coming) )?(?:" + _DAYS
    + r"|tomorrow|noon|midday|\d{1,2}(?::\d{2})?\s?(?:am|pm)|the end of (?:the )?(?:day|week|month)|end of "
    r"(?:the )?(?:day|week|month)|eod|close of business|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + _MONTHS
    + r")|(?:" + _MONTHS + r") \d{1,2}|the \d{1,2}(?:st|nd|rd|th)))\b",
    "ll will can could am m let lets us shall should propose suggest proposal suggestion happy next "
    "steps step know would by we help jump hop",
)
rule(
    "pos.next_step_within",
    "next_step",
    r"\bwithin \d+ (?:working |business |calendar )?(?:days|hours|weeks)\b",
    "within",
    guard="actionable",
)
rule(
    "pos.fact",
    "specific_fact",
    r"\b(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|SEK|NOK|DKK|PLN|NZD|CZK|HUF|BRL|MXN|ZAR|SGD|HKD|KES|KSh|NGN|GHS|AED|SAR|EGP|JOD|QAR|KWD|OMR|BHD)\s\d"
    r"[\d,.]*"
    r"|\b\d[\d,.]*(?:\.\d+)?\s?(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|SEK|NOK|DKK|PLN|NZD|euros?|dollars?|pounds?"
    r"|francs?)\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + _MONTHS + r")\b(?: \d{4})?"
    r"|\b(?:" + _MONTHS + r") \d{1,2}(?:st|nd|rd|th)?\b(?:,? \d{4})?"
    r"|\b(?:" + _DAYS + r")s?\b"
    r"|\b(?:invoice|inv|order|po|ticket|ref|reference|quote|estimate)(?:\.|-|\s#?|\.\s|\s(?:no\.?|number|#)"
    r"\s?#?)"
    r"[A-Z]{0,4}-?\d[\w-]*"
    r"|\b(?:clause|section|article|paragraph|schedule|appendix)\s\d+(?:\.\d+)*(?:\([a-z]\))?"
    # quantities written with digits: "3 days", "6 receipts", "a 20-minute call"
    r"|\b\d+(?:[.,]\d+)?(?:-| )(?:[a-z]+-|(?:extra|more|additional|full|separate|new|revised|final|other|"
    r"unpaid|overdue|outstanding|late|working|business|calendar|different) )?(?:[a-z]+s|minute|hour|day|week|month|"
    r"year|"
    r"page|word|second|person|item|step|phase|stage|round|min|hr|sec|star|point|part)\b|\bout of \d+\b"
    # a split or a date without the year ("50/50", "6/30"), a count of a count ("3 of the 5"), "closes at 5"
    r"|\b\d{1,3}/\d{1,3}\b|\b\d+ of (?:the |my |your |our )?\d+\b|\bfrom \d[\d,.]* to \d[\d,.]*\b"
    # "38 unresolved queries", "14 broken links": a count with an adjective before the noun
    r"|\b\d+ [a-z]+(?:ed|en|al|ic|ive|ous|ful|less|ing|ent|ant|ary|ible|able) [a-z]+s\b"
    # "3 sofa options", "15 voice notes": a count of a two-word thing; "the 3rd day"; clock times; codes
    r"|\b\d+ (?!(?:the|a|an|and|or|in|on|of|to|is|was|are|at|for|by|with|from|it|this|that|more|times?)\b)[a-z]+ "
    r"[a-z]+s\b"
    r"|\b\d+(?:st|nd|rd|th) (?:day|week|time|round|attempt|reminder|email|month|draft|version|revision)\b"
    r"|\b\d{1,2}:\d{2}\b|\b(?:code|pin|ending(?: in)?|account(?: number)?) (?:is |was )?\d{3,}\b"
    r"|\b(?:after|before|from|until|till) \d{1,2}(?=[.,;!?]|\s*$| (?:to|and|or|on|today|tomorrow|tonight)\b)"
    r"|\b\d{1,2} to \d{1,2}(?: (?:am|pm|eastern|et|pt|gmt|cet|bst|your time|my time))?\b"
    r"|\b(?:number|no\.?|ref(?:erence)?) (?:is |was )?\d{3,}\b|\b\d[\d.,]*\s?[€£$]"
    r"|\bat \d{1,2}(?::\d{2})?(?=[.,;!?]|\s*$| (?:today|tomorrow|tonight|sharp|o'clock|latest|at the latest)\b)"
    # sizes and counts with a unit or a thousands separator: "40MB", "1200px", "4,000"
    r"|\b\d+(?:\.\d+)?\s?(?:kb|mb|gb|tb|px|dpi|ppi|mm|cm|km|kg|fps|k|m)\b|\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b"
    r"|\bthe \d{1,2}(?:st|nd|rd|th)\b|\bnet \d+\b|\b\d+(?:\.\d+)?\s?%|\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b",
    "#fact monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays "
    "saturdays sundays",
)
_PARTS = (
    "chapter sheet drawing dwg figure fig table page slide exhibit annex annexe item version revision rev milestone "
    "line row round session "
    "phase stage episode track scene shot lot unit plot room level batch sprint release build"
)
rule(
    "pos.fact_part",
    "specific_fact",
    # parts of a document or a job by number: "Chapter 5", "sheet 4", "drawing 102", "page 7"
    r"\b(?:" + _PARTS.replace(" ", "|") + r")(?:e?s)?(?:\.|\s|\.\s)\d+(?:\.\d+)*[a-z]?\b",
    _PARTS + " " + " ".join(w + ("es" if w.endswith("ch") else "s") for w in _PARTS.split()),
)
rule(
    "pos.fact_symbol",
    "specific_fact",
    r"[$€£¥₹₦₵]\s?\d(?:[\d,. ]*\d)?|#\d{2,}\b|§\s?\d+",
    "#fact",
)
