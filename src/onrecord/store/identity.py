"""Who is who across articles: name keys, surnames and aliases, as pure functions.

The store joins an article's speaking entity to a global speaker by these rules:

* a full name (two or more words once titles are dropped) joins the speaker that has that
  name, or an alias with it;
* a bare surname ("Baldwin", "Mr. Baldwin") joins the one full-named person with that surname
  when exactly one exists; otherwise a bare-name speaker of its own, so Bill and Hillary Clinton
  never merge through a lone "Clinton";
* an entity's other mentions are aliases only when their words are a subset or a superset of
  its name's words ("Baldwin" and "Alec Baldwin" are; "Hillary Clinton" and "Bill Clinton"
  are not), which keeps coreference slips from merging two people.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from onrecord.wordlists import words as word_list

# Titles before a name and suffixes after it ("Mr.", "Jr."), and the pronouns that are never a
# name, are word lists: data/words/name_key_titles.txt, name_key_suffixes.txt, not_names.txt.

# Types that name one identifiable someone; groups and anonymous sources do not.
NAMED_TYPES = frozenset({"person", "organization"})
_MAX_NAME_WORDS = 6


def _words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w'\- ]+", " ", text)
    return [w.strip("'-") for w in text.split() if w.strip("'-")]


def name_words(name: str, *, person: bool = True) -> list[str]:
    """The words that identify: a person's titles before and suffixes after are dropped
    (an organisation keeps them: "General Electric"), but never every word ("President"
    alone stays "president")."""
    words = _words(name)
    titles = word_list("name_key_titles") if person else {"the"}
    while len(words) > 1 and words[0] in titles:
        words = words[1:]
    suffixes = word_list("name_key_suffixes")
    while person and len(words) > 1 and words[-1] in suffixes:
        words = words[:-1]
    return words


def name_key(name: str, *, person: bool = True) -> str:
    return " ".join(name_words(name, person=person))


def surname(key: str) -> str:
    return key.rsplit(" ", 1)[-1] if key else ""


def is_full(key: str) -> bool:
    return " " in key


def looks_like_name(text: str) -> bool:
    """A capitalised proper name, not a pronoun or a description ("the senator")."""
    words = text.split()
    if not words or len(words) > _MAX_NAME_WORDS or not any(c.isalpha() for c in text):
        return False
    if text.casefold() in word_list("not_names"):
        return False
    return words[-1][:1].isupper()


def related(a: str, b: str) -> bool:
    """Whether two keys can name the same one: either's words contain the other's."""
    wa, wb = set(a.split()), set(b.split())
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def best_name(name: str, mentions: Iterable[str], *, person: bool = True) -> str:
    """The fullest form of the name among the entity's mentions: "Baldwin" whose mentions
    include "Alec Baldwin" is Alec Baldwin."""
    key = name_key(name, person=person)
    best, best_len = name, len(key.split())
    for mention in mentions:
        mkey = name_key(mention, person=person)
        if looks_like_name(mention) and related(key, mkey) and len(mkey.split()) > best_len:
            best, best_len = mention, len(mkey.split())
    return best.strip()


def aliases(name: str, mentions: Iterable[str], *, person: bool = True) -> list[str]:
    """The distinct surface forms of the name (itself first) that are safe to record."""
    key = name_key(name, person=person)
    found: dict[str, None] = {name.strip(): None}
    for mention in mentions:
        mention = re.sub(r"['\u2019]s$", "", " ".join(mention.split()))
        if looks_like_name(mention) and related(key, name_key(mention, person=person)):
            found.setdefault(mention, None)
    return list(found)
