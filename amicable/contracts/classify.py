"""Clause types: explainable keyword and pattern rules, each hit with a confidence and its triggers.

Pure module: no Django import. A clause's score for a type is the sum of the weights of the distinct
rules that match its heading and text; confidence = 1 - exp(-score). A type is assigned when its
confidence reaches THRESHOLD. Rules are phrased generically (party roles come from the contract's own
definitions, see `Roles`), so that they work on contracts the rules were not written against.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

CLAUSE_TYPES = (
    "payment_terms", "late_payment", "deposit", "expenses", "scope", "change_requests", "revisions",
    "timeline", "acceptance", "client_obligations", "termination", "kill_fee", "ip_ownership", "license",
    "confidentiality", "warranty", "liability", "indemnity", "governing_law", "dispute_resolution",
    "notices", "force_majeure", "entire_agreement", "independent_contractor", "non_solicitation",
    "data_protection",
)

TYPE_LABELS = {
    "payment_terms": "Payment terms", "late_payment": "Late payment", "deposit": "Deposit",
    "expenses": "Expenses", "scope": "Scope of work", "change_requests": "Change requests",
    "revisions": "Revisions", "timeline": "Timeline", "acceptance": "Acceptance",
    "client_obligations": "Client obligations", "termination": "Termination", "kill_fee": "Kill fee",
    "ip_ownership": "IP ownership", "license": "Licence / portfolio", "confidentiality": "Confidentiality",
    "warranty": "Warranty", "liability": "Liability", "indemnity": "Indemnity",
    "governing_law": "Governing law", "dispute_resolution": "Dispute resolution", "notices": "Notices",
    "force_majeure": "Force majeure", "entire_agreement": "Entire agreement",
    "independent_contractor": "Independent contractor", "non_solicitation": "Non-solicitation",
    "data_protection": "Data protection",
}

THRESHOLD = 0.6
STRONG, MEDIUM, WEAK = 1.0, 0.4, 0.2
HEADING_WEIGHT = 1.3
PARENT_CONFIDENCE = 0.6

CLIENT_WORDS = ("client", "customer", "company", "couple", "bank", "studio", "buyer", "purchaser", "brand",
                "publisher", "you", "licensee", "commissioner")
PROVIDER_WORDS = ("designer", "developer", "illustrator", "consultant", "contractor", "photographer",
                  "producer", "translator", "localiser", "localizer", "researcher", "freelancer", "animator",
                  "writer", "copywriter", "editor", "agency", "supplier", "provider", "service provider",
                  "artist", "i", "we", "creator", "videographer", "author", "engineer", "coach", "trainer",
                  "marketer", "strategist", "vendor")


@dataclass(frozen=True)
class Roles:
    """What the contract calls each side ("the Bank", "Developer"): used in subject-verb rules."""

    client: tuple[str, ...] = CLIENT_WORDS
    provider: tuple[str, ...] = PROVIDER_WORDS


@dataclass
class TypeHit:
    """One clause type with its confidence (0-1) and the words that triggered it."""

    type: str
    confidence: float
    triggers: list[str] = field(default_factory=list)
    inherited: bool = False

    def to_dict(self) -> dict:
        return {"type": self.type, "confidence": round(self.confidence, 2), "triggers": self.triggers,
                "inherited": self.inherited}


_D = r"(?:\w+(?:[- ]\w+)?\s*(?:\(\d+\)\s*)?)"  # a number in words and/or digits: "fourteen (14)", "30"
_PERIOD = r"(?:business |working |calendar )?(?:days?|weeks?|months?)"

# (pattern, weight) per type; {C} is the client's names, {P} the provider's names
RULES: dict[str, list[tuple[str, float]]] = {
    "payment_terms": [
        (r"\bnet\s*\d{1,3}\b", STRONG),
        (rf"\b(?:payable|due|paid|pay(?: each| all| every| the)? invoices?)\s+(?:with)?in\s+{_D}{_PERIOD}", STRONG),
        (r"\binvoices?\b[^.]{0,60}\b(?:payable|due(?! date)|paid within)\b", STRONG),
        (r"\bpayment (?:terms|is due|shall be made|will be made)\b", STRONG),
        (r"\b(?:total|project|fixed|flat|production|retainer|agreed|translation) fee\b[^.]{0,30}?"
         r"(?:is|of|:)\s*(?:a |the )?(?:fixed )?(?:[$€£]|[A-Z]{3}\s?)?\s?\d", STRONG),
        (r"\b(?:total|project|fixed|flat|production|retainer|agreed|translation) fee\b", MEDIUM),
        (r"\b(?:the )?fee (?:is|shall be|will be|of)\b", MEDIUM),
        (r"\b(?:my|our|the) fee\b", WEAK),
        (r"\d\s*(?:per|/|an|a)\s*(?:hour|day|word|source word|month|page|image)\b", STRONG),
        (r"\bper (?:hour|day|word|source word|month|page|image)\b", MEDIUM),
        (r"\b(?:hourly|daily|day) rate\b|\bat the rate of\b", STRONG),
        (r"\bbalance\b[^.]{0,60}\b(?:due|payable|invoiced)\b", STRONG),
        (r"\binstal?ments?\b|\bmilestone payments?\b|\bpayable by milestone\b", MEDIUM),
        (r"\b(?:shall|will) pay\b", MEDIUM),
        (r"\b(?:invoice|invoiced|invoicing)\b", MEDIUM),
        (r"\bcharged at\b|\bis charged\b", MEDIUM),
        (r"\bbank transfer\b|\bpayment (?:is|are) due\b", MEDIUM),
    ],
    "late_payment": [
        (r"\blate[- ](?:payments?|fees?|charges?|payment charge)\b", STRONG),
        (r"\boverdue\b", STRONG),
        (r"\binterest\b[^.]{0,80}\b(?:late|overdue|unpaid|due date|per (?:month|annum|year)|a month|"
         r"base rate|statutory|reference rate)\b", STRONG),
        (r"\bnot paid (?:when|by the date) due\b|\bpa(?:y|id) late\b|\bpayment is (?:more than )?\w+ days late\b",
         STRONG),
        (r"\bunpaid\b[^.]{0,40}\b(?:days?|weeks?)\b", MEDIUM),
        (r"\b(?:suspend|pause)\b[^.]{0,40}\b(?:work|services)\b", MEDIUM),
        (r"\bstatutory (?:interest|rate)\b|\bdefault interest\b|\breminder fee\b|\brecovery compensation\b", STRONG),
        (r"\blate payment of commercial debts\b|\blate payment directive\b|\binterest act\b", STRONG),
        (r"\b\d+(?:\.\d+)?\s*%\s*(?:per|a|each) (?:month|annum|year)\b", MEDIUM),
    ],
    "deposit": [
        (r"\b(?:a|\d+%|non-refundable|booking|security) deposit\b|\bdeposit (?:of|is|will be|shall be|payable|"
         r"due|must)\b|\bpay a\b[^.]{0,30}\bdeposit\b", STRONG),
        (r"\bdeposit\b", MEDIUM),
        (r"\bretainer\b[^.]{0,60}\b(?:on signing|to reserve|non-refundable|secure|kept|retained)", STRONG),
        (r"\bup-?\s?front\b|\badvance payment\b|\bbooking fee\b", STRONG),
        (r"\b(?:payable|due|paid|invoiced?)\s+(?:on|upon|at)\s+(?:signing|signature|execution)\b", STRONG),
        (r"\b(?:on|upon) (?:signing|signature|execution)\b", MEDIUM),
        (r"\b(?:before|prior to) (?:work|recruitment|the project|any work) (?:begins|starts|commences)\b", MEDIUM),
        (r"\bhalf\b[^.]{0,40}\b(?:when we start|before work|on signing)\b|\bwhen we start\b", STRONG),
        (r"\bin advance\b", WEAK),
    ],
    "expenses": [
        (r"\bexpenses?\b", STRONG),
        (r"\breimburs\w*", STRONG),
        (r"\bat cost\b|\bout-of-pocket\b|\bthird[- ]party (?:costs?|services)\b|\bpaid directly by\b", STRONG),
        (r"\bper mile\b|\bmileage\b|\btravel (?:costs|and accommodation|expenses)\b", STRONG),
        (r"\btravel\b|\baccommodation\b", MEDIUM),
        (r"\bcourier\b|\bpermits?\b", WEAK),
    ],
    "scope": [
        (r"\bscope\b", MEDIUM),
        (r"\b(?:not included|are excluded|is excluded|not part of (?:the|this)|outside the scope|out of scope|"
         r"is outside|are outside|not covered by)\b", STRONG),
        (r"\b(?:{P})\s+(?:will|shall|agrees to)\s+(?:design|build|produce|create|translate|develop|write|plan|"
         r"carry out|perform|review|photograph|draft|illustrate|localise|edit)\b", STRONG),
        (r"\b(?:{P})\s+(?:will|shall)\s+provide\b(?![^.]{0,25}\b(?:estimate|quote|written|notice)\b)", MEDIUM),
        (r"\bdeliverables?\b", MEDIUM),
        (r"\bstatement of work\b|\bSOW\b|\bpurchase order\b", MEDIUM),
        (r"\b(?:described|set out|as listed|listed) in\b[^.]{0,50}\b(?:proposal|brief|exhibit|schedule|"
         r"specification|treatment|research plan|sow|statement of work)\b", STRONG),
        (r"\bthe following (?:monthly )?services\b|\bservices? (?:include|are)\b|\bmeans the\b", MEDIUM),
        (r"\bcoverage\b|\bpackage\b", MEDIUM),
        (r"\bservices\b|\bspecification\b|\bthe work\b", WEAK),
    ],
    "change_requests": [
        (r"\bchange (?:requests?|orders?)\b|\bvariations?\b", STRONG),
        (r"\b(?:approved|agreed) changes\b|\b(?:billed|charged|handled|treated) as (?:a )?changes?\b", STRONG),
        (r"\b(?:additional|extra|further|new) (?:work|requests?|blends|products|strings|sessions|services|hours)\b",
         STRONG),
        (r"\bchanges?\b[^.]{0,80}\b(?:in writing|written|quote|estimate|change order|agreed in writing)\b", STRONG),
        (r"\b(?:quoted|quote|estimate)\b[^.]{0,60}\b(?:separately|in writing|before)\b", STRONG),
        (r"\bquoted\b|\bwritten estimate\b|\boutside the scope\b|\bout of scope\b|\bcharged extra\b", MEDIUM),
        (r"\bpropose changes?\b|\bmore, or something different\b", STRONG),
        (r"\b(?:request|requests|requested) changes?\b", MEDIUM),
    ],
    "revisions": [
        (r"\brevisions?\b", STRONG),
        (r"\brounds?\b", STRONG),
        (r"\bamendments?\b", MEDIUM),
        (r"\b(?:correct|corrections?|fixes)\b", MEDIUM),
    ],
    "timeline": [
        (rf"\b(?:deliver|delivered|delivery|completed|completion|ready)\b(?:(?!payable|due|invoice)[^.]){{0,80}}"
         rf"\b(?:within|by|no later than)\s+"
         rf"(?:{_D}{_PERIOD}|the end of|\d{{1,2}} \w+ \d{{4}})", STRONG),
        (r"\bdeadlines?\b|\bmilestone dates?\b|\bdelivery dates?\b", STRONG),
        (r"\btimeline\b|\btimetable\b", MEDIUM),
        (r"\bschedule[ds]?\b(?!\s+(?:\d|[A-Z]\b))|\bscheduled\b", MEDIUM),
        (r"\b(?:extended|move[sd]?|moves by|postpone\w*|reschedul\w*)\b", MEDIUM),
        (r"\bdelays?\b|\bdelayed\b|\blate\b", WEAK),
        (r"\btime is of the essence\b|\bwithin \w+ (?:\(\d+\) )?weeks\b|\bweeks? \d\b", MEDIUM),
        (r"\b(?:beta|first cut|drafts?|final files|roughs|storyboard|concepts)\b[^.]{0,60}\bwithin\b", STRONG),
    ],
    "acceptance": [
        (r"\b(?:deemed|considered|treated as|treated as final and) (?:accepted|approved|final)\b", STRONG),
        (r"\bacceptance\b", STRONG),
        (r"\bsign[- ]?off\b", MEDIUM),
        (r"\baccept(?:ed|s)?\b", MEDIUM),
        (r"\bapprov(?:e|al|ed|es)\b", MEDIUM),
        (r"\b(?:review|test|inspect|report)\b[^.]{0,60}\bwithin\b", MEDIUM),
        (r"\bdefects?\b|\bnon-?conformit\w*\b|\berrors?\b|\bfailures\b", MEDIUM),
        (r"\breject\w*\b|\bobjection\b|\bcomments?\b|\bqueried\b|\bqueries\b", MEDIUM),
        (r"\bacceptance criteria\b", STRONG),
    ],
    "client_obligations": [
        (r"\b(?:{C})\s+(?:will|shall|must|agrees to|is responsible for|are responsible for)\s+(?:also\s+)?"
         r"(?:provide|supply|give|send|make sure|ensure|tell|furnish|cooperate|be responsible|checking|"
         r"respond)\b", STRONG),
        (r"\b(?:client|customer|couple)(?:'s)? responsibilities\b|\byour part\b|\bcompany obligations\b", STRONG),
        (r"\b(?:timely|prompt) (?:access|feedback|answers|responses)\b|\btimely answers\b", STRONG),
        (r"\bdelays? (?:caused by|on the part of|by) (?:the )?(?:{C})\b|\bdelay on that side\b|"
         r"\bdelays? in providing\b", STRONG),
        (r"\bmeets its obligations\b|\bfails to (?:give|provide|supply)\b|\bsupplies\b[^.]{0,30}\blate\b|"
         r"\b(?:arrive|supplied|supply) late\b", STRONG),
        (r"\bis not ready on time\b|\bdepends on (?:your|the client)\b", STRONG),
        (r"\b(?:{C})\s+is responsible for\b", STRONG),
    ],
    "termination": [
        (r"(?<!survives )(?<!survive )(?<!after )\bterminat(?:e|es|ed|ion|ing)\b", STRONG),
        (r"\b(?:end|ends|ending) (?:this|the) (?:agreement|contract|engagement)\b|\bend it\b", STRONG),
        (r"\b(?:days?|weeks?|months?)['’]?\s+(?:prior\s+)?(?:written\s+)?notice\b", MEDIUM),
        (r"\bnotice period\b|\bfor convenience\b|\bfor any reason\b", MEDIUM),
        (r"\bmaterial breach\b|\binsolven\w+\b|\bterm of\b|\binitial term\b|\bmonth to month\b", MEDIUM),
        (r"\bcancel\w*\b", MEDIUM),
        (r"\bpay (?:for )?(?:all )?(?:the )?(?:work|services|days)\b[^.]{0,40}\b(?:completed|done|performed|"
         r"worked|up to)\b", MEDIUM),
        (r"\bcontinues until\b|\bcommences on\b", MEDIUM),
    ],
    "kill_fee": [
        (r"\bkill fee\b|\bcancellation (?:fee|charge)\b|\btermination fee\b|\brescheduling fee\b", STRONG),
        (r"\b(?:cancel\w*|terminates?|ends? it)\b[^.]{0,140}(?:\d+\s*%|per ?cent|percent|full (?:production )?fee|"
         r"remaining (?:fee|months)|unpaid (?:portion|balance)|(?:deposit|retainer|first payment|payments made)"
         r"[^.]{0,30}\b(?:kept|retained|forfeit\w*|non-refundable))", STRONG),
        (r"\b(?:deposit|retainer|first payment|all payments made)\b[^.]{0,20}\b(?:is |are )?(?:kept|retained)\b",
         STRONG),
        (r"\bif (?:the )?(?:{C}) (?:cancels?|cancel)\b", MEDIUM),
        (r"\bminimum of \d+%|\bat least \d+%", MEDIUM),
    ],
    "ip_ownership": [
        (r"\bcopyright\b", STRONG),
        (r"\bintellectual property\b", STRONG),
        (r"\bassign(?:s|ment|ed)?\b[^.]{0,80}\b(?:rights?|title|interest|copyright)\b", STRONG),
        (r"\b(?:own|owns|owned|ownership|property of|belongs? to|become[s]? the \w+'s property)\b", MEDIUM),
        (r"\bworks? made for hire\b|\bwork for hire\b", STRONG),
        (r"\btransfers?\b[^.]{0,60}\brights?\b|\brights?\b[^.]{0,60}\btransfer", STRONG),
        (r"\bremains? (?:with|the property of)\b|\bremain the property\b|\bretains? (?:all rights|ownership)\b",
         STRONG),
        (r"\ball rights\b|\brights in\b|\bno rights are granted\b", MEDIUM),
    ],
    "license": [
        (r"\blicen[cs](?:e|es|ed|ing)\b", STRONG),
        (r"\bportfolio\b|\bshowreel\b|\bcase stud(?:y|ies)\b|\blist of clients\b|\bsample of (?:my|our|its) work\b",
         STRONG),
        (r"\bright(?:s)? (?:of use|to use)\b|\bmay use the copy\b|\buse the copy\b", STRONG),
        (r"\bpersonal,? non-commercial use\b|\bnon-exclusive\b|\bopen-source\b", MEDIUM),
        (r"\bmay (?:use|display|show|include|name)\b", MEDIUM),
        (r"\bcredit (?:itself|himself|herself|themselves)\b|\bonline use only\b", MEDIUM),
    ],
    "confidentiality": [
        (r"\bconfidential(?:ity)?\b", STRONG),
        (r"\bnon-disclosure\b|\bNDA\b|\btrade secrets?\b", STRONG),
        (r"\b(?:not|never) (?:disclose|share|publish)\b|\bkeep\b[^.]{0,40}\bsecret\b", MEDIUM),
    ],
    "warranty": [
        (r"\bwarrant(?:s|y|ies|ed)?\b", STRONG),
        (r"\bas is\b", STRONG),
        (r"\b(?:professional|workmanlike) manner\b|\breasonable skill and care\b|\bindustry standards\b", STRONG),
        (r"\bguarantee[sd]?\b|\bdisclaim\w*\b", MEDIUM),
        (r"\bfix any bugs\b|\bbugs are fixed\b|\bat no charge\b", MEDIUM),
    ],
    "liability": [
        (r"\blimitation of liability\b|\b(?:total|aggregate|maximum|entire) liability\b", STRONG),
        (r"\bliab(?:le|ility)\b[^.]{0,80}\b(?:limited|capped|not exceed|shall not exceed|will not exceed)\b",
         STRONG),
        (r"\b(?:indirect|consequential|incidental|special|punitive)\b[^.]{0,40}\b(?:loss|losses|damages)\b",
         STRONG),
        (r"\blost profits\b|\bloss of profits\b|\bdata loss\b", STRONG),
        (r"\bliab(?:le|ility)\b", MEDIUM),
        (r"\bnot responsible for\b|\bdoes not guarantee\b|\brefund of the fees\b", MEDIUM),
    ],
    "indemnity": [
        (r"\bindemnif(?:y|ies|ied|ication)\b", STRONG),
        (r"\bhold harmless\b", STRONG),
        (r"\bindemnity\b(?! insurance)", STRONG),
        (r"\bdefend\b[^.]{0,40}\bclaims?\b", MEDIUM),
    ],
    "governing_law": [
        (r"\bgoverned by\b|\bgoverning law\b", STRONG),
        (r"\b(?:[A-Z][a-z]+ )?law (?:governs|applies|shall apply|will apply)\b", STRONG),
        (r"\bunder (?:[A-Z][a-z]+ )law\b", STRONG),
        (r"\blaws? of (?:the )?(?:state|commonwealth|province|federal republic|republic|kingdom)\b", MEDIUM),
    ],
    "dispute_resolution": [
        (r"\bdisputes?\b", MEDIUM),
        (r"\barbitrat(?:ion|or|ors|ed)\b|\bmediat(?:ion|or)\b", STRONG),
        (r"\bjurisdiction\b|\bsmall claims\b|\blawsuit\b", STRONG),
        (r"\bvenue\b(?=[^.]{0,60}\b(?:court|county|proceedings|action|claim|dispute|arbitration)s?\b)", STRONG),
        (r"\b(?:district|county|state|federal) courts?\b|\bcourts of\b|\bthe courts\b|\bto court\b|"
         r"\bcourt proceedings\b", STRONG),
        (r"\b(?:resolve|settle|sort out)\b[^.]{0,60}\b(?:disputes?|disagreements?|complaints?|controvers\w+)\b",
         STRONG),
        (r"\bdisagree(?:ment)?s?\b|\bcomplaints?\b|\bcontrovers\w+\b", MEDIUM),
        (r"\bgood[- ]faith\b|\bnegotiat\w+\b|\bsenior (?:representatives|executives)\b", MEDIUM),
    ],
    "notices": [
        (r"\b(?:all |any )?notices?\b (?:under|given|hereunder|to be given|must|shall|may be given|will be)\b",
         STRONG),
        (r"\bnotices\b", MEDIUM),
        (r"\b(?:by email|by post|by courier|by hand|registered mail|recorded delivery)\b", WEAK),
    ],
    "force_majeure": [
        (r"\bforce majeure\b", STRONG),
        (r"\b(?:beyond|outside) (?:its|their|his|her|our|the parties'|either party's|a party's) "
         r"(?:reasonable )?control\b|\bbeyond (?:their|its) control\b|\bcircumstances beyond\b", STRONG),
        (r"\bacts? of god\b", STRONG),
        (r"\b(?:natural disasters?|pandemic\w*|epidemic|floods?|fire|war|strikes|weather|illness)\b", MEDIUM),
    ],
    "entire_agreement": [
        (r"\bentire (?:agreement|understanding)\b|\bwhole agreement\b|\bcomplete agreement\b", STRONG),
        (r"\bsupersedes?\b", STRONG),
        (r"\bprior (?:agreements|proposals|understandings|discussions)\b|\bearlier discussions\b", MEDIUM),
    ],
    "independent_contractor": [
        (r"\bindependent (?:contractor|consultant)\b", STRONG),
        (r"\bself-employed\b", STRONG),
        (r"\bnot (?:an? |the )?employee\b|\bnot as an employee\b|\bemployment(?: relationship|, partnership)\b",
         STRONG),
        (r"\bemployee benefits\b|\bown tax\w*\b|\bnational insurance\b|\bsocial insurance\b|\bjoint venture\b",
         MEDIUM),
        (r"\bmanner and means\b|\bwork for other clients\b", MEDIUM),
    ],
    "non_solicitation": [
        (r"\bsolicit\w*\b|\bnon-?solicit\w*\b|\bnon-?compete\b|\bpoach\w*\b", STRONG),
        (r"\bhire\b[^.]{0,60}\b(?:employees?|staff|crew|subcontractors?|personnel|members?)\b", STRONG),
    ],
    "data_protection": [
        (r"\bgdpr\b|\bccpa\b|\bhipaa\b|\bdata protection\b|\bprivacy\b", STRONG),
        (r"\bpersonal data\b|\bdata (?:processor|controller)\b|\bprotected health information\b|\bdata breach\b",
         STRONG),
        (r"\bprocess\w*\b[^.]{0,40}\bdata\b|\bmailing list\b|\bsecurity measures\b", MEDIUM),
    ],
}

# headings name what a clause is about: a match here is strong evidence on its own
HEADING_RULES: dict[str, str] = {
    "payment_terms": r"\b(?<!late )(?<!kill )(?<!cancellation )(?<!termination )(?:payments?|fees?|compensation|"
                     r"invoic\w*|pricing|price|rates?|remuneration|booking)\b",
    "late_payment": r"\blate\b|\boverdue\b|\binterest\b|\bpay late\b",
    "deposit": r"\bdeposit\b|\bretainer\b(?! fee)|\badvance\b",
    "expenses": r"\bexpenses?\b|\bcosts?\b|\btravel\b",
    "scope": r"\bscope\b|\bservices\b(?! agreement)|\bthe work\b|\bdeliverables\b|\bproject\b|\bcoverage\b|"
             r"\bwhat i will\b|\bstatements? of work\b|\bengagement\b(?! letter)",
    "change_requests": r"\bchanges?\b|\bchange (?:requests?|orders?)\b|\badditional work\b|\bextra work\b|"
                       r"\bvariations?\b|\bnew requests\b",
    "revisions": r"\brevisions?\b|\bamendments?\b|\bfeedback\b",
    "timeline": r"\bschedule\b|\btimeline\b|\btimetable\b|\bdeadlines?\b|\bdelivery\b|\btiming\b|\bmilestones\b",
    "acceptance": r"\bacceptance\b|\bapprovals?\b|\bsign[- ]off\b|\breview\b|\btesting\b",
    "client_obligations": r"\bresponsibilities\b|\bobligations\b|\byour part\b|\bcooperation\b",
    "termination": r"\bterminat\w*\b|\bcancell?\w*\b|\bending\b|\bterm\b|\bnotice\b(?!s)|\bpostponement\b",
    "kill_fee": r"\bkill fee\b|\bcancell?\w*\b",
    "ip_ownership": r"\bownership\b|\bintellectual property\b|\bcopyright\b|\brights\b|\bwork product\b|"
                    r"\bownership of\b",
    "license": r"\blicen[cs]\w*\b|\busage\b|\bportfolio\b|\bstock assets\b|\bmusic\b|\btools\b",
    "confidentiality": r"\bconfidential\w*\b|\bnon-disclosure\b",
    "warranty": r"\bwarrant\w*\b",
    "liability": r"\bliabilit\w*\b|\bresponsibilities\b(?=.*\bour\b)",
    "indemnity": r"\bindemn\w*\b",
    "governing_law": r"\bgoverning law\b|\blaw\b|\blaws\b",
    "dispute_resolution": r"\bdisputes?\b|\bdisagree\w*\b|\bcomplaints?\b|\barbitration\b|\bmediation\b",
    "notices": r"\bnotices\b",
    "force_majeure": r"\bforce majeure\b|\bbeyond control\b",
    "entire_agreement": r"\bentire agreement\b|\bwhole agreement\b",
    "independent_contractor": r"\bindependent contractor\b|\brelationship\b|\bstatus\b",
    "non_solicitation": r"\bsolicit\w*\b|\bnon-compete\b",
    "data_protection": r"\bdata\b|\bprivacy\b",
}


_IN_SENTENCE = r"(?:[^.]|\.(?=\d))"


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=64)
def _gates(roles: Roles) -> dict[str, re.Pattern]:
    """One alternation of all of a type's rules: a clause that misses it skips the type (2x faster)."""
    return {t: re.compile("|".join(f"(?:{p.pattern})" for p, _w in pats)) for t, pats in _compiled(roles).items()}


