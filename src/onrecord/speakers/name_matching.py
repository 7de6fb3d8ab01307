"""Pure functions on names: normalising them and deciding whether two can be one entity."""

from __future__ import annotations

import re
from collections.abc import Sequence

from onrecord.speakers.lexicon import SpeakerLexicon, shipped_words

Parts = tuple[str, ...]  # a name as lowercase words, titles and suffixes removed

POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Punctuation that never starts or ends a name: the NER takes in the quotation mark that
# opens a quote after it (Trump ''doesn't want ...), a bracket or a dash.
NAME_EDGE = " \t\n,;:\"'“”‘’()[]-—–"


def clean_words(words: Sequence[str]) -> list[str]:
    """Drop possessive markers and bare punctuation from a tokenised name, and glue
    hyphenated pieces back together ("Gutierrez", "-", "Reed" -> "Gutierrez-Reed")."""
    out: list[str] = []
    glue = False
    for raw in words:
        w = raw.strip()
        if w in ("-", "‐") and out:
            out[-1] += w
            glue = True
        elif w in POSSESSIVE or not any(c.isalnum() for c in w):
            glue = False
        elif glue:
            out[-1] += w
            glue = False
        else:
            out.append(w)
    return out


def split_titles(words: Sequence[str], lex: SpeakerLexicon) -> tuple[list[str], list[str]]:
    """Split leading titles off a name: ["Sen.", "Elizabeth", "Warren"] -> (["Sen."], [...]),
    ["Councilwoman", "Rita", "Quist"] -> (["Councilwoman"], ["Rita", "Quist"]).

    The last word is never taken as a title, so "Judge" alone stays a name.
    """
    i = 0
    while i < len(words) - 1 and lex.title_or_role(words[i]) is not None:
        i += 1
    # A capitalised descriptor before the title: "Port Alden Police Chief Renata Osei",
    # "White House Press Secretary Jen Psaki". The name after the title keeps a word that is
    # not a suffix, so "Martin Luther King Jr." stays whole.
    for j in range(len(words) - 2, i - 1, -1):
        if lex.title_or_role(words[j]) is None:
            continue
        suffixes, connectors = shipped_words("name_suffixes"), shipped_words("name_connectors")
        name = [w for w in words[j + 1 :] if w.lower().rstrip(".") not in suffixes]
        if name and all(w[:1].isupper() or w in connectors for w in words[i : j + 1]):
            return list(words[: j + 1]), list(words[j + 1 :])
        break
    return list(words[:i]), list(words[i:])


def _key(word: str) -> str:
    """A word as names are compared: lowercase, one apostrophe ("O’Neill" is "O'Neill")."""
    return word.lower().replace("’", "'").replace("‘", "'")


def person_parts(words: Sequence[str]) -> Parts:
    """Matching key of a person's name (titles already split off): lowercase, no suffix."""
    parts = [_key(w).rstrip(".") for w in clean_words(words)]
    while len(parts) > 1 and parts[-1].replace(".", "") in shipped_words("name_suffixes"):
        parts.pop()
    return tuple(parts)


def org_parts(words: Sequence[str]) -> Parts:
    """Matching key of an organisation's name: lowercase, without a leading "the"."""
    parts = [_key(w) for w in clean_words(words)]
    if parts and parts[0] == "the":
        parts = parts[1:]
    return tuple(parts)


def display_name(words: Sequence[str]) -> str:
    """A name as the article writes it, minus possessives and a leading "the"; ``words``
    are tokens with their trailing whitespace, so "Gutierrez-Reed" keeps its hyphen.
    Quotation marks and brackets at its edges go: "Donald Trump ''" -> "Donald Trump"."""
    text = "".join(words).strip(NAME_EDGE) or "".join(words).strip()
    # A bracket inside a name is an editor's insertion: "George (W. Bush)" -> George W. Bush.
    text = " ".join(re.sub(r"[()\[\]]", " ", text).split()) or text
    for marker in POSSESSIVE:
        if text.endswith(marker) and len(text) > len(marker):
            text = text[: -len(marker)].rstrip(NAME_EDGE)
            break
    if text.lower().startswith("the "):
        text = text[4:]
    return text


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def _first_names_agree(a: str, b: str) -> bool:
    if a == b:
        return True
    return (_is_initial(a) or _is_initial(b)) and a[0] == b[0]


