"""Noun phrases as the article writes them: their determiner, their words, and earlier
mentions of the same noun."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Span, Token

from onrecord.speakers.clusters import Context, lemma
from onrecord.speakers.lexicon import shipped_words

EDGE_PUNCT = " \t\n,;:\"'“”‘’()[]-—–"
SENTENCE_CASED = frozenset({"DET", "NOUN", "ADJ", "NUM", "PRON"})  # not PROPN: "Democrats"
RECENT_SENTENCES = 2  # how far back "the actor" looks for the person it means


def determiners(kind: str) -> frozenset[str]:
    """The determiners of ``kind`` in ``determiners.txt``: "definite" ("the", "those"),
    "indefinite" ("a", "some"), "contrastive" ("other"), "partitive" ("one" of them)."""
    return shipped_words("determiners", kind)


def noun_phrase(head: Token) -> Span:
    """The head and what stands before it in its phrase ("some senior officials")."""
    return head.doc[head.left_edge.i : head.i + 1]


def text_of(span: Span | None, head: Token) -> str:
    """The source as written, trimmed; the head's phrase when there is no span. A capital
    that only marks the start of a sentence is dropped: "The campaign" -> "the campaign"."""
    phrase = span if span is not None else noun_phrase(head)
    # "A reviewer of the paper, who asked not to be named ..." is a reviewer of the paper.
    clause = next(
        (t for t in phrase if t.i > head.i and t.dep_ == "relcl" and t.left_edge.i > phrase.start),
        None,
    )
    if clause is not None:
        phrase = phrase.doc[phrase.start : clause.left_edge.i]
    text = phrase.text.strip(EDGE_PUNCT) or head.text.strip() or "unknown"
    first = next((t for t in phrase if not t.is_punct), None)
    if first is not None and first.is_sent_start and first.pos_ in SENTENCE_CASED:
        text = text[:1].lower() + text[1:]
    return text


def determiner(head: Token) -> str | None:
    """The determiner of a noun phrase, lowercase ("the", "a", "some"...), or "'s" for a
    possessed one, or None for a bare noun."""
    for child in head.children:
        if child.dep_ == "poss":
            return "'s"
        if child.dep_ in ("det", "predet") or (child.dep_ == "nummod" and child.lower_ == "one"):
            return child.lower_
    return None


# How far in tokens a look for the same noun goes, whatever the sentences say: a text with
# no sentence breaks is one endless sentence.
BEFORE_TOKENS = 600
AFTER_TOKENS = 200


def same_nouns_before(
    ctx: Context, head: Token, sentences: int, lemmas: Collection[str] = ()
) -> Iterator[Token]:
    """Earlier common nouns with the head's lemma (or one of ``lemmas``), nearest first,
    within ``sentences``."""
    nouns = set(lemmas) or {lemma(head)}
    here = ctx.sent_of[head.i]
    for token in reversed(ctx.doc[max(0, head.i - BEFORE_TOKENS) : head.i]):
        if here - ctx.sent_of[token.i] > sentences:
            return
        if token.pos_ == "NOUN" and lemma(token) in nouns:
            yield token


def same_nouns_after(
    ctx: Context, head: Token, sentences: int, lemmas: Collection[str] = ()
) -> Iterator[Token]:
    """Later common nouns with the head's lemma (or one of ``lemmas``), nearest first,
    within ``sentences``."""
    nouns = set(lemmas) or {lemma(head)}
    here = ctx.sent_of[head.i]
    for token in ctx.doc[head.i + 1 : head.i + 1 + AFTER_TOKENS]:
        if ctx.sent_of[token.i] - here > sentences:
            return
        if token.pos_ == "NOUN" and lemma(token) in nouns:
            yield token