@lru_cache(maxsize=64)
def _compiled(roles: Roles) -> dict[str, list[tuple[re.Pattern, float]]]:
    c = rf"(?:the )?(?:{_alt(roles.client)})"
    p = rf"(?:the )?(?:{_alt(roles.provider)})"
    out = {}
    for typ, rules in RULES.items():
        # "[^.]" in a rule means "within the sentence": a decimal point ("1.5%") does not end it
        # rules run on lower-cased text without re.I, which is several times faster
        out[typ] = [(re.compile(pat.replace("{C}", c).replace("{P}", p).replace("[^.]", _IN_SENTENCE).lower()), w)
                    for pat, w in rules]
    return out


_HEADINGS = {t: re.compile(p, re.I) for t, p in HEADING_RULES.items()}


def classify_text(text: str, heading: str = "", *, roles: Roles = Roles()) -> list[TypeHit]:
    """Return the types of one clause (text without its heading line is fine), best first."""
    rules = _compiled(roles)
    gates = _gates(roles)
    scores: dict[str, float] = {}
    triggers: dict[str, list[str]] = {}
    heading_l = heading.lower().strip()
    body = _without_references(text).lower()
    for typ, pats in rules.items():
        score = 0.0
        found: list[str] = []
        if heading_l and _HEADINGS[typ].search(heading_l):
            score += HEADING_WEIGHT
            found.append(f"heading: {heading.strip()}")
        if not gates[typ].search(body):
            pats = []
        for pat, weight in pats:
            m = pat.search(body)
            if m:
                score += weight
                found.append(m.group(0).strip().lower()[:60])
        if score:
            scores[typ] = score
            triggers[typ] = found
    _apply_exclusions(scores, body, heading_l)
    hits = [TypeHit(t, 1 - math.exp(-s), _dedupe(triggers[t])) for t, s in scores.items()]
    hits = [h for h in hits if h.confidence >= THRESHOLD]
    hits.sort(key=lambda h: -h.confidence)
    return hits