def person_name_score(a: Parts, b: Parts) -> int | None:
    """How strongly two person names denote one person.

    3: identical; 2: same surname (and same or initialled first name when both have one, or
    the one a surname with its particle: "De Blasio" / "Bill de Blasio");
    1: a lone word that is the other's first or middle name ("Alec" / "Alec Baldwin");
    0: they conflict ("Bill Clinton" / "Hillary Clinton", "Hillary" / "Bill Clinton");
    None: no evidence either way (two different lone words, "Clinton" / "Hillary").
    """
    if not a or not b:
        return None
    if a == b:
        return 3
    if len(a) >= 2 and len(b) >= 2:
        if is_particle_surname(a, b) or is_particle_surname(b, a):
            return 2
        # A first name may be the other's middle name or nickname: "Bobby Scott" is
        # 'Robert C. "Bobby" Scott'.
        agree = _first_names_agree(a[0], b[0]) or a[0] in b[1:-1] or b[0] in a[1:-1]
        return 2 if a[-1] == b[-1] and agree else 0
    if len(a) == 1 and len(b) == 1:
        return None
    word, full = (a[0], b) if len(a) == 1 else (b[0], a)
    if word == full[-1]:
        return 2
    return 1 if word in full[:-1] else 0


def is_particle_surname(short: Parts, full: Parts) -> bool:
    """Whether ``short`` is the end of ``full`` starting at a surname particle: ("de",
    "blasio") of ("bill", "de", "blasio"), ("bin", "laden") of ("osama", "bin", "laden")."""
    return (
        len(short) < len(full)
        and short[0] in shipped_words("name_particles")
        and full[-len(short) :] == short
    )


def cluster_name_score(new: Parts, names: Sequence[Parts]) -> int:
    """How well ``new`` fits a person already known by ``names``: the weakest piece of
    evidence counts, so one conflicting full name rules the person out (0)."""
    scores = [s for s in (person_name_score(new, n) for n in names) if s is not None]
    return min(scores) if scores else 0


def acronym(parts: Parts) -> str:
    """Initials of the significant words: ("federal", "bureau", "of", "investigation") -> fbi."""
    return "".join(p[0] for p in parts if p not in shipped_words("name_connectors") and p)


def is_initials(short: Parts, full: Parts) -> bool:
    """Whether ``short`` is one word made of the initials of ``full``, with or without
    periods: "the S.E.C." is the Securities and Exchange Commission as much as "the SEC"."""
    return len(short) == 1 and len(full) > 1 and short[0].replace(".", "") == acronym(full)


def org_names_match(a: Parts, b: Parts) -> bool:
    """Whether two organisation names can be one organisation: equal, one the acronym of the
    other ("FBI", "F.B.I."), or the shorter's words all in the longer sharing a distinctive word
    ("the Post" / "the Washington Post", "ABC" / "ABC News")."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if is_initials(short, long_):
        return True
    return set(short) <= set(long_) and bool(set(short) - shipped_words("org_filler"))


def name_gender(parts: Parts, titles: Sequence[str], lex: SpeakerLexicon) -> str | None:
    """Gender a name announces: a gendered title wins over a first name; a lone word is
    never read as a first name ("Warren" is a surname more often than not)."""
    for t in titles:
        found = lex.title_or_role(t)
        if found and found[1]:
            return found[1]
    if len(parts) >= 2:
        return lex.first_names.get(parts[0])
    return None
