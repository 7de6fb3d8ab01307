"""Dependency rules: from a parsed sentence to candidate attributions.

Each rule is a small pure function over a spaCy token that proposes a :class:`Candidate`
with token-level source, cue and content; one module per family (``verb``, ``phrases``,
``nominal``, ``colon``). :data:`RULES` is the ordered table: every token of a sentence is
tried against each rule in turn, and the first that proposes a candidate wins that token.
Order matters only where two rules can read the same token (a verb can be a light verb, a
"made clear", an "as X said" or a plain reporting verb); the table puts the narrower reading
first. Quotation marks are handled afterwards (:mod:`onrecord.attribution.assemble`), where
candidates and quotes are joined.

The order: colon, according_to, in_poll, as_put_it, made_clear, light_verb, verb, noun,
adjective (``tests/attribution/test_rules_table.py`` holds it to that).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from onrecord.attribution.deps import VERBAL
from onrecord.attribution.lexicon import CueLexicon
from onrecord.attribution.rules.candidate import Candidate
from onrecord.attribution.rules.colon import colon_rule
from onrecord.attribution.rules.nominal import (
    adjective_rule,
    light_verb_rule,
    made_clear_rule,
    noun_rule,
)
from onrecord.attribution.rules.phrases import according_to_rule, as_put_it_rule, in_poll_rule
from onrecord.attribution.rules.verb import verb_rule
from onrecord.wordlists import words

__all__ = ["RULES", "Candidate", "Rule", "sentence_candidates", "token_candidate"]


@dataclass(frozen=True)
class Rule:
    """One way an attribution is written. ``tried_on`` says which tokens the rule can start
    from (a cheap test; the rule checks the rest); ``find`` proposes the candidate or None."""

    name: str
    find: Callable[[Token, CueLexicon], Candidate | None]
    tried_on: Callable[[Token], bool]
    reason: str


def _colon(token: Token) -> bool:
    return token.text == ":"


def _according(token: Token) -> bool:
    return token.lower_ == "according"


def _in(token: Token) -> bool:
    return token.lower_ == "in"


def _as_put_it_verb(token: Token) -> bool:
    return token.lemma_ in words("as_put_it_verbs")


def _make(token: Token) -> bool:
    return token.lemma_ == "make"


def _light_verb(token: Token) -> bool:
    return token.lemma_ in words("light_verbs")


def _verbal(token: Token) -> bool:
    return token.pos_ in VERBAL


def _noun(token: Token) -> bool:
    return token.pos_ == "NOUN"


def _adjective(token: Token) -> bool:
    return token.pos_ == "ADJ"


# The table, in the order the rules are tried on each token.
RULES: tuple[Rule, ...] = (
    Rule(
        "colon", colon_rule, _colon,
        "a short noun phrase, a colon, what it says: 'Wash Post Fact-Check: If Obama Says It'",
    ),
    Rule(
        "according_to", according_to_rule, _according,
        "'According to X, Y': a phrase, no cue verb; the content is the clause it qualifies",
    ),
    Rule(
        "in_poll", in_poll_rule, _in,
        "'led 56 to 32 percent in a CBS News poll': the poll is the source of its finding",
    ),
    Rule(
        "as_put_it", as_put_it_rule, _as_put_it_verb,
        "'..., as X put it': before the verb rule, which would read 'as X said' as a report",
    ),
    Rule(
        "made_clear", made_clear_rule, _make,
        "'made it clear that': the adjective joins the cue, so before the verb rule",
    ),
    Rule(
        "light_verb", light_verb_rule, _light_verb,
        "'expressed concern that': verb and noun are one cue, so before the verb rule",
    ),
    Rule(
        "verb", verb_rule, _verbal,
        "a cue verb of the lexicon with its subject and complement (or a raising verb's "
        "clause, rule 'raising'): most attributions",
    ),
    Rule(
        "noun", noun_rule, _noun,
        "'the actor's assertion that': a cue noun with a that-clause or an owner",
    ),
    Rule(
        "adjective", adjective_rule, _adjective,
        "'are concerned that', 'critical of': an attitude adjective, category other",
    ),
)  # fmt: skip


def token_candidate(token: Token, lexicon: CueLexicon) -> Candidate | None:
    """The candidate of the first rule in the table that proposes one from this token."""
    for rule in RULES:
        if rule.tried_on(token):
            candidate = rule.find(token, lexicon)
            if candidate is not None:
                return candidate
    return None


def sentence_candidates(sent: Span, lexicon: CueLexicon) -> Iterator[Candidate]:
    """Every token's candidate, in sentence order (a token proposes one at most)."""
    for token in sent:
        candidate = token_candidate(token, lexicon)
        if candidate is not None:
            yield candidate
