"""Phrases that attribute without a cue verb of their own: "according to X", a finding "in a
poll", "as X put it"."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.attribution.deps import NOUN_CLAUSES, QUALIFIED_CLIMB, SUBJECTS, VERB_GROUP, VERBAL
from onrecord.attribution.lexicon import CueLexicon
from onrecord.attribution.rules.candidate import Candidate, pieces_of, span_of, subtree_extent, trim
from onrecord.wordlists import words


def according_to_rule(token: Token, lexicon: CueLexicon) -> Candidate | None:
    """ "According to X, Y." -> source X, cue "according to", content Y."""
    if token.lower_ != "according":
        return None
    # The "to" after it: a parse of word salad can hang one from the left ("to that
    # mistake ... according"), and a cue running backwards is no cue.
    to = next((c for c in token.rights if c.lower_ == "to"), None)
    if to is None:
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        to = nxt if nxt is not None and nxt.lower_ == "to" else None
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase = {t.i for t in token.subtree} | {t.i for t in to.subtree} | {token.i, to.i}
    source = span_of(pobj, {token.i, to.i})
    head = token.head if token.head.i != token.i else None
    if head is None:
        return None
    clause = head
    # Up to the whole sentence it qualifies: "A happened, and B followed, according to X" is
    # attributed to X as a whole, though the parser hangs the phrase on the last conjunct.
    while clause.dep_ in QUALIFIED_CLIMB and clause.head.i != clause.i:
        clause = clause.head
    content = pieces_of(clause, phrase)
    stray = stray_subject(pobj, clause)
    if stray is not None and source is not None:
        # "According to the Budget Office, a shutdown ... would reduce growth": the parser
        # hangs the clause's subject on the source as an apposition.
        subject = subtree_extent(stray)
        source = trim(token.doc, source[0], subject[0])
        content = [(subject[0], max(e for _, e in content))] if content else []
    if not content:
        return None
    return Candidate(cue=[(token.i, to.i + 1)], content=content, source=source, rule="according_to")


def stray_subject(pobj: Token, clause: Token) -> Token | None:
    """The apposition on an "according to" object that is really the subject of the clause
    it modifies: the clause has no subject of its own and the apposition ends right before
    the clause's verb group."""
    if clause.pos_ not in VERBAL or any(c.dep_ in SUBJECTS for c in clause.children):
        return None
    appos = next((c for c in pobj.children if c.dep_ == "appos" and c.i > pobj.i), None)
    if appos is None or appos.right_edge.i >= clause.i:
        return None
    between = clause.doc[appos.right_edge.i + 1 : clause.i]
    verb_group = all(t.head.i == clause.i and t.dep_ in VERB_GROUP for t in between)
    return appos if verb_group else None


def in_poll_rule(token: Token, lexicon: CueLexicon) -> Candidate | None:
    """ "Clinton led Sanders 56 percent to 32 percent in an early-October CBS News poll" ->
    source the poll, cue "in", content the finding (PolNeAR's reading; 54 such on train)."""
    if token.lower_ != "in" or token.dep_ != "prep" or token.head.i == token.i:
        return None
    pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in words("poll_nouns") or pobj.tag_ == "NNS":
        # "slid in the polls": polls in general are a standing, not a source (train: the
        # plural is an attribution 2 times in 50).
        return None
    clause = token.head
    if clause.pos_ not in VERBAL or clause.dep_ in NOUN_CLAUSES:
        return None  # "the lead in the poll", "who leads in the poll": not a finding
    phrase = {t.i for t in token.subtree}
    content = pieces_of(clause, phrase)
    source = span_of(pobj, {token.i})
    if not content or source is None:
        return None
    return Candidate(cue=[(token.i, token.i + 1)], content=content, source=source, rule="in_poll")


def as_put_it_rule(verb: Token, lexicon: CueLexicon) -> Candidate | None:
    """ "..., as X put it." -> source X, cue "put it", content the clause it modifies."""
    if verb.lemma_ not in words("as_put_it_verbs") or verb.dep_ != "advcl":
        return None
    if not any(c.lower_ == "as" and c.dep_ == "mark" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    head = verb.head
    exclude = {t.i for t in verb.subtree}
    content = span_of(head, exclude)
    if content is None or subject is None:
        return None
    end = verb.i + 1
    if end < len(verb.doc) and verb.doc[end].lower_ == "it":
        end += 1
    return Candidate(
        cue=[(verb.i, end)],
        content=[content],
        source=span_of(subject, set()),
        rule="as_put_it",
    )
