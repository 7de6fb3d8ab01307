"""Where a cue verb's content lies when it is not simply the verb's clausal complement: a
that-clause the parser hung on a noun, a quotation before "X said", a preposition's object
("called for a ban"), a clause hung on "in a statement", a passive's subject."""

from __future__ import annotations

from spacy.tokens import Span, Token

from onrecord.attribution.deps import PREP_OBJECTS, RELATIVE_TAGS
from onrecord.attribution.lexicon import CueLexicon
from onrecord.attribution.rules.candidate import Extent, pieces_of, trim
from onrecord.attribution.rules.clause import cue_extent, participle_aside, set_off, that_clause
from onrecord.wordlists import words

# Punctuation that ends a quotation before its "..., X said." tail.
QUOTE_CLOSERS = {",", "?", "!", "—", "..."}
# The preposition of "called on X to resign", "prevailed upon him to stay".
ON_UPON = frozenset({"on", "upon"})


def complement_on_a_noun(verb: Token) -> Token | None:
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


def colon_between(clause: Token, verb: Token) -> bool:
    """ "Even supporters sounded equivocal: Harman called it ...", "Ellis said she would
    propose a raise; Moreno said ..." — a clause before a colon or a semicolon is a sentence
    of its own, whatever the parser hung it on."""
    return clause.i < verb.i and any(
        t.text in {":", ";"} for t in verb.doc[clause.right_edge.i + 1 : verb.i]
    )


def reporting_asides(clause: Token, lexicon: CueLexicon) -> set[int]:
    """Tokens of participles of reporting inside a clause ("he plans to preview a strategy,
    insisting that ..."): the participle is an attribution of its own, not more of this
    one's content."""
    return {
        t.i
        for c in clause.subtree
        if c.i != clause.i
        and participle_aside(c.head, c)
        and lexicon.verb_category(c.lemma_) is not None
        for t in c.subtree
    }


def controller(verb: Token, complement: Token) -> Token | None:
    """The object that is the subject of a "to" complement: "party leaders" in "urged party
    leaders to turn away", "Sanders" in "called on Sanders to do the same"."""
    if complement.dep_ != "xcomp" or set_off(complement):
        return None  # "told aides ..., speaking on condition of anonymity": no one is urged
    for o in verb.children:
        if o.i > complement.i:
            break
        if o.dep_ == "dobj":
            return o
        if o.dep_ == "prep" and o.lower_ in ON_UPON and o.i == verb.i + 1:
            pobj = next((g for g in o.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def relativizer(token: Token) -> bool:
    """A relative pronoun or determiner ("which", "who"; "that" unless a complementizer)."""
    return token.tag_ in RELATIVE_TAGS or (token.lower_ == "that" and token.dep_ != "mark")


def quote_before_sentence(sent: Span) -> tuple[int, int]:
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


def sentence_before_cue(verb: Token, subject: Token) -> list[tuple[int, int]]:
    """ "..., nothing you can do folks," Trump said. — when the source and cue close the
    sentence after a comma, what precedes the comma is the content, however it was parsed."""
    sent = verb.sent
    doc = sent.doc
    cue = cue_extent(verb)
    block = {t.i for t in subject.subtree} | set(range(*cue))
    first = min(block)
    before = first - 1
    while before >= sent.start and doc[before].is_quote:
        before -= 1
    start = sent.start
    if before < sent.start:
        # "Sanders asked." parsed as a sentence of its own after the quotation it closes.
        before, start = quote_before_sentence(sent)
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
    span = trim(doc, start, before + 1)
    return [span] if span else []


def prep_complement(verb: Token) -> Token | None:
    """The preposition right after the verb (a particle or adverb may sit between) that takes
    the verb's content as its object."""
    for child in verb.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in words("prep_complements")
            and 0 < child.i - verb.i <= 2
            and any(g.dep_ in PREP_OBJECTS for g in child.children)
        ):
            return child
    return None


def colon_after(phrase: Token) -> bool:
    """ "posted on X: ..." — the phrase names where it was said; what follows the colon is
    what was said."""
    end = phrase.right_edge.i + 1
    return end < len(phrase.doc) and phrase.doc[end].text == ":"


def medium_clause(verb: Token) -> Token | None:
    """ "said in a statement that the leader remains confident": the parser hangs the clause
    on the statement; it is what the verb reports."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i > verb.i:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (clause := that_clause(pobj)) is not None:
                    return clause
    return None


def passive_subject(verb: Token, content_heads: list[Token]) -> Token | None:
    """The subject of a passive cue whose content is a complement ("is expected to ...",
    "is considered unclean", "was described as ..."), not a clause ("was told that ...")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or any(h.dep_ == "ccomp" for h in content_heads):
        return None
    complement = any(h.dep_ == "xcomp" for h in content_heads) or any(
        c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children
    )
    return subject if complement else None


def parataxis_content(verb: Token, exclude: set[int]) -> list[Extent]:
    """“We will appeal,” the mayor said. — the quote is the head, the cue its parenthetical.
    "..., one of the people said, speaking on condition of anonymity": the aside describes
    the source; it is not what was said."""
    head = verb.head
    asides = {
        t.i for c in head.children if c.i > verb.i and participle_aside(head, c) for t in c.subtree
    }
    return pieces_of(head, exclude | asides | {t.i for t in verb.subtree})
