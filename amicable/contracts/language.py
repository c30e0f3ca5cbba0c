"""Language detection by stopword profiles, and a "does this read like a contract?" check.

Pure module: no Django import, no model files. Stopwords are the most frequent function words of
each language; a text's language is the profile that covers the largest share of its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PROFILES: dict[str, tuple[str, str]] = {
    "en": ("English", "the of and to in a is that for it as with be by on not this are or shall will any "
                      "from which have has at an all such if its other may been their these than we our you"),
    "fr": ("French", "le la les de des du un une et est en que qui dans pour par sur au aux ne pas ce cette "
                     "il elle sont être avec ou se sa son ses leur plus tout"),
    "de": ("German", "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an "
                     "werden aus er hat dass sie nach wird bei einer um am sind noch wie oder"),
    "es": ("Spanish", "el la los las de del y en que un una es por con para se no su al lo como más o pero "
                      "sus le ha este esta entre cuando muy sin sobre ser"),
    "it": ("Italian", "il lo la i gli le di del della e è che un una per in con non si da al alla sono come "
                      "ma dei delle nel nella anche questo più"),
    "pt": ("Portuguese", "o a os as de do da dos das e em um uma que é para com não por se na no ao mais "
                         "como mas foi ele ela seu sua pelo pela são"),
    "nl": ("Dutch", "de het een en van in is dat op te zijn voor met die niet aan er als bij door ook om "
                    "tot uit maar dan wordt worden deze"),
    "sv": ("Swedish", "och i att det som en på är av för med till den har de inte om ett men var jag sig "
                      "från vi så kan eller när skall ska"),
    "pl": ("Polish", "i w nie na się z do że jest to o jak a po co tak za od ale przez jego dla czy ich "
                     "lub oraz być może"),
}
_STOPWORDS = {code: set(words.split()) for code, (_name, words) in _PROFILES.items()}
_WORD = re.compile(r"[^\W\d_]+", re.U)
MIN_WORDS = 20


@dataclass
class LanguageResult:
    """The detected language (ISO 639-1 code), its name, a confidence and each profile's share."""

    code: str
    name: str
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "confidence": round(self.confidence, 2)}


def detect_language(text: str, *, sample_chars: int = 20000) -> LanguageResult:
    """Return the most likely language of `text` (English when the text is too short to tell)."""
    words = [w.lower() for w in _WORD.findall(text[:sample_chars])]
    if len(words) < MIN_WORDS:
        return LanguageResult("en", "English", 0.0, {})
    scores = {code: sum(1 for w in words if w in stop) / len(words) for code, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda c: scores[c])
    ranked = sorted(scores.values(), reverse=True)
    margin = ranked[0] - ranked[1]
    confidence = min(1.0, margin / max(ranked[0], 1e-9) * 2)
    if best != "en" and scores["en"] >= 0.8 * scores[best]:
        best = "en"  # mostly English with foreign names or quotations
    return LanguageResult(best, _PROFILES[best][0], confidence, scores)


_CONTRACT_WORDS = re.compile(
    r"\b(agreement|contract|part(?:y|ies)|shall|hereby|terms|conditions|client|customer|services|"
    r"fees?|payment|invoices?|terminat\w+|liabilit\w+|warrant\w*|confidential\w*|governed|clause|"
    r"obligations?|agree[sd]?|deliverables|scope|signed|signature|intellectual property|licen[cs]e)\b", re.I)
_INVOICE = re.compile(r"(?im)^\s*(invoice\s*(no\.?|number|#)|bill to|subtotal|total due|amount due|"
                      r"invoice date)\b")
_OBLIGATION = re.compile(r"\b(shall|will|must|agrees? to|may not|is entitled)\b", re.I)


@dataclass
class ContractLikelihood:
    """Whether the text reads like a contract, and a plain message when it does not."""

    is_contract: bool
    score: float
    message: str = ""


def contract_likelihood(text: str, clauses: list | None = None) -> ContractLikelihood:
    """Return whether `text` reads like a contract (an agreement with parties and obligations)."""
    words = max(1, len(_WORD.findall(text[:50000])))
    hits = len(_CONTRACT_WORDS.findall(text[:50000]))
    obligations = len(_OBLIGATION.findall(text[:50000]))
    density = hits / words
    typed = sum(1 for c in clauses or [] if getattr(c, "types", None))
    score = min(1.0, density * 12) * 0.6 + min(1.0, obligations / 8) * 0.25 + min(1.0, typed / 5) * 0.15
    if _INVOICE.search(text[:5000]) and len(_INVOICE.findall(text[:5000])) >= 2 and obligations < 5:
        return ContractLikelihood(False, score, "This looks like an invoice, not a contract. Upload the signed "
                                                "agreement, proposal or terms; keep invoices in the evidence vault.")
    if score < 0.35:
        return ContractLikelihood(False, score, "This does not read like a contract: few contract words (parties, "
                                                "obligations, payment, termination) were found. Check that you "
                                                "uploaded the right file.")
    return ContractLikelihood(True, score)
