"""Documents as sources: "the report said" speaks for whoever issued the report ("a statement
the district attorney's office released", "the FBI's report"), else for no one."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from onrecord.speakers.clusters import Cluster, Context, lemma
from onrecord.speakers.lexicon import shipped_words
from onrecord.speakers.phrases import same_nouns_after, same_nouns_before

DOCUMENT_KINDS = ("findings",)  # the kinds of document_kinds.txt

# Names that can issue a document. A place or a nationality modifying one says what it is
# about, not who wrote it: "a Florida poll", "a Texas law", "a Democratic memo".
ISSUER_LABELS = frozenset({"PERSON", "ORG", "FAC"})


def document_author(head: Token) -> Token | None:
    """Who issued a document noun: its possessor ("the FBI's report", "her statement"), its
    "by"/"from" phrase ("a statement from the White House") or the subject of a relative
    clause on it ("a statement the office released")."""
    for child in head.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if child.dep_ in ("relcl", "acl") and _makes(head, child):
            subj = next((g for g in child.children if g.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return subj
        if child.dep_ == "acl" and lemma(child) not in shipped_words("received_verbs"):
            agent = next((g for g in child.children if g.dep_ == "agent"), None)
            obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            if obj is not None:
                return obj
    return None


def _makes(document: Token, verb: Token) -> bool:
    """Whether a clause on a document noun can say who made it ("a statement the office
    released"): not a gerund, nor a clause past a headline's colon ("Poll: Clinton and
    Trump in dead heat heading into first debate", which the parser hangs on "Poll")."""
    between = document.doc[document.i + 1 : verb.i]
    return verb.tag_ != "VBG" and not any(t.text == ":" for t in between)


def named_issuer(ctx: Context, head: Token) -> Token | None:
    """A person's or an organisation's name written before a document noun, as its maker:
    "a Quinnipiac University poll", "a recent Reuters survey", "a Homeland Security memo";
    also a name the NER missed there that is an organisation the article names elsewhere
    or an acronym ("a POLITICO analysis", "FEC reports")."""
    for child in head.lefts:
        if child.dep_ not in ("compound", "nmod"):
            continue
        cluster = ctx.by_token.get(child.i)
        if cluster is not None and cluster.label in ISSUER_LABELS:
            return child
        if cluster is None and child.pos_ == "PROPN" and _organisation_word(ctx, child):
            return child
    return None


def _organisation_word(ctx: Context, token: Token) -> bool:
    """An untagged capitalised word naming an organisation: one the article names
    elsewhere, or an acronym ("FEC")."""
    if token.text.isupper() and len(token.text) > 1 and token.text.isalpha():
        return True
    words = (token.lower_,)
    return any(
        c.type == "organization" and any(n == words for n in c.names) for c in ctx.clusters
    )


def named_issuers(ctx: Context, document: Token) -> list[Cluster]:
    """Every name written before a document noun as its maker, in text order: "a New York
    Times/CBS News poll" is both papers'; "a new Washington Post-ABC News national poll"
    too, however the parser chains the names."""
    found: list[Cluster] = []
    modifiers = [c for c in document.lefts if c.dep_ in ("compound", "nmod", "poss")]
    for token in sorted((t for c in modifiers for t in c.subtree), key=lambda t: t.i):
        cluster = ctx.by_token.get(token.i)
        if cluster is not None and cluster.label in ISSUER_LABELS and cluster not in found:
            found.append(cluster)
    return found


def inner_document(ctx: Context, head: Token) -> Token | None:
    """The document a part or a bundle of documents belongs to, which says who issued it:
    "a footnote in the report", "a new batch of State Department emails"."""
    if lemma(head) not in shipped_words("document_kinds", "part"):
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "from"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and lemma(obj) in ctx.lex.nonagents:
                return obj
    return None


def issuer(ctx: Context, head: Token) -> Token | None:
    """Who issued a document noun, by its own phrase: ``document_author`` or a name before
    it (``named_issuer``)."""
    author = document_author(head)
    return author if author is not None else named_issuer(ctx, head)


def earlier_issuer(ctx: Context, head: Token) -> Token | None:
    """Who issued the document a definite document noun repeats: "according to the
    statement" after "the league said in a statement" is the league."""
    token = next(same_documents_before(ctx, head, DOCUMENT_SENTENCES), None)
    if token is None:
        return None
    author = issuer(ctx, token)
    if author is None and token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head  # "said in a statement": the sayer issued it
        author = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return author


# How far back "the poll" looks for the poll it repeats: a story on one poll names it in its
# lede and says "the poll" paragraphs later, its figures in between.
DOCUMENT_SENTENCES = 10
# How far on a document named without its issuer looks for it: the lede's "a poll shows"
# is the "Fox News poll" of the next sentence.
NEXT_SENTENCES = 2


def later_issuer(ctx: Context, head: Token) -> Token | None:
    """Who issued a document a headline or a lede names before saying whose it is: "Poll:
    Sanders Leads Clinton" or "For the first time, a poll shows ..." and then "A Fox News
    poll, conducted jointly with ..." is the Fox News poll."""
    for token in same_nouns_after(ctx, head, NEXT_SENTENCES, _kin(head)):
        author = issuer(ctx, token)
        if author is not None:
            return author
    return None


def _kin(head: Token) -> set[str]:
    nouns = {lemma(head)}
    for kind in DOCUMENT_KINDS:
        if lemma(head) in shipped_words("document_kinds", kind):
            nouns |= shipped_words("document_kinds", kind)
    return nouns


def same_documents_before(ctx: Context, head: Token, sentences: int) -> Iterator[Token]:
    """Earlier common nouns naming the same document as ``head``, nearest first, within
    ``sentences``: the same noun, or one of the same kind ("the study" after "a survey")."""
    return same_nouns_before(ctx, head, sentences, _kin(head))
