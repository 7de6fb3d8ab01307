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
# Verbs of appearance: PolNeAR marks "Clinton seemed irritated" as an attribution without a
# source whose content is the whole clause, cue included.
RAISING = {"seem", "appear", "sound"}
# Verbs of phase: "continues to grow" attributes nothing, "continued to insist" is one cue.
ASPECTUAL = {"continue", "begin", "start", "keep", "go", "try", "tend", "attempt"}
# Punctuation that ends a quotation before its "..., X said." tail.
QUOTE_CLOSERS = {",", "?", "!", "—", "..."}
# Verbs that make their object the one who does what the complement says ("led some allies
# to worry", "forced Trump to respond"); not "used his speech to call for", where the
# subject still speaks, nor the verbs of speech themselves ("urged X to"), which are cues.
OBJECT_CONTROL = {
    "lead", "leave", "force", "prompt", "require", "convince", "persuade", "cause", "push",
    "drive", "spur", "compel", "inspire", "allow", "permit", "enable", "free", "empower",
}  # fmt: skip
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
    while end > start and (
        (
            doc[end - 1].is_punct
            and not doc[end - 1].is_quote
            and (doc[end - 1].text not in {".", "?", "!"} or end - 1 == start)
        )
        # "had slowed to 12%, and warned ...": the conjunction hangs on the first clause.
        or doc[end - 1].dep_ == "cc"
    ):
        end -= 1
    end = _balance_quotes(doc, start, end)
    return (start, end) if end > start else None


def _subtree_extent(token: Token, exclude: set[int] | None = None) -> tuple[int, int]:
    tokens = [t for t in token.subtree if not exclude or t.i not in exclude]
    return _extent(tokens or [token])


def _subject(verb: Token) -> Token | None:
    """The verb's subject, looking up through conjunctions and auxiliary chains."""
    aside = _asked_aside(verb.head) if verb.head.i != verb.i else None
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
            and not any(c.dep_ in {"aux", "auxpass"} for c in node.children)
        ):
            return None  # "Asked if he was bullied, Trump said no": Trump was asked, not asking
        controller = _object_controller(node)
        if controller is not None:
            return controller
        if _repeated_in_own_complement(node):
            # "He said the attacks had helped and said that ...": the parser hangs the second
            # "said" on the first one's clause; the one who said it twice is the subject.
            node = node.head.head
        elif node.dep_ in {"conj", "xcomp", "advcl"} and node.head.i != node.i:
            node = node.head
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.i != node.i:
            node = node.head.head  # "... before saying": the subject of the main clause
        else:
            return None
    return None


def _repeated_in_own_complement(verb: Token) -> bool:
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


def _object_controller(node: Token) -> Token | None:
    """The object that a complement is about: "has led some allies to worry", "would require
    Republicans to recognize", "left voters wondering" — the allies worry, not the decline
    that led them to."""
    if node.dep_ != "xcomp" or node.head.i == node.i or node.head.lemma_ not in OBJECT_CONTROL:
        return None
    return next((o for o in node.head.children if o.dep_ == "dobj" and o.i < node.i), None)


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _cue_extent(verb: Token) -> tuple[int, int]:
    """The verb plus the auxiliaries, negation and light adverbs right before it, and a
    particle right after ("pointed out"); after a raising or aspectual verb, that verb too
    ("seemed to blame", "is continuing to insist")."""
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
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ in RAISING | ASPECTUAL and head.i < verb.i:
        head_cue = _cue_extent(head)
        if head_cue[1] == start:
            start = head_cue[0]  # "seemed to blame", "went on to say": one cue
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
    return [
        p
        for p in pieces
        if p and any(not (t.is_punct or t.is_space) for t in token.doc[p[0] : p[1]])
    ]


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
    doc = sent.doc
    cue = _cue_extent(verb)
    block = {t.i for t in subject.subtree} | set(range(*cue))
    first = min(block)
    before = first - 1
    while before >= sent.start and doc[before].is_quote:
        before -= 1
    start = sent.start
    if before < sent.start:
        # "Sanders asked." parsed as a sentence of its own after the quotation it closes.
        before, start = _quote_before_sentence(sent)
        if before < 0:
            return []
    elif before == sent.start or doc[before].text not in QUOTE_CLOSERS:
        return []
    if before < first - 1 and doc[cue[1] - 1].text != ":":
        # A closed quotation before the comma is speech even when the verb goes on with its
        # own modifiers ("said in an interview", "told reporters", "asked when ...").
        block |= {t.i for t in verb.subtree if t.i > first}
    # The paragraph break the parser leaves at the sentence's end is not a word after the cue.
    if any(not (t.is_punct or t.is_space) and t.i not in block for t in sent if t.i > first):
        return []
    span = _trim(doc, start, before + 1)
    return [span] if span else []


