"""Dependency rules: from a parsed sentence to candidate attributions.

Each rule is a small pure function over spaCy tokens that proposes a :class:`Candidate` with
token-level source, cue and content. Quotation marks are handled afterwards
(:mod:`onrecord.attribution.assemble`), where candidates and quotes are joined.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from onrecord.attribution.lexicon import Lexicon

# Dependency labels of a verb's clausal complement, the usual home of reported content.
CLAUSAL = {"ccomp", "xcomp", "csubj"}
SUBJECTS = {"nsubj", "csubj", "expl"}
# Tokens that belong to the cue when they sit right before the verb ("has also said").
CUE_PREFIX_DEPS = {"aux", "auxpass", "neg", "advmod"}
CUE_PREFIX_ADVERBS = {
    "also",
    "later",
    "previously",
    "repeatedly",
    "often",
    "again",
    "then",
    "not",
    "n't",
    "never",
    "recently",
    "earlier",
    "publicly",
    "privately",
    "once",
    "already",
    "still",
    "further",
    "first",
}


@dataclass
class Candidate:
    """One proposed attribution, in token indices (``end`` exclusive)."""

    cue: list[tuple[int, int]]
    content: list[tuple[int, int]]
    source: tuple[int, int] | None = None
    addressee: tuple[int, int] | None = None
    category: str = "speech"  # speech | other
    rule: str = ""
    quotes: list[int] = field(default_factory=list)  # indices into the quote list, if any


def _extent(tokens: list[Token]) -> tuple[int, int]:
    return min(t.i for t in tokens), max(t.i for t in tokens) + 1


def _balance_quotes(doc: Doc, start: int, end: int) -> int:
    """A span ending inside a quoted title ('the western "Rust') takes the closing mark the
    parser attached elsewhere."""
    marks = sum(1 for t in doc[start:end] if t.text in {'"', "“", "”", "''"})
    if marks % 2 == 1 and end < len(doc) and doc[end].text in {'"', "”", "''"}:
        return end + 1
    return end


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop punctuation and conjunctions at the edges, but keep quotation marks."""
    while start < end and (
        (doc[start].is_punct and not doc[start].is_quote) or doc[start].dep_ == "cc"
    ):
        start += 1
    while (
        end > start
        and doc[end - 1].is_punct
        and not doc[end - 1].is_quote
        and (doc[end - 1].text not in {".", "?", "!"} or end - 1 == start)
    ):
        end -= 1
    end = _balance_quotes(doc, start, end)
    return (start, end) if end > start else None


def _subtree_extent(token: Token, exclude: set[int] | None = None) -> tuple[int, int]:
    tokens = [t for t in token.subtree if not exclude or t.i not in exclude]
    return _extent(tokens or [token])


def _subject(verb: Token) -> Token | None:
    """The verb's subject, looking up through conjunctions and auxiliary chains."""
    node: Token | None = verb
    for _ in range(4):
        if node is None:
            return None
        for child in node.children:
            if child.dep_ in SUBJECTS:
                return child
        if node.dep_ in {"conj", "xcomp", "advcl"} and node.head.i != node.i:
            node = node.head
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.i != node.i:
            node = node.head.head  # "... before saying": the subject of the main clause
        else:
            return None
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


# Verbs whose "to" complement carries the attribution, and which PolNeAR counts as part of
# its cue: "is continuing to insist that ...". Chosen on PolNeAR train, where gold content
# starts after the inner verb more often than at "to" ("seem" and "appear" go both ways).
RAISING_VERBS = {"continue", "tend", "attempt"}


def _raised(verb: Token) -> Token | None:
    """The inner verb of "continue to insist": the xcomp after a raising verb."""
    if verb.lemma_ not in RAISING_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)


def _cue_extent(verb: Token) -> tuple[int, int]:
    """The verb plus the auxiliaries, negation and light adverbs right before it, and a
    particle right after ("pointed out"); after a raising verb, that verb too ("continues
    to insist")."""
    if verb.dep_ == "xcomp" and _raised(verb.head) == verb:
        return _cue_extent(verb.head)[0], _cue_extent_of(verb)[1]
    return _cue_extent_of(verb)


