"""Who speaks: a cue verb's subject (looking up through conjunctions, control and asides of
asking), a passive's agent, and the source span cut from them."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.attribution.deps import (
    ASKED_FORMS,
    AUXILIARIES,
    NOUN_CLAUSES,
    SHARED_SUBJECT,
    SUBJECTS,
)
from onrecord.attribution.rules.candidate import span_of
from onrecord.wordlists import words

# Marks that open an aside on a source noun: "The poll, released on Wednesday, found ...".
_ASIDE_MARKS = {",", "—", "("}


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, looking up through conjunctions and auxiliary chains."""
    aside = asked_aside(verb.head) if verb.head.i != verb.i else None
    if aside is not None and aside[1] is not None and verb.i > aside[1]:
        return aside[0]  # "Delaney, asked about the remark, said ...": Delaney said it
    node: Token | None = verb
    for _ in range(4):
        if node is None:
            return None
        for child in node.children:
            if child.dep_ in SUBJECTS:
                return child
        if (
            node.dep_ == "advcl"
            and node.tag_ == "VBN"
            and not any(c.dep_ in AUXILIARIES for c in node.children)
        ):
            return None  # "Asked if he was bullied, Trump said no": Trump was asked, not asking
        controller = object_controller(node)
        if controller is not None:
            return controller
        if repeated_in_own_complement(node):
            # "He said the attacks had helped and said that ...": the parser hangs the second
            # "said" on the first one's clause; the one who said it twice is the subject.
            node = node.head.head
        elif node.dep_ in SHARED_SUBJECT and node.head.i != node.i:
            node = node.head
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.i != node.i:
            node = node.head.head  # "... before saying": the subject of the main clause
        else:
            return None
    return None


def repeated_in_own_complement(verb: Token) -> bool:
    """A verb conjoined into the clause a reporting verb governs that goes with that verb,
    not with the clause: the same verb again ("said X and said Y"), or a verb in the
    reporting verb's tense where the clause has another ("said the plan throws money away
    and accused its backers of ..."). "She said he arrived and left" stays his."""
    clause = verb.head
    if verb.dep_ != "conj" or clause.dep_ != "ccomp" or clause.head.i == clause.i:
        return False
    reporter = clause.head
    return verb.tag_ != clause.tag_ and (
        reporter.lemma_ == verb.lemma_ or verb.tag_ == reporter.tag_
    )


def object_controller(node: Token) -> Token | None:
    """The object that a complement is about: "has led some allies to worry", "would require
    Republicans to recognize", "left voters wondering" — the allies worry, not the decline
    that led them to."""
    if (
        node.dep_ != "xcomp"
        or node.head.i == node.i
        or node.head.lemma_ not in words("object_control_verbs")
    ):
        return None
    return next((o for o in node.head.children if o.dep_ == "dobj" and o.i < node.i), None)


def agent(verb: Token) -> Token | None:
    """The one a passive's "by" phrase names: "was criticized by the senator"."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def asked_aside(verb: Token) -> tuple[Token, int | None] | None:
    """The noun that a participle of asking set off by commas describes, and the comma that
    closes the aside when the parser made the sentence's verb part of it: "Delaney, asked about
    the remark, laughed", "The mayor, when asked whether she would run, declined": Delaney and
    the mayor were asked, and the sentence's verb is theirs. The small parser often makes
    "asked" the noun's own verb and the real verb its complement (the comma is then known);
    read right, "asked" modifies the noun (no comma to give)."""
    if verb.lemma_ not in words("asking_verbs") or verb.tag_ not in ASKED_FORMS:
        return None
    if any(c.dep_ in AUXILIARIES and c.lower_ != "being" for c in verb.children):
        return None
    doc = verb.doc
    i = verb.i - 1
    while i > 0 and doc[i].lower_ in words("aside_openers"):
        i -= 1
    if i < 1 or doc[i].text != ",":
        return None
    if verb.dep_ in NOUN_CLAUSES and verb.head.i == i - 1:
        return verb.head, None
    noun = next((c for c in verb.children if c.dep_ == "nsubj" and c.i == i - 1), None)
    end = aside_end(verb) if noun is not None else None
    return (noun, end) if noun is not None and end is not None else None


def aside_end(verb: Token) -> int | None:
    """The comma that closes an aside of asking, if one does in the sentence."""
    depth = 0
    for t in verb.doc[verb.i + 1 : verb.sent.end]:
        if t.is_quote:
            depth ^= 1
        elif t.text == "," and not depth:
            return t.i
    return None


def source_span(head: Token, exclude: set[int]) -> tuple[int, int] | None:
    """The source noun phrase without a participle set off by a comma ("The poll, released on
    Wednesday, found ..."): PolNeAR keeps appositives in the source but not such asides."""
    doc = head.doc
    aside = {
        t.i
        for c in head.rights
        if (c.dep_ == "acl" and c.i > 0 and doc[c.left_edge.i - 1].text in _ASIDE_MARKS)
        or ((asked := asked_aside(c)) is not None and asked[0].i == head.i)
        for t in c.subtree
    }
    # "Even Republicans said ...": the focus adverb is not part of who spoke (46 to 8 on train).
    focus = {c.i for c in head.lefts if c.lower_ == "even" and c.i == head.left_edge.i}
    return span_of(head, exclude | aside | focus)


def expletive(subject: Token, verb: Token) -> bool:
    """A subject that stands for no one: the parser's expletive, and the "it" of a verb of
    appearance, which the small model reads as a plain subject."""
    return subject.dep_ == "expl" or (
        subject.lower_ == "it" and verb.lemma_ in words("raising_verbs")
    )


def source_of(verb: Token, subject: Token | None, exclude: set[int]) -> tuple[int, int] | None:
    """Who speaks: the subject, unless it stands for no one ("It appears that ...", "it seems
    like ...": nobody is said to appear, 25 of 26 on train), else a passive's agent."""
    if subject is not None and not expletive(subject, verb):
        return source_span(subject, exclude)
    found = agent(verb)
    return source_span(found, exclude) if found is not None else None