_PAYMENT_CORE = re.compile(
    r"\bnet\s*\d|\b(?:payable|due|paid)\s+(?:with)?in\b|\binvoices? (?:are|is) (?:payable|due)|"
    r"\bbalance\b[^.]{0,40}\b(?:due|payable)\b|"
    r"(?<!late )(?<!kill )(?<!cancellation )\bfee (?:is|of)\s*(?:[$€£]|[A-Z]{3})|\bpayment terms\b", re.I)
_REFERENCE = re.compile(r"\b(?:under|in|see|per|of) (?:clause|section|article|paragraph) [\d.()a-z]+", re.I)


def _without_references(text: str) -> str:
    # "billed as changes under clause 3" should not make the clause about what clause 3 is about
    return _REFERENCE.sub(" ", text)


def _apply_exclusions(scores: dict[str, float], body: str, heading: str) -> None:
    """Resolve the overlaps keywords cannot: each rule says which type explains the words better."""
    low = body.lower()
    if "force_majeure" in scores and scores["force_majeure"] >= STRONG and scores.get("liability", 0) < STRONG + MEDIUM:
        scores.pop("liability", None)
    if "kill_fee" in scores and "termination" in scores and not re.search(
            r"\bterminat|\bnotice\b|\bso far\b|\bto date\b|\bwork (?:done|completed|performed)\b|\bup to\b", low):
        scores["termination"] -= STRONG
    if "payment_terms" in scores and not _PAYMENT_CORE.search(body) and any(
            scores.get(t, 0) >= STRONG for t in ("late_payment", "kill_fee", "revisions", "expenses", "liability",
                                                  "ip_ownership", "termination", "change_requests")):
        # "fee" and "pay" in a kill-fee, revisions or liability clause do not make it about payment terms
        scores["payment_terms"] -= 2 * MEDIUM
    if ("scope" in scores and scores.get("change_requests", 0) >= STRONG + MEDIUM
            and scores["scope"] < 2 * STRONG and not heading):
        scores["scope"] -= STRONG
    if "late_payment" in scores and scores["late_payment"] >= STRONG:
        # "interest on overdue invoices" talks about payment, but it is the late-payment clause
        scores["payment_terms"] = scores.get("payment_terms", 0) - 2 * MEDIUM
    if "deposit" in scores and scores["deposit"] >= STRONG and not re.search(
            r"\b(?:balance|remaining|net \d|within \w+ (?:\(\d+\) )?days|instal|"
            r"invoice[sd]? (?:monthly|every|at the end))\b",
            low):
        scores["payment_terms"] = scores.get("payment_terms", 0) - 2 * MEDIUM
    if "confidentiality" in scores and "indemnity" in scores and "insurance" in low:
        scores.pop("indemnity", None)
    if "ip_ownership" in scores and "license" in scores and scores["license"] < STRONG + MEDIUM \
            and not re.search(r"\b(?:portfolio|showreel|licen[cs])", low + heading):
        scores["license"] -= MEDIUM
    for typ in [t for t, s in scores.items() if s <= 0]:
        del scores[typ]