def _cue_extent_of(verb: Token) -> tuple[int, int]:
    start = verb.i
    doc = verb.doc
    while start > 0:
        prev = doc[start - 1]
        if prev.head == verb and (
            prev.dep_ in {"aux", "auxpass", "neg"}
            or (prev.dep_ == "advmod" and (prev.lower_ in CUE_PREFIX_ADVERBS or prev.tag_ == "RB"))
        ):
            start -= 1
        else:
            break
    end = verb.i + 1
    if end < len(doc) and doc[end].dep_ == "prt" and doc[end].head == verb:
        end += 1
    if end < len(doc) and doc[end].text == ":":
        end += 1  # "said:" introduces what follows; the colon is part of the cue
    return start, end


def _pieces_of(token: Token, exclude: set[int]) -> list[tuple[int, int]]:
    """The token's subtree without the excluded tokens, as its maximal contiguous runs:
    "Within marriages, they said, women now have ..." is one content in two pieces."""
    keep = sorted({t.i for t in token.subtree} - exclude)
    runs: list[tuple[int, int]] = []
    for i in keep:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    pieces = [_trim(token.doc, s, e) for s, e in runs]
    return [p for p in pieces if p and any(not t.is_punct for t in token.doc[p[0] : p[1]])]


def _span_of(token: Token, exclude: set[int]) -> tuple[int, int] | None:
    """The token's subtree without the excluded tokens: the contiguous run around the token,
    so an excluded phrase at the edge ("..., according to X.") cuts the span there."""
    keep = {t.i for t in token.subtree} - exclude
    if token.i not in keep:
        return _trim(token.doc, *_subtree_extent(token, exclude))
    start = end = token.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    return _trim(token.doc, start, end + 1)


PREP_COMPLEMENTS = {"about", "for", "of", "on", "against", "to", "at", "over"}


def _prep_complement(verb: Token) -> Token | None:
    """The preposition right after the verb (a particle or adverb may sit between) that takes
    the verb's content as its object."""
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in PREP_COMPLEMENTS
            and 0 < child.i - verb.i <= 2
            and any(g.dep_ in {"pobj", "pcomp"} for g in child.children)
        ):
            return child
    return None


def _sentence_before_cue(verb: Token, subject: Token) -> list[tuple[int, int]]:
    """ "..., nothing you can do folks," Trump said. — when the source and cue close the
    sentence after a comma, what precedes the comma is the content, however it was parsed."""
    sent = verb.sent
    block = {t.i for t in subject.subtree} | set(range(*_cue_extent(verb)))
    first = min(block)
    if any(not t.is_punct and t.i not in block for t in sent if t.i > first):
        return []
    before = first - 1
    while before >= sent.start and sent.doc[before].is_quote:
        before -= 1
    if before <= sent.start or sent.doc[before].text not in {",", "?", "!", "—", "..."}:
        return []
    span = _trim(sent.doc, sent.start, before + 1)
    return [span] if span else []


# Prepositions after a cue's object that PolNeAR counts as part of the content: "described
# the handling as ...", "criticized Manafort for accusing ...", "accused Clinton of ...".
# Chosen on train ("in" and "on" mostly mark where or when, not what).
OBJECT_PREPS = {"as", "for", "of", "from", "with", "over", "about", "against", "to"}


def _controller(verb: Token, complement: Token) -> Token | None:
    """The object that is the subject of a "to" complement: "party leaders" in "urged party
    leaders to turn away"."""
    if complement.dep_ != "xcomp":
        return None
    return next((o for o in verb.children if o.dep_ == "dobj" and o.i < complement.i), None)


