"""A small language guess: is this draft English? The rules are English-only.

Counts common function words of English against those of a few other European languages, and
letters of non-Latin scripts against Latin ones. Good enough to tell "this is Spanish" from "this is
English with a Spanish name in it"; not a general language identifier.

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import re

from .model import wordset

EN_WORDS = wordset(
    """the a an and or but of to in on at for with from by is are was were be been being have has had do
    does did i you he she it we they me my your our their this that these those not no yes will would
    can could should shall may might must just about as if so than then there here what which who when
    where why how all any some please thanks thank hi hello dear regards sorry ok okay"""
)
# Function words of Spanish, French, German, Italian, Portuguese and Dutch that are not English words.
OTHER_WORDS = wordset(
    """el la los las del al que y en un una por para con es se lo le les des et est pas qui pour dans sur
    avec vous je nous il elle ils ce cette une du au aux der die das und ist nicht ich sie es ein eine zu
    mit auf den dem von sich auch wir ihr bitte danke il lo gli della che non per sono di da ma mi ti
    ho hai ha os as um uma não com mas você eu obrigado obrigada het een van ik je niet dat wij zijn
    hola gracias bonjour merci hallo ciao grazie olá dank usted ustedes vos muy más très mais ou où
    quand porque pero también hemos habe haben wird kann können para está estoy estamos"""
) - EN_WORDS
_NON_LATIN = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0900-\u0dff\u0e00-\u0eff"
    r"\u10a0-\u10ff\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def detect(text: str, words: list[str]) -> str:
    """Return "en", "non_en" or "unknown" (too few words to tell).

    ``words`` are the lower-cased word tokens of ``text``.
    """
    if not words:
        return "unknown"
    if not text.isascii():
        non_latin = len(_NON_LATIN.findall(text))
        if non_latin and non_latin > len(_LATIN.findall(text)):
            return "non_en"
    en = sum(map(EN_WORDS.__contains__, words))
    other = sum(map(OTHER_WORDS.__contains__, words))
    if other > en and other >= 2:
        return "non_en"
    if en == 0 and other == 0 and len(words) < 3:
        return "unknown"
    if other >= 1 and en == 0:
        return "non_en"
    return "en"