def _dedupe(items: list[str]) -> list[str]:
    seen: list[str] = []
    for it in items:
        if it not in seen:
            seen.append(it)
    return seen


def classify_clauses(clauses: list, *, roles: Roles = Roles()) -> dict[int, list[TypeHit]]:
    """Return {clause index: types} for segmented clauses (signature, cover and preamble get none).

    A clause whose own words give no type takes its parent's heading types, with lower confidence
    (an item "(b) one newsletter a month" under "1. Services" is about scope).
    """
    out: dict[int, list[TypeHit]] = {}
    heading_types: dict[str, list[TypeHit]] = {}
    for c in clauses:
        if c.kind in ("signature", "cover", "preamble"):
            out[c.index] = []
            continue
        out[c.index] = classify_text(_body(c), c.heading, roles=roles)
    for c in clauses:
        if out[c.index] or c.parent is None or c.kind in ("signature", "cover", "preamble"):
            continue
        parent = clauses[c.parent]
        if parent.heading not in heading_types:
            heading_types[parent.heading] = classify_text("", parent.heading, roles=roles)
        inherited = [TypeHit(h.type, min(h.confidence, PARENT_CONFIDENCE), [f"parent heading: {parent.heading}"],
                             inherited=True)
                     for h in heading_types[parent.heading]]
        out[c.index] = inherited
    return out


