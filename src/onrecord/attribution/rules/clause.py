"""Readings of a clause that several rule families share: how far a cue runs, a noun's
that-clause, and a clause set off by a comma (an aside, not a complement)."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.attribution.deps import ASIDES, CUE_AUXILIARIES, PARTICIPLES, THAT_CLAUSES
from onrecord.wordlists import words


def cue_extent(verb: Token) -> tuple[int, int]:
    """The verb plus the auxiliaries, negation and light adverbs right before it, and a
    particle right after ("pointed out"); after a raising or aspectual verb, that verb too
    ("seemed to blame", "is continuing to insist")."""
    start = verb.i
    doc = verb.doc
    while start > 0:
        prev = doc[start - 1]
        if prev.head == verb and (
            prev.dep_ in CUE_AUXILIARIES
            or (
                prev.dep_ == "advmod"
                and (prev.lower_ in words("cue_prefix_adverbs") or prev.tag_ == "RB")
            )
        ):
            start -= 1
        else:
            break
    head = verb.head
    phase = words("raising_verbs") | words("aspectual_verbs")
    if verb.dep_ == "xcomp" and head.lemma_ in phase and head.i < verb.i:
        head_cue = cue_extent(head)
        if head_cue[1] == start:
            start = head_cue[0]  # "seemed to blame", "went on to say": one cue
    end = verb.i + 1
    if end < len(doc) and doc[end].dep_ == "prt" and doc[end].head == verb:
        end += 1
    if end < len(doc) and doc[end].text == ":":
        end += 1  # "said:" introduces what follows; the colon is part of the cue
    return start, end


def that_clause(noun: Token) -> Token | None:
    """The clause a noun introduces with "that": "the assertion that he did not ..."."""
    return next(
        (
            c
            for c in noun.children
            if c.dep_ in THAT_CLAUSES
            and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)
        ),
        None,
    )


def set_off(clause: Token) -> bool:
    """A clause after a comma: an aside on the sentence, not the verb's complement."""
    first = clause.left_edge.i
    return first > 0 and clause.doc[first - 1].text == ","


def participle_aside(verb: Token, clause: Token) -> bool:
    """ "..., speaking on condition of anonymity", "..., citing the report": a participle
    after the verb and a comma adds to the sentence; it is not the verb's complement."""
    return (
        clause.dep_ in ASIDES
        and clause.tag_ in PARTICIPLES
        and clause.i > verb.i
        and set_off(clause)
    )