# Prepositions after a cue's object that PolNeAR counts as part of the content: "described
# the handling as ...", "criticized Manafort for accusing ...", "accused Clinton of ...".
# Chosen on train ("in" and "on" mostly mark where or when, not what).
OBJECT_PREPS = {"as", "for", "of", "from", "with", "over", "about", "against", "to"}


def _reporting_asides(clause: Token, lexicon: Lexicon) -> set[int]:
    """Tokens of participles of reporting inside a clause ("he plans to preview a strategy,
    insisting that ..."): the participle is an attribution of its own, not more of this
    one's content."""
    return {
        t.i
        for c in clause.subtree
        if c.i != clause.i
        and _participle_aside(c.head, c)
        and lexicon.verb_category(c.lemma_) is not None
        for t in c.subtree
    }


def _anonymity_purpose(verb: Token) -> bool:
    """ "speaking on condition of anonymity to describe private conversations", "who were not
    authorized to discuss it": why a source is unnamed, not something anyone said."""
    if verb.dep_ not in {"advcl", "xcomp", "acl", "relcl"} or verb.head.i == verb.i:
        return False
    head = verb.head
    if head.lemma_ == "authorize":
        return True
    return any(t.lower_ == "anonymity" for t in head.subtree if t.i < verb.i)


def _participle_aside(verb: Token, clause: Token) -> bool:
    """ "..., speaking on condition of anonymity", "..., citing the report": a participle
    after the verb and a comma adds to the sentence; it is not the verb's complement."""
    return (
        clause.dep_ in {"xcomp", "advcl"}
        and clause.tag_ in {"VBG", "VBN"}
        and clause.i > verb.i
        and _set_off(clause)
    )


def _set_off(clause: Token) -> bool:
    """A clause after a comma: an aside on the sentence, not the verb's complement."""
    first = clause.left_edge.i
    return first > 0 and clause.doc[first - 1].text == ","


ASKED = {"ask", "press", "question"}
_ASIDE_OPENERS = {"when", "if", "after", "while", "being"}


def _asked_aside(verb: Token) -> tuple[Token, int | None] | None:
    """The noun that a participle of asking set off by commas describes, and the comma that
    closes the aside when the parser made the sentence's verb part of it: "Delaney, asked about
    the remark, laughed", "The mayor, when asked whether she would run, declined": Delaney and
    the mayor were asked, and the sentence's verb is theirs. The small parser often makes
    "asked" the noun's own verb and the real verb its complement (the comma is then known);
    read right, "asked" modifies the noun (no comma to give)."""
    if verb.lemma_ not in ASKED or verb.tag_ not in {"VBD", "VBN"}:
        return None
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ != "being" for c in verb.children):
        return None
    doc = verb.doc
    i = verb.i - 1
    while i > 0 and doc[i].lower_ in _ASIDE_OPENERS:
        i -= 1
    if i < 1 or doc[i].text != ",":
        return None
    if verb.dep_ in {"relcl", "acl"} and verb.head.i == i - 1:
        return verb.head, None
    noun = next((c for c in verb.children if c.dep_ == "nsubj" and c.i == i - 1), None)
    end = _aside_end(verb) if noun is not None else None
    return (noun, end) if noun is not None and end is not None else None


def _aside_end(verb: Token) -> int | None:
    """The comma that closes an aside of asking, if one does in the sentence."""
    depth = 0
    for t in verb.doc[verb.i + 1 : verb.sent.end]:
        if t.is_quote:
            depth ^= 1
        elif t.text == "," and not depth:
            return t.i
    return None