def verb_rule(verb: Token, lexicon: Lexicon) -> Candidate | None:
    """A reporting or belief verb with its subject and complement.

    "Torraco told ABC News that her client ..." -> source Torraco, cue told, addressee ABC News,
    content "that her client ...".
    """
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    inner = _raised(verb)
    if inner is not None and lexicon.verb_category(inner.lemma_) is not None:
        return None  # "continue to insist": the inner verb's rule takes both
    category = lexicon.verb_category(verb.lemma_)
    if category is None:
        return None
    cue = _cue_extent(verb)
    cue_tokens = set(range(*cue))
    content_heads = [c for c in verb.children if c.dep_ in CLAUSAL and c.dep_ != "csubj"]
    addressee: tuple[int, int] | None = None
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    if category == "addressee" and objects and (content_heads or verb.lemma_ == "tell"):
        addressee = _span_of(objects[0], cue_tokens)
        objects = objects[1:]
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to" and category != "other":
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj and addressee is None and verb.lemma_ in {"say", "write", "explain", "tell"}:
                addressee = _span_of(pobj[0], cue_tokens)
    parataxis_head = verb.head if verb.dep_ == "parataxis" and verb.head.i != verb.i else None
    content: list[tuple[int, int]] = []
    exclude = set(cue_tokens)
    if content_heads:
        for head in content_heads:
            span = _span_of(head, exclude)
            controller = _controller(verb, head)
            if span and controller is not None:
                # "urged party leaders to turn away from ...": PolNeAR's content starts at
                # the one urged (who is also the addressee).
                span = (min(span[0], _subtree_extent(controller, exclude)[0]), span[1])
            if span:
                content.append(span)
    elif parataxis_head is not None:
        # “We will appeal,” the mayor said. — the quote is the head, the cue its parenthetical.
        exclude |= {t.i for t in verb.subtree}
        content.extend(_pieces_of(parataxis_head, exclude))
    elif objects and verb.lemma_ not in {"ask", "tell"}:
        obj = objects[0]
        start, end = _subtree_extent(obj, exclude)
        if obj.i < verb.i and obj.tag_ in {"WP", "WDT"} and any(
            c.dep_ == "oprd" for c in verb.children
        ):
            # "what the network called the “safety culture”": the name given is the content.
            start = verb.i + 1
        # "described the handling as “complacent”": the object's predicate belongs with it.
        for child in verb.children:
            if (
                child.dep_ in {"oprd", "prep", "advcl"}
                and child.i > obj.i
                and (child.dep_ == "oprd" or child.lower_ in OBJECT_PREPS)
            ):
                end = max(end, _subtree_extent(child, exclude)[1])
        span = _trim(verb.doc, start, end)
        if span:
            content.append(span)
    if not content and (prep := _prep_complement(verb)) is not None:
        # "called for a ban", "referring to the memo": the preposition belongs to the cue.
        cue = (cue[0], max(cue[1], prep.i + 1))
        span = _span_of(next(c for c in prep.children if c.dep_ in {"pobj", "pcomp"}),
                        set(range(*cue)))
        if span:
            content.append(span)
    subject = _subject(verb)
    if not content and subject is not None and category != "other":
        content = _sentence_before_cue(verb, subject) or [
            (c.i, c.i + 1) for c in verb.children if c.dep_ == "intj"
        ]
    if not content and (category == "other" or subject is None):
        return None
    source: tuple[int, int] | None = None
    if subject is not None and subject.dep_ != "expl":
        source = _span_of(subject, exclude)
    elif (agent := _agent(verb)) is not None:
        source = _span_of(agent, exclude)
    if source and any(s[0] <= source[0] < s[1] for s in content):
        source = None
    return Candidate(
        cue=[cue],
        content=content,
        source=source,
        addressee=addressee,
        category="other" if category == "other" else "speech",
        rule="verb",
    )


def according_to_rule(token: Token) -> Candidate | None:
    """ "According to X, Y." -> source X, cue "according to", content Y."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        to = nxt if nxt is not None and nxt.lower_ == "to" else None
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase = {t.i for t in token.subtree} | {t.i for t in to.subtree} | {token.i, to.i}
    source = _span_of(pobj, {token.i, to.i})
    head = token.head if token.head.i != token.i else None
    if head is None:
        return None
    clause = head
    while clause.dep_ in {"prep", "pobj", "advmod"} and clause.head.i != clause.i:
        clause = clause.head
    content = _pieces_of(clause, phrase)
    stray = _stray_subject(pobj, clause)
    if stray is not None and source is not None:
        # "According to the Budget Office, a shutdown ... would reduce growth": the parser
        # hangs the clause's subject on the source as an apposition.
        subject = _subtree_extent(stray)
        source = _trim(token.doc, source[0], subject[0])
        content = [(subject[0], max(e for _, e in content))] if content else []
    if not content:
        return None
    return Candidate(cue=[(token.i, to.i + 1)], content=content, source=source,
                     rule="according_to")


def _stray_subject(pobj: Token, clause: Token) -> Token | None:
    """The apposition on an "according to" object that is really the subject of the clause
    it modifies: the clause has no subject of its own and the apposition ends right before
    the clause's verb group."""
    if clause.pos_ not in {"VERB", "AUX"} or any(c.dep_ in SUBJECTS for c in clause.children):
        return None
    appos = next((c for c in pobj.children if c.dep_ == "appos" and c.i > pobj.i), None)
    if appos is None or appos.right_edge.i >= clause.i:
        return None
    between = clause.doc[appos.right_edge.i + 1 : clause.i]
    verb_group = all(t.head.i == clause.i and t.dep_ in CUE_PREFIX_DEPS for t in between)
    return appos if verb_group else None


