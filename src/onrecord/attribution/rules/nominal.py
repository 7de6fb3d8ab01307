"""Cues that are not a reporting verb alone: a noun ("the actor's assertion that"), a light
verb and its noun ("expressed concern that"), "made it clear that", an attitude adjective
("are concerned that")."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.attribution.deps import (
    MADE_CONTENT,
    NOUN_CUE_MODIFIERS,
    NOUN_SUBJECTS,
    PARTICIPLE_CONTENT,
    PREP_OBJECTS,
    VERBAL,
)
from onrecord.attribution.lexicon import CueLexicon
from onrecord.attribution.rules.candidate import Candidate, extent, span_of, trim
from onrecord.attribution.rules.clause import cue_extent, that_clause
from onrecord.attribution.rules.source import source_of, source_span, subject_of
from onrecord.wordlists import words


def noun_cue_extent(noun: Token, prep: Token | None) -> tuple[int, int]:
    """The noun with the modifiers right before it and the preposition right after it that
    introduces the content: PolNeAR marks "recent evidence-free assertion", "rejection of"."""
    doc = noun.doc
    start = noun.i
    while (
        start > 0 and doc[start - 1].head.i == noun.i and doc[start - 1].dep_ in NOUN_CUE_MODIFIERS
    ):
        start -= 1
    end = noun.i + 1
    if prep is not None and prep.i == noun.i + 1:
        end = prep.i + 1
    return start, end


def _owned_complement(noun: Token) -> Token | None:
    """ "Trump's support for the wall", "his decision to run": the prepositional or
    infinitival complement of a noun someone owns."""
    return next(
        (
            c
            for c in noun.children
            if (
                c.dep_ == "prep"
                and c.lower_ in words("prep_complements")
                and c.i > noun.i
                and any(g.dep_ in PREP_OBJECTS for g in c.children)
            )
            or (c.dep_ == "acl" and any(g.lower_ == "to" for g in c.children))
        ),
        None,
    )


def noun_rule(noun: Token, lexicon: CueLexicon) -> Candidate | None:
    """ "the actor's assertion that he did not ..." -> source the actor, cue assertion."""
    if noun.pos_ != "NOUN" or lexicon.noun_category(noun.lemma_) is None:
        return None
    light = light_object(noun.head) if noun.dep_ == "dobj" else None
    if light is not None and light.i == noun.i and light_verb_rule(noun.head, lexicon):
        return None  # "expressed concern that ...": one cue with its verb
    head = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else None
    if head is not None and lexicon.verb_category(head.lemma_) is not None:
        return None  # "said in a statement that ...": the verb's attribution (medium_clause)
    clause = that_clause(noun)
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    prep: Token | None = None
    if clause is None:
        # A prepositional or infinitival complement is the content when someone owns the noun.
        if poss is None:
            return None
        clause = _owned_complement(noun)
        if clause is None:
            return None
        if clause.dep_ == "prep":
            prep = clause
            clause = next(g for g in clause.children if g.dep_ in PREP_OBJECTS)
    cue = noun_cue_extent(noun, prep)
    content = span_of(clause, set(range(*cue)))
    if content is None:
        return None
    source = None
    if poss is not None:
        tokens = [t for t in poss.subtree if t.dep_ != "case"]
        source = trim(noun.doc, *extent(tokens))
    category = "other" if lexicon.noun_category(noun.lemma_) == "other" else "speech"
    return Candidate(
        cue=[cue],
        content=[content],
        source=source,
        category=category,
        rule="noun",
    )


def made_clear_rule(verb: Token, lexicon: CueLexicon) -> Candidate | None:
    """ "She made it clear that she would run" -> source She, cue "made it clear", content
    "that she would run"; "has made clear her opposition to the deal" the same way (PolNeAR's
    cue runs through the adjective in all 28 such attributions on train)."""
    if verb.lemma_ != "make" or verb.pos_ not in VERBAL:
        return None
    adj = next((c for c in verb.rights if c.lower_ in words("made_adjectives")), None)
    if adj is None:
        return None
    between = verb.doc[verb.i + 1 : adj.i]
    # Only "it" and degree adverbs between: "made their opposition clear" is another shape.
    if any(t.lower_ != "it" and t.dep_ != "advmod" for t in between):
        return None
    cue = (cue_extent(verb)[0], adj.i + 1)
    cue_tokens = set(range(*cue))
    content: list[tuple[int, int]] = []
    addressee: tuple[int, int] | None = None
    for child in sorted([*adj.children, *verb.children], key=lambda c: c.i):
        if child.i <= adj.i:
            continue
        if child.dep_ in MADE_CONTENT and (span := span_of(child, cue_tokens)):
            content.append(span)
        elif child.dep_ == "prep" and child.lower_ == "to" and addressee is None:
            told = next((g for g in child.children if g.dep_ == "pobj"), None)
            addressee = span_of(told, cue_tokens) if told is not None else None
    if not content:
        return None
    return Candidate(
        cue=[cue],
        content=content,
        source=source_of(verb, subject_of(verb), cue_tokens),
        addressee=addressee,
        category="speech",
        rule="made_clear",
    )


def light_object(verb: Token) -> Token | None:
    """The noun a light verb carries: "concern" in "expressed concern"."""
    if verb.lemma_ not in words("light_verbs") or verb.pos_ not in VERBAL:
        return None
    return next(
        (c for c in verb.rights if c.dep_ == "dobj" and c.lemma_.lower() in words("light_nouns")),
        None,
    )


def _light_preposition(verb: Token, noun: Token) -> Token | None:
    """ "took issue with": the preposition after the noun (the parser may hang it on the
    verb)."""
    return next(
        (
            c
            for c in [*noun.rights, *verb.rights]
            if c.dep_ == "prep"
            and c.lower_ in words("light_preps")
            and (c.head.i == noun.i or c.i == noun.i + 1)
        ),
        None,
    )


def light_verb_rule(verb: Token, lexicon: CueLexicon) -> Candidate | None:
    """ "She expressed concern that the bill would fail" -> cue "expressed concern", content
    "that the bill would fail"; "took issue with the report" -> cue "took issue with";
    "issued a statement saying it would appeal" -> cue "issued a statement saying" (PolNeAR's
    cue takes the noun in 54 of the 78 such attributions on train)."""
    noun = light_object(verb)
    if noun is None:
        return None
    start = cue_extent(verb)[0]
    said: Token | None = None
    prep: Token | None = None
    clause = that_clause(noun) or next(
        (c for c in verb.children if c.dep_ == "ccomp" and c.i > noun.i), None
    )
    if clause is None:
        said = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBG"), None)
        if said is not None:
            # "a statement saying it would appeal": the participle ends the cue.
            clause = next((c for c in said.children if c.dep_ in PARTICIPLE_CONTENT), None)
    if clause is None and said is None:
        prep = _light_preposition(verb, noun)
        clause = next((g for g in prep.children if g.dep_ in PREP_OBJECTS), None) if prep else None
    if clause is None:
        return None
    end = (said or prep or noun).i + 1
    cue_tokens = set(range(start, end))
    content = span_of(clause, cue_tokens)
    if content is None or content[0] < end:
        return None
    return Candidate(
        cue=[(start, end)],
        content=[content],
        source=source_of(verb, subject_of(verb), cue_tokens),
        category="speech",
        rule="light_verb",
    )


def _adjective_complement(adj: Token) -> tuple[Token, Token | None] | None:
    """The clause ("that ...") or the object of about/of/on that an attitude adjective takes,
    with the preposition when there is one."""
    for child in adj.children:
        if child.dep_ == "ccomp" and any(g.dep_ in NOUN_SUBJECTS for g in child.children):
            return child, None
        if child.dep_ == "prep" and child.lower_ in words("adjective_preps"):
            obj = next((g for g in child.children if g.dep_ in PREP_OBJECTS), None)
            if obj is not None:
                return obj, child
    return None


def adjective_rule(adj: Token, lexicon: CueLexicon) -> Candidate | None:
    """ "Some Clinton backers are concerned that momentum could carry him" -> source the
    subject, cue "are concerned", content the clause; also "critical of", "wary about".
    On PolNeAR train two thirds of such predicates with a subject are attributions."""
    if adj.pos_ != "ADJ" or adj.dep_ != "acomp":
        return None
    verb = adj.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    complement = _adjective_complement(adj)
    if subject is None or subject.lower_ == "it" or complement is None:
        return None
    head, prep = complement
    cue_start = cue_extent(verb)[0]
    cue_end = (prep.i if prep is not None else adj.i) + 1
    content = span_of(head, set(range(cue_start, cue_end)))
    if content is None or cue_start > adj.i:
        return None
    return Candidate(
        cue=[(cue_start, cue_end)],
        content=[content],
        source=source_span(subject, set(range(cue_start, cue_end))),
        category="other",
        rule="adjective",
    )