def _controller(verb: Token, complement: Token) -> Token | None:
    """The object that is the subject of a "to" complement: "party leaders" in "urged party
    leaders to turn away", "Sanders" in "called on Sanders to do the same"."""
    if complement.dep_ != "xcomp" or _set_off(complement):
        return None  # "told aides ..., speaking on condition of anonymity": no one is urged
    for o in verb.children:
        if o.i > complement.i:
            break
        if o.dep_ == "dobj":
            return o
        if o.dep_ == "prep" and o.lower_ in {"on", "upon"} and o.i == verb.i + 1:
            pobj = next((g for g in o.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _called_on(verb: Token, cue: tuple[int, int]) -> tuple[int, int]:
    """ "called on X to resign": PolNeAR's cue takes the preposition (36 to 5 on train)."""
    nxt = verb.i + 1
    if (
        verb.lemma_ in {"call", "prevail"}
        and nxt < len(verb.doc)
        and verb.doc[nxt].lower_ in {"on", "upon"}
        and verb.doc[nxt].head == verb
        and cue[1] == nxt
    ):
        return cue[0], nxt + 1
    return cue


def _quote_before_sentence(sent: Span) -> tuple[int, int]:
    """The last token before the closing mark of a quotation that ends (with , ? ! —) right
    before this sentence in the same paragraph, and the start of the sentence it ends;
    (-1, -1) when there is none."""
    doc = sent.doc
    i = sent.start - 1
    while i >= 0 and doc[i].is_space and "\n" not in doc[i].text:
        i -= 1
    if i < 1 or not doc[i].is_quote:
        return -1, -1
    while i >= 1 and doc[i].is_quote:
        i -= 1
    if doc[i].text not in QUOTE_CLOSERS:
        return -1, -1
    return i, doc[i].sent.start


def _source_span(head: Token, exclude: set[int]) -> tuple[int, int] | None:
    """The source noun phrase without a participle set off by a comma ("The poll, released on
    Wednesday, found ..."): PolNeAR keeps appositives in the source but not such asides."""
    doc = head.doc
    aside = {
        t.i
        for c in head.rights
        if (c.dep_ == "acl" and c.i > 0 and doc[c.left_edge.i - 1].text in {",", "—", "("})
        or ((asked := _asked_aside(c)) is not None and asked[0].i == head.i)
        for t in c.subtree
    }
    # "Even Republicans said ...": the focus adverb is not part of who spoke (46 to 8 on train).
    focus = {c.i for c in head.lefts if c.lower_ == "even" and c.i == head.left_edge.i}
    return _span_of(head, exclude | aside | focus)


def _colon_between(clause: Token, verb: Token) -> bool:
    """ "Even supporters sounded equivocal: Harman called it ...", "Ellis said she would
    propose a raise; Moreno said ..." — a clause before a colon or a semicolon is a sentence
    of its own, whatever the parser hung it on."""
    return clause.i < verb.i and any(
        t.text in {":", ";"} for t in verb.doc[clause.right_edge.i + 1 : verb.i]
    )


def _complement_on_a_noun(verb: Token) -> Token | None:
    """ "told reporters after the debate that the mayor had dodged every question": the
    small parser makes the that-clause a relative clause of "debate". It is a complement
    when "that" cannot be the relative pronoun: it is a complementizer, or the clause has
    its own subject and its own object."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for noun in prep.children:
            for clause in noun.children:
                if clause.dep_ != "relcl" or clause.left_edge.lower_ != "that":
                    continue
                that = clause.left_edge
                deps = [c.dep_ for c in clause.children if c.i != that.i]
                if that.dep_ == "mark" or (
                    that.dep_ == "dobj" and "nsubj" in deps and "dobj" in deps
                ):
                    return clause
    return None


def _raising_candidate(verb: Token, cue: tuple[int, int], lexicon: Lexicon) -> Candidate | None:
    """ "Ms. Kelly seemed certain to leave." -> no source, cue seemed, content the clause.
    "Cruz seemed to blame the network" is the inner verb's attribution instead."""
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if xcomp is not None and xcomp.pos_ == "VERB" and lexicon.verb(xcomp.lemma_) is not None:
        return None
    if not any(c.dep_ in {"xcomp", "acomp", "attr", "prep", "oprd"} for c in verb.children):
        return None
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    # The clause without what is joined to it ("... and seemed to take hope") or heads it.
    outside = {
        t.i
        for c in verb.children
        if c.dep_ in {"conj", "cc", "mark"} or (c.dep_ == "advcl" and c.i < verb.i)
        for t in c.subtree
    }
    content = _span_of(verb, outside)
    if content is None:
        return None
    return Candidate(cue=[cue], content=[content], category="other", rule="raising")


def _cue_with_modifier(
    verb: Token, cue: tuple[int, int], content: list[tuple[int, int]]
) -> tuple[int, int]:
    """PolNeAR's cue takes the modifier right after the verb in two frequent shapes: a day
    after a quote ("...," he said Tuesday.) and an adverb before the content ("said
    repeatedly that ...")."""
    if cue[1] >= len(verb.doc):
        return cue
    nxt = verb.doc[cue[1]]
    if nxt.head.i != verb.i:
        return cue
    after = all(s >= cue[1] for s, _ in content)
    before = all(e <= cue[0] for _, e in content)
    if (nxt.dep_ == "npadvmod" and before) or (nxt.dep_ == "advmod" and after):
        end = nxt.right_edge.i + 1
        if not any(s < end for s, _ in content if s >= cue[1]):
            return cue[0], end
    return cue


def _colon_after(phrase: Token) -> bool:
    """ "posted on X: ..." — the phrase names where it was said; what follows the colon is
    what was said."""
    end = phrase.right_edge.i + 1
    return end < len(phrase.doc) and phrase.doc[end].text == ":"


def _that_clause(noun: Token) -> Token | None:
    return next(
        (
            c
            for c in noun.children
            if c.dep_ in {"acl", "ccomp", "relcl"}
            and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)
        ),
        None,
    )


def _medium_clause(verb: Token) -> Token | None:
    """ "said in a statement that the leader remains confident": the parser hangs the clause
    on the statement; it is what the verb reports."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i > verb.i:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (clause := _that_clause(pobj)) is not None:
                    return clause
    return None


def _passive_subject(verb: Token, content_heads: list[Token]) -> Token | None:
    """The subject of a passive cue whose content is a complement ("is expected to ...",
    "is considered unclean", "was described as ..."), not a clause ("was told that ...")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or any(h.dep_ == "ccomp" for h in content_heads):
        return None
    complement = any(h.dep_ == "xcomp" for h in content_heads) or any(
        c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children
    )
    return subject if complement else None


def _expletive(subject: Token, verb: Token) -> bool:
    """A subject that stands for no one: the parser's expletive, and the "it" of a verb of
    appearance, which the small model reads as a plain subject."""
    return subject.dep_ == "expl" or (subject.lower_ == "it" and verb.lemma_ in RAISING)


def _source_of(verb: Token, subject: Token | None, exclude: set[int]) -> tuple[int, int] | None:
    """Who speaks: the subject, unless it stands for no one ("It appears that ...", "it seems
    like ...": nobody is said to appear, 25 of 26 on train), else a passive's agent."""
    if subject is not None and not _expletive(subject, verb):
        return _source_span(subject, exclude)
    agent = _agent(verb)
    return _source_span(agent, exclude) if agent is not None else None


def _relativizer(token: Token) -> bool:
    return token.tag_ in {"WDT", "WP", "WP$"} or (token.lower_ == "that" and token.dep_ != "mark")


def verb_rule(verb: Token, lexicon: Lexicon) -> Candidate | None:
    """A reporting or belief verb with its subject and complement.

    "Torraco told ABC News that her client ..." -> source Torraco, cue told, addressee ABC News,
    content "that her client ...".
    """
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    category = lexicon.verb_category(verb.lemma_)
    if category is None:
        return None
    if _anonymity_purpose(verb):
        return None
    cue = _cue_extent(verb)
    if verb.lemma_ in ASPECTUAL and any(c.dep_ == "xcomp" for c in verb.children):
        return None  # the verb it governs is the cue, if any
    if verb.lemma_ in RAISING and not any(c.dep_ == "ccomp" for c in verb.children):
        return _raising_candidate(verb, cue, lexicon)
    cue = _called_on(verb, cue)
    cue_tokens = set(range(*cue))
    content_heads = [
        c
        for c in verb.children
        if c.dep_ in CLAUSAL
        and c.dep_ != "csubj"
        and not _colon_between(c, verb)
        and not _participle_aside(verb, c)
    ]
    if not content_heads and category != "other":
        misplaced = _complement_on_a_noun(verb)
        if misplaced is not None:
            content_heads.append(misplaced)
    if verb.lemma_ == "ask":
        # "asked if he was ready": the parser often reads the question as an adverbial clause.
        content_heads += [
            c
            for c in verb.children
            if c.dep_ == "advcl" and any(g.lower_ in {"if", "whether"} for g in c.children)
        ]
    addressee: tuple[int, int] | None = None
    asked, aside_end = _asked_aside(verb) or (None, None)
    if asked is not None:
        # "Delaney, asked about the remark, laughed": what follows the aside is not the question.
        if aside_end is not None:
            content_heads = [c for c in content_heads if c.i < aside_end]
        # The one asked is the noun phrase before the aside's opening comma.
        comma = max(t.i for t in verb.doc[asked.i : verb.i] if t.text == ",")
        addressee = _trim(verb.doc, asked.left_edge.i, comma)
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    if category == "addressee" and objects and (content_heads or verb.lemma_ == "tell"):
        addressee = _span_of(objects[0], cue_tokens)
        objects = objects[1:]
    told = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if category == "addressee" and told is not None and content_heads and addressee is None:
        # "The senator was told that the bill had failed": the one told is the addressee,
        # not the source (PolNeAR train gives no source in 8 of the 12 passive "told",
        # "warned", "informed" it annotates).
        addressee = _span_of(told, cue_tokens)
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
            span = _span_of(head, exclude | _reporting_asides(head, lexicon))
            controller = _controller(verb, head)
            if span and controller is not None:
                # "urged party leaders to turn away from ...": PolNeAR's content starts at
                # the one urged (who is also the addressee).
                span = (min(span[0], _subtree_extent(controller, exclude)[0]), span[1])
            if span:
                content.append(span)
            if verb.dep_ == "relcl" and span:
                # "emails, which she said represented all her work": the relative pronoun
                # belongs to what was said (PolNeAR starts the content there in 36 of 48
                # such clauses on train).
                moved = next((t for t in head.subtree if t.i < verb.i and _relativizer(t)), None)
                if moved is not None:
                    content.insert(0, (moved.i, moved.i + 1))
    elif parataxis_head is not None:
        # “We will appeal,” the mayor said. — the quote is the head, the cue its parenthetical.
        # "..., one of the people said, speaking on condition of anonymity": the aside
        # describes the source; it is not what was said.
        asides = {
            t.i
            for c in parataxis_head.children
            if c.i > verb.i and _participle_aside(parataxis_head, c)
            for t in c.subtree
        }
        content.extend(_pieces_of(parataxis_head, exclude | asides | {t.i for t in verb.subtree}))
    elif objects and (
        verb.lemma_ not in {"ask", "tell"} or (verb.lemma_ == "ask" and objects[0].pos_ == "NOUN")
    ):
        # "asked a question about police violence": the question is the content; a person
        # asked ("asked him") is not.
        obj = objects[0]
        start, end = _subtree_extent(obj, exclude)
        if (
            obj.i < verb.i
            and obj.tag_ in {"WP", "WDT"}
            and any(c.dep_ == "oprd" for c in verb.children)
        ):
            # "what the network called the “safety culture”": the name given is the content.
            start = end = verb.i + 1
        # "described the handling as “complacent”", "blamed Bush for the crash", "likened
        # the campaign to a car crash": the object's predicate belongs with it.
        for child in sorted(verb.children, key=lambda c: c.i):
            if (
                child.dep_ in {"oprd", "prep", "advcl"}
                and child.i > obj.i
                and (child.dep_ == "oprd" or child.lower_ in OBJECT_PREPS)
                and child.left_edge.i <= end + 1
            ):
                end = max(end, _subtree_extent(child, exclude)[1])
        span = _trim(verb.doc, start, end)
        if span:
            content.append(span)
    subject = _subject(verb) if asked is None else None
    if not content and subject is not None and category != "other":
        # '"We need it NOW!" Trump said on Twitter': the quotation before is what was said;
        # "on Twitter", "to a crowd", "at a hearing" only say where.
        content = _sentence_before_cue(verb, subject)
    prep = _prep_complement(verb) if not content else None
    if prep is not None and _colon_after(prep):
        # "posted on X: ...": where it was said joins the cue, the colon introduces the words.
        cue = (cue[0], max(cue[1], prep.right_edge.i + 2))
        exclude |= set(range(*cue))
    elif prep is not None:
        # "called for a ban", "referring to the memo": the preposition belongs to the cue.
        cue = (cue[0], max(cue[1], prep.i + 1))
        span = _span_of(
            next(c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), set(range(*cue))
        )
        if span:
            content.append(span)
    if not content and (clause := _medium_clause(verb)) is not None:
        span = _span_of(clause, exclude)
        if span:
            content.append(span)
    if not content and subject is not None and category != "other":
        # "said yes", "half said so", "So says a booming voice": a one-word stand-in content.
        content = [
            (c.i, c.i + 1)
            for c in verb.children
            if c.dep_ == "intj" or (c.dep_ == "advmod" and c.lower_ == "so")
        ]
    if not content and (category == "other" or subject is None):
        return None
    passive = _passive_subject(verb, content_heads) if category != "addressee" else None
    if passive is not None and all(s > passive.i for s, _ in content):
        # "Trump is expected to deliver a speech", "Pigs are considered unclean": what is
        # expected or considered is the subject with its complement (on PolNeAR train the
        # content wraps such a cue 107 times in 129); whoever expects is the agent, if named.
        content.insert(0, _subtree_extent(passive, exclude))
    source = _source_of(verb, subject, exclude)
    if source and any(s[0] <= source[0] < s[1] for s in content):
        source = None
    return Candidate(
        cue=[_cue_with_modifier(verb, cue, content)],
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
    source = _span_of(pobj, {token.i, to.i})
    head = token.head if token.head.i != token.i else None
    if head is None:
        return None
    clause = head
    # Up to the whole sentence it qualifies: "A happened, and B followed, according to X" is
    # attributed to X as a whole, though the parser hangs the phrase on the last conjunct.
    while clause.dep_ in {"prep", "pobj", "advmod", "conj"} and clause.head.i != clause.i:
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
    return Candidate(cue=[(token.i, to.i + 1)], content=content, source=source, rule="according_to")


# Nouns whose "in" phrase attributes a finding: "Trump leads by 8 points in the survey".
POLL_NOUNS = {"poll", "survey"}


def in_poll_rule(token: Token) -> Candidate | None:
    """ "Clinton led Sanders 56 percent to 32 percent in an early-October CBS News poll" ->
    source the poll, cue "in", content the finding (PolNeAR's reading; 54 such on train)."""
    if token.lower_ != "in" or token.dep_ != "prep" or token.head.i == token.i:
        return None
    pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in POLL_NOUNS or pobj.tag_ == "NNS":
        # "slid in the polls": polls in general are a standing, not a source (train: the
        # plural is an attribution 2 times in 50).
        return None
    clause = token.head
    if clause.pos_ not in {"VERB", "AUX"} or clause.dep_ in {"relcl", "acl"}:
        return None  # "the lead in the poll", "who leads in the poll": not a finding
    phrase = {t.i for t in token.subtree}
    content = _pieces_of(clause, phrase)
    source = _span_of(pobj, {token.i})
    if not content or source is None:
        return None
    return Candidate(cue=[(token.i, token.i + 1)], content=content, source=source, rule="in_poll")


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


def _noun_cue_extent(noun: Token, prep: Token | None) -> tuple[int, int]:
    """The noun with the modifiers right before it and the preposition right after it that
    introduces the content: PolNeAR marks "recent evidence-free assertion", "rejection of"."""
    doc = noun.doc
    start = noun.i
    while (
        start > 0
        and doc[start - 1].head.i == noun.i
        and doc[start - 1].dep_ in {"amod", "compound", "advmod", "nmod"}
    ):
        start -= 1
    end = noun.i + 1
    if prep is not None and prep.i == noun.i + 1:
        end = prep.i + 1
    return start, end


def noun_rule(noun: Token, lexicon: Lexicon) -> Candidate | None:
    """ "the actor's assertion that he did not ..." -> source the actor, cue assertion."""
    if noun.pos_ != "NOUN" or lexicon.noun_category(noun.lemma_) is None:
        return None
    light = _light_object(noun.head) if noun.dep_ == "dobj" else None
    if light is not None and light.i == noun.i and light_verb_rule(noun.head):
        return None  # "expressed concern that ...": one cue with its verb
    head = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else None
    if head is not None and lexicon.verb_category(head.lemma_) is not None:
        return None  # "said in a statement that ...": the verb's attribution (_medium_clause)
    clause = _that_clause(noun)
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    prep: Token | None = None
    if clause is None:
        # "Trump's support for the wall", "his decision to run": a prepositional or
        # infinitival complement is the content when someone owns the noun.
        if poss is None:
            return None
        clause = next(
            (
                c
                for c in noun.children
                if (
                    c.dep_ == "prep"
                    and c.lower_ in PREP_COMPLEMENTS
                    and c.i > noun.i
                    and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)
                )
                or (c.dep_ == "acl" and any(g.lower_ == "to" for g in c.children))
            ),
            None,
        )
        if clause is None:
            return None
        if clause.dep_ == "prep":
            prep = clause
            clause = next(g for g in clause.children if g.dep_ in {"pobj", "pcomp"})
    cue = _noun_cue_extent(noun, prep)
    content = _span_of(clause, set(range(*cue)))
    if content is None:
        return None
    source = None
    if poss is not None:
        tokens = [t for t in poss.subtree if t.dep_ != "case"]
        source = _trim(noun.doc, *_extent(tokens))
    category = "other" if lexicon.noun_category(noun.lemma_) == "other" else "speech"
    return Candidate(
        cue=[cue],
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


# "made it clear that", "made plain", "made known": the adjective is part of the cue.
MADE_ADJECTIVES = {"clear", "plain", "known"}
_MADE_CONTENT = {"ccomp", "advcl", "csubj", "xcomp", "dobj", "nsubj"}


def made_clear_rule(verb: Token) -> Candidate | None:
    """ "She made it clear that she would run" -> source She, cue "made it clear", content
    "that she would run"; "has made clear her opposition to the deal" the same way (PolNeAR's
    cue runs through the adjective in all 28 such attributions on train)."""
    if verb.lemma_ != "make" or verb.pos_ not in {"VERB", "AUX"}:
        return None
    adj = next((c for c in verb.rights if c.lower_ in MADE_ADJECTIVES), None)
    if adj is None:
        return None
    between = verb.doc[verb.i + 1 : adj.i]
    # Only "it" and degree adverbs between: "made their opposition clear" is another shape.
    if any(t.lower_ != "it" and t.dep_ != "advmod" for t in between):
        return None
    cue = (_cue_extent(verb)[0], adj.i + 1)
    cue_tokens = set(range(*cue))
    content: list[tuple[int, int]] = []
    addressee: tuple[int, int] | None = None
    for child in sorted([*adj.children, *verb.children], key=lambda c: c.i):
        if child.i <= adj.i:
            continue
        if child.dep_ in _MADE_CONTENT and (span := _span_of(child, cue_tokens)):
            content.append(span)
        elif child.dep_ == "prep" and child.lower_ == "to" and addressee is None:
            told = next((g for g in child.children if g.dep_ == "pobj"), None)
            addressee = _span_of(told, cue_tokens) if told is not None else None
    if not content:
        return None
    return Candidate(
        cue=[cue],
        content=content,
        source=_source_of(verb, _subject(verb), cue_tokens),
        addressee=addressee,
        category="speech",
        rule="made_clear",
    )


# "expressed concern that", "took issue with", "issued a statement saying": a verb that only
# carries the noun after it; the two are one cue.
LIGHT_VERBS = {"express", "voice", "raise", "take", "issue", "offer"}
LIGHT_NOUNS = {
    "concern", "support", "confidence", "doubt", "frustration", "question", "issue",
    "opposition", "skepticism", "scepticism", "optimism", "hope", "regret", "dismay",
    "disappointment", "anger", "outrage", "sympathy", "condolence", "praise", "criticism",
    "statement", "objection", "reservation", "alarm", "fear", "interest",
}  # fmt: skip
_LIGHT_PREPS = {"about", "with", "for", "over", "of", "on", "regarding", "in", "at"}


def _light_object(verb: Token) -> Token | None:
    if verb.lemma_ not in LIGHT_VERBS or verb.pos_ not in {"VERB", "AUX"}:
        return None
    return next(
        (c for c in verb.rights if c.dep_ == "dobj" and c.lemma_.lower() in LIGHT_NOUNS), None
    )


def light_verb_rule(verb: Token) -> Candidate | None:
    """ "She expressed concern that the bill would fail" -> cue "expressed concern", content
    "that the bill would fail"; "took issue with the report" -> cue "took issue with";
    "issued a statement saying it would appeal" -> cue "issued a statement saying" (PolNeAR's
    cue takes the noun in 54 of the 78 such attributions on train)."""
    noun = _light_object(verb)
    if noun is None:
        return None
    start = _cue_extent(verb)[0]
    said: Token | None = None
    prep: Token | None = None
    clause = _that_clause(noun) or next(
        (c for c in verb.children if c.dep_ == "ccomp" and c.i > noun.i), None
    )
    if clause is None:
        said = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBG"), None)
        if said is not None:
            # "a statement saying it would appeal": the participle ends the cue.
            clause = next((c for c in said.children if c.dep_ in {"ccomp", "dobj"}), None)
    if clause is None and said is None:
        # "took issue with": the parser may hang the preposition on the verb.
        prep = next(
            (
                c
                for c in [*noun.rights, *verb.rights]
                if c.dep_ == "prep"
                and c.lower_ in _LIGHT_PREPS
                and (c.head.i == noun.i or c.i == noun.i + 1)
            ),
            None,
        )
        clause = (
            next((g for g in prep.children if g.dep_ in {"pobj", "pcomp"}), None) if prep else None
        )
    if clause is None:
        return None
    end = (said or prep or noun).i + 1
    cue_tokens = set(range(start, end))
    content = _span_of(clause, cue_tokens)
    if content is None or content[0] < end:
        return None
    return Candidate(
        cue=[(start, end)],
        content=[content],
        source=_source_of(verb, _subject(verb), cue_tokens),
        category="speech",
        rule="light_verb",
    )


ADJECTIVE_PREPS = {"about", "of", "on"}


def _adjective_complement(adj: Token) -> tuple[Token, Token | None] | None:
    """The clause ("that ...") or the object of about/of/on that an attitude adjective takes,
    with the preposition when there is one."""
    for child in adj.children:
        if child.dep_ == "ccomp" and any(g.dep_ in {"nsubj", "nsubjpass"} for g in child.children):
            return child, None
        if child.dep_ == "prep" and child.lower_ in ADJECTIVE_PREPS:
            obj = next((g for g in child.children if g.dep_ in {"pobj", "pcomp"}), None)
            if obj is not None:
                return obj, child
    return None


def adjective_rule(adj: Token) -> Candidate | None:
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
    cue_start = _cue_extent(verb)[0]
    cue_end = (prep.i if prep is not None else adj.i) + 1
    content = _span_of(head, set(range(cue_start, cue_end)))
    if content is None or cue_start > adj.i:
        return None
    return Candidate(
        cue=[(cue_start, cue_end)],
        content=[content],
        source=_source_span(subject, set(range(cue_start, cue_end))),
        category="other",
        rule="adjective",
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
    if (len(left) == 1 and left[0].lower_ in LABELS) or left.root.lower_ in LABELS:
        # "Photo:", "Update:", "Editor's note:" label what follows; nobody says it.
        return None
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
            or in_poll_rule(token)
            or as_put_it_rule(token)
            or made_clear_rule(token)
            or light_verb_rule(token)
            or verb_rule(token, lexicon)
            or noun_rule(token, lexicon)
            or adjective_rule(token)
        )
        if candidate is not None:
            yield candidate
