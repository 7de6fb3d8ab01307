"""What of an attribution's content states its claim: the proposition without the frame
words and quotation marks around it, which carry no meaning of their own.

    >>> claim_text('that he "did not pull the trigger,"')
    'he did not pull the trigger'
    >>> claim_text("“The numbers work,” ")
    'The numbers work'
"""

from __future__ import annotations

import re

# Complementisers that open an indirect content ("said that ...", "asked whether ...").
_LEAD = re.compile(r"^(?:that|whether|if)\s+", re.IGNORECASE)
# Double quotation marks go wherever they are; single ones only at the edges, since ’ and '
# are also apostrophes inside words ("didn’t").
_DOUBLE = re.compile("[\"“”«»„‟]|''|``")
_SINGLE = "'‘’`"
# Punctuation a quotation keeps before its frame ("... work," she said).
_TRAIL = ",;:—–- "


def claim_text(content: str) -> str:
    text = _DOUBLE.sub("", " ".join(content.split()))
    text = _LEAD.sub("", text.strip(_SINGLE + " "))
    return text.rstrip(_TRAIL).strip(_SINGLE + " ").rstrip(_TRAIL)


# Who a pronoun in a content most often is: in reported speech, the speaker ("Smith said he
# would run": Smith); in the speaker's own words, "I" ("'I didn't pull the trigger,' Baldwin
# said": Baldwin). Naming them lets "he did not pull the trigger" (the actor) and "Baldwin
# never pulled the trigger" compare as the one claim they are.
_FIRST_PERSON = re.compile(r"\b(?:I|me)\b")
# "I've", "I'll", "I'm", "I'd" name the speaker with the verb written out ("Scott has", not
# "Scott've"); "'d" is read as "would", its commoner sense in quotations.
_FIRST_CONTRACTED = re.compile(r"\bI['’](ve|ll|m|d)\b")
_WRITTEN_OUT = {"ve": "have", "ll": "will", "m": "am", "d": "would"}
_THIRD_FORM = {"have": "has", "am": "is"}
_FIRST_POSSESSIVE = re.compile(r"\bmy\b", re.IGNORECASE)
_THIRD_PERSON = {"m": re.compile(r"\b(?:he|him)\b", re.IGNORECASE),
                 "f": re.compile(r"\b(?:she|her)\b", re.IGNORECASE)}  # fmt: skip


def named_claim_text(content: str, kind: str, speaker: str | None, gender: str | None) -> str:
    """``claim_text`` with the pronouns that stand for the speaker replaced by their name:
    first person in a quotation, third person of the speaker's gender (either, when it is
    not known) in reported speech.

    >>> named_claim_text("that he did not pull the trigger", "indirect", "Alec Baldwin", "m")
    'Alec Baldwin did not pull the trigger'
    >>> named_claim_text("“I didn't pull the trigger,”", "direct", "Alec Baldwin", None)
    "Alec Baldwin didn't pull the trigger"
    """
    text = claim_text(content)
    if not speaker:
        return text
    if kind in ("direct", "mixed"):
        text = _FIRST_CONTRACTED.sub(lambda m: f"{speaker} {_third(m.group(1))}", text)
        text = _FIRST_PERSON.sub(speaker, text)
        text = _FIRST_POSSESSIVE.sub(f"{speaker}'s", text)
    if kind in ("indirect", "other", "mixed"):
        for g, pattern in _THIRD_PERSON.items():
            if gender in (g, None):
                text = pattern.sub(speaker, text)
    return text


def _third(contraction: str) -> str:
    """The verb of "I've" / "I'm" ... as said of someone named: "has", "is", "will", "would"."""
    verb = _WRITTEN_OUT[contraction]
    return _THIRD_FORM.get(verb, verb)