def noun_rule(noun: Token, lexicon: Lexicon) -> Candidate | None:
    """ "the actor's assertion that he did not ..." -> source the actor, cue assertion."""
    if noun.pos_ != "NOUN" or lexicon.noun_category(noun.lemma_) is None:
        return None
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in {"acl", "ccomp", "relcl"}
            and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)
        ),
        None,
    )
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if clause is None:
        # "Trump's support for the wall", "his decision to run": a prepositional or
        # infinitival complement is the content when someone owns the noun.
        if poss is None:
            return None
        clause = next(
            (c for c in noun.children
             if (c.dep_ == "prep" and c.lower_ in PREP_COMPLEMENTS and c.i > noun.i
                 and any(g.dep_ in {"pobj", "pcomp"} for g in c.children))
             or (c.dep_ == "acl" and any(g.lower_ == "to" for g in c.children))),
            None,
        )
        if clause is None:
            return None
        if clause.dep_ == "prep":
            clause = next(g for g in clause.children if g.dep_ in {"pobj", "pcomp"})
    content = _span_of(clause, {noun.i})
    if content is None:
        return None
    source = None
    if poss is not None:
        tokens = [t for t in poss.subtree if t.dep_ != "case"]
        source = _trim(noun.doc, *_extent(tokens))
    category = "other" if lexicon.noun_category(noun.lemma_) == "other" else "speech"
    return Candidate(
        cue=[(noun.i, noun.i + 1)],
        content=[content],
        source=source,
        category=category,
        rule="noun",
    )


def as_put_it_rule(verb: Token) -> Candidate | None:
    """ "..., as X put it." -> source X, cue "put it", content the clause it modifies."""
    if verb.lemma_ not in {"put", "say"} or verb.dep_ != "advcl":
        return None
    if not any(c.lower_ == "as" and c.dep_ == "mark" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    head = verb.head
    exclude = {t.i for t in verb.subtree}
    content = _span_of(head, exclude)
    if content is None or subject is None:
        return None
    end = verb.i + 1
    if end < len(verb.doc) and verb.doc[end].lower_ == "it":
        end += 1
    return Candidate(
        cue=[(verb.i, end)],
        content=[content],
        source=_span_of(subject, set()),
        rule="as_put_it",
    )


LABELS = set(
    "photo photos image video watch update updated related caption credit source sources note "
    "correction advertisement listen read more see also editor subscribe share follow".split()
)


def colon_rule(colon: Token, sent: Span) -> Candidate | None:
    """ "Wash Post Fact-Check: If Obama Says It, It's True" -> source the noun phrase before
    the colon, cue the colon, content what follows. A verb before the colon ("He said:") is
    the verb rule's business."""
    if colon.text != ":" or colon.i == sent.start:
        return None
    left = sent.doc[sent.start : colon.i]
    right = sent.doc[colon.i + 1 : sent.end]
    if not 1 <= len(left) <= 8 or len([t for t in right if not t.is_punct]) < 3:
        return None
    if any(t.pos_ in {"VERB", "AUX"} for t in left) or not any(
        t.pos_ in {"PROPN", "NOUN"} for t in left
    ):
        return None
    if len(left) == 1 and left[0].lower_ in LABELS:
        return None  # "Photo:", "Update:", "Watch:" label what follows; nobody says it
    source = _trim(sent.doc, left.start, left.end)
    content = _trim(sent.doc, right.start, right.end)
    if source is None or content is None:
        return None
    return Candidate(cue=[(colon.i, colon.i + 1)], content=[content], source=source, rule="colon")


def sentence_candidates(sent: Span, lexicon: Lexicon) -> Iterator[Candidate]:
    for token in sent:
        candidate = (
            colon_rule(token, sent)
            or according_to_rule(token)
            or as_put_it_rule(token)
            or verb_rule(token, lexicon)
            or noun_rule(token, lexicon)
        )
        if candidate is not None:
            yield candidate
