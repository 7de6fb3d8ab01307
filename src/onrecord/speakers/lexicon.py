"""The word lists speaker resolution leans on, read from ``onrecord/data/speakers/``.

They are plain text so a journalist can extend them without touching code; each file says in
its header what a line means. Everything here is immutable once loaded.

Two kinds: the ``SpeakerLexicon`` (titles, roles, groups, organisations, ... ) can be read from a
directory of one's own; the small closed lists the rules' grammar leans on (pronouns,
determiners, name suffixes, ...: ``shipped_words``) are always the shipped ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from onrecord.wordlists import entries

Gender = str  # "m" or "f"


@dataclass(frozen=True)
class SpeakerLexicon:
    """All speaker word lists; keys are lowercase (titles also without their final period)."""

    titles: Mapping[str, tuple[str | None, Gender | None]]  # title -> (role, gender)
    roles: Mapping[str, Gender | None]  # person role lemma -> gender the noun carries
    offices: frozenset[str]  # roles.txt "office": offices a person holds ("mayor")
    relative_roles: frozenset[str]  # roles.txt "relative": roles that are someone's ("aide")
    speaking_roles: frozenset[str]  # roles.txt "speaks-for": unnamed, anonymous ("a spokesman")
    groups: frozenset[str]
    organizations: frozenset[str]
    generic_organizations: frozenset[str]
    anonymous: tuple[tuple[str, ...], ...]  # token runs that mark an anonymous source
    relations: Mapping[str, frozenset[str]]  # role -> its reciprocal roles
    nonagents: frozenset[str]
    first_names: Mapping[str, Gender]

    def title(self, word: str) -> tuple[str | None, Gender | None] | None:
        """The (role, gender) of ``word`` when it is a title such as "Mrs." or "Sen.", else None."""
        return self.titles.get(title_key(word))

    def title_or_role(self, word: str) -> tuple[str | None, Gender | None] | None:
        """Like ``title``, but a capitalised role noun that is not a first name counts too:
        spaCy often tags "Councilwoman Rita Quist" or "Sheriff Adan Mendoza" whole."""
        found = self.title(word)
        if found is not None:
            return found
        lower = word.lower()
        if word[:1].isupper() and lower in self.roles and lower not in self.first_names:
            return (lower, self.roles[lower])
        return None

    def is_person_noun(self, lemma: str) -> bool:
        """Whether ``lemma`` names a person by role or a group of people."""
        return lemma in self.roles or lemma in self.groups


def title_key(word: str) -> str:
    """The lookup key of a title as written: "Mrs." -> "mrs", "Lt.-Gov." -> "lt-gov"."""
    return word.lower().replace(".", "")


def _dash_none(value: str) -> str | None:
    return None if value == "-" else value


def parse_titles(text: str) -> dict[str, tuple[str | None, Gender | None]]:
    """``titles.txt``: the title key, the role it gives (``_`` for a space), its gender."""
    out: dict[str, tuple[str | None, Gender | None]] = {}
    for line in entries(text):
        key, role, gender = (line.split() + ["-", "-"])[:3]
        role_name = _dash_none(role)
        out[key] = (role_name.replace("_", " ") if role_name else None, _dash_none(gender))
    return out


# The columns of roles.txt after the gender.
ROLE_FLAGS = ("office", "relative", "speaks-for", "not-role")


@dataclass(frozen=True)
class Roles:
    """``roles.txt`` read: the role nouns with their genders, and the lemmas of each flag."""

    genders: dict[str, Gender | None]  # every role noun (not the "not-role" lines)
    offices: frozenset[str]
    relative: frozenset[str]
    speaking: frozenset[str] = frozenset()


def parse_roles(text: str) -> Roles:
    """``roles.txt``: a (possibly multi-word) lemma, then optional columns: a gender (m or f)
    and the flags office, relative and not-role ("chairman m office", "aide relative")."""
    genders: dict[str, Gender | None] = {}
    flagged: dict[str, set[str]] = {flag: set() for flag in ROLE_FLAGS}
    for line in entries(text):
        words = line.split()
        gender, flags = None, set()
        while len(words) > 1 and (words[-1] in ROLE_FLAGS or words[-1] in ("m", "f")):
            last = words.pop()
            if last in ROLE_FLAGS:
                flags.add(last)
            else:
                gender = last
        noun = " ".join(words)
        for flag in flags:
            flagged[flag].add(noun)
        if "not-role" not in flags:
            genders[noun] = gender
    return Roles(
        genders,
        frozenset(flagged["office"]),
        frozenset(flagged["relative"]),
        frozenset(flagged["speaks-for"]),
    )


def parse_organizations(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """``organizations.txt``: (all organisation nouns, those marked ``generic``)."""
    nouns: set[str] = set()
    generic: set[str] = set()
    for line in entries(text):
        words = line.split()
        is_generic = words[-1] == "generic" and len(words) > 1
        noun = " ".join(words[:-1] if is_generic else words)
        nouns.add(noun)
        if is_generic:
            generic.add(noun)
    return frozenset(nouns), frozenset(generic)


def parse_relations(text: str) -> dict[str, frozenset[str]]:
    """``relations.txt``: "a b | c d" makes every left role reciprocal to every right one."""
    out: dict[str, set[str]] = {}
    for line in entries(text):
        left, _, right = line.partition("|")
        lefts, rights = left.split(), right.split()
        for a in lefts:
            out.setdefault(a, set()).update(rights)
        for b in rights:
            out.setdefault(b, set()).update(lefts)
    return {k: frozenset(v) for k, v in out.items()}


def parse_first_names(male: str, female: str) -> dict[str, Gender]:
    """The two first-name lists; a name on both (there should be none) gets no gender."""
    males, females = set(entries(male)), set(entries(female))
    out: dict[str, Gender] = {n: "m" for n in males - females}
    out.update({n: "f" for n in females - males})
    return out


def _read(directory: Path | None, name: str) -> str:
    if directory is not None:
        return (directory / name).read_text(encoding="utf-8")
    return (
        resources.files("onrecord").joinpath("data", "speakers", name).read_text(encoding="utf-8")
    )


def load_lexicon(directory: Path | None = None) -> SpeakerLexicon:
    """Read the word lists from ``directory`` (default: the ones shipped with onrecord)."""
    organizations, generic = parse_organizations(_read(directory, "organizations.txt"))
    roles = parse_roles(_read(directory, "roles.txt"))
    if directory is not None and not roles.offices and not roles.relative:
        # A roles.txt written before the office/relative columns ("armourer", one noun a
        # line) keeps the shipped flags, as it did when they were sets in code.
        shipped = parse_roles(_read(None, "roles.txt"))
        roles = Roles(roles.genders, shipped.offices, shipped.relative, shipped.speaking)
    return SpeakerLexicon(
        titles=MappingProxyType(parse_titles(_read(directory, "titles.txt"))),
        roles=MappingProxyType(roles.genders),
        offices=roles.offices,
        relative_roles=roles.relative,
        speaking_roles=roles.speaking,
        groups=frozenset(entries(_read(directory, "groups.txt"))),
        organizations=organizations,
        generic_organizations=generic,
        anonymous=tuple(tuple(p.split()) for p in entries(_read(directory, "anonymous.txt"))),
        relations=MappingProxyType(parse_relations(_read(directory, "relations.txt"))),
        nonagents=frozenset(entries(_read(directory, "nonagents.txt"))),
        first_names=MappingProxyType(
            parse_first_names(
                _read(directory, "names_male.txt"), _read(directory, "names_female.txt")
            )
        ),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> SpeakerLexicon:
    """The shipped lexicon, read once per process: it is immutable, so sharing it is safe."""
    return load_lexicon()


@cache
def shipped_words(name: str, flag: str | None = None) -> frozenset[str]:
    """The words of the shipped list ``data/speakers/<name>.txt``; with ``flag``, those whose
    line carries it among the columns after the word:

        >>> "jr" in shipped_words("name_suffixes")
        True
        >>> "the" in shipped_words("determiners", "definite")
        True
    """
    rows = [line.split() for line in entries(_read(None, f"{name}.txt"))]
    return frozenset(row[0] for row in rows if flag is None or flag in row[1:])