def _body(c) -> str:
    text = c.text
    if c.number and text.startswith(c.number):
        text = text[len(c.number):]
    if c.heading:
        pos = text.find(c.heading)
        if 0 <= pos < 20:
            text = text[pos + len(c.heading):]
    return text


_DEFINED = re.compile(r"\((?:hereinafter\s+)?(?:the\s+)?[\"“']\s*(?:the\s+)?([A-Z][\w ]{1,30}?)\s*[\"”']\s*\)")


def detect_roles(text: str) -> Roles:
    """Read the parties' defined names ("the Bank", "Developer") from the opening of the contract."""
    names = [n.strip().lower() for n in _DEFINED.findall(text[:4000])]
    client = list(CLIENT_WORDS)
    provider = list(PROVIDER_WORDS)
    unknown = []
    for n in names:
        if n in CLIENT_WORDS or n in PROVIDER_WORDS:
            continue
        if any(w in n.split() for w in PROVIDER_WORDS):
            provider.append(n)
        elif any(w in n.split() for w in CLIENT_WORDS):
            client.append(n)
        else:
            unknown.append(n)
    # a party we cannot place is the client when the other party is a known provider, and vice versa
    known_provider = any(n in PROVIDER_WORDS for n in names)
    known_client = any(n in CLIENT_WORDS for n in names)
    for n in unknown[:2]:
        if known_provider and not known_client:
            client.append(n)
        elif known_client and not known_provider:
            provider.append(n)
    return Roles(client=tuple(client), provider=tuple(provider))
