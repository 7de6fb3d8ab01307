"""Documents as sources: "the report said" speaks for whoever issued the report ("a statement
the district attorney's office released", "the FBI's report"), else for no one."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.speakers.clusters import Context, lemma
from onrecord.speakers.lexicon import shipped_words
from onrecord.speakers.phrases import RECENT_SENTENCES, same_nouns_before


def document_author(head: Token) -> Token | None:
    """Who issued a document noun: its possessor ("the FBI's report"), its "by"/"from"
    phrase ("a statement from the White House") or the subject of a relative clause on it
    ("a statement the office released")."""
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if child.dep_ in ("relcl", "acl"):
            subj = next((g for g in child.children if g.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return subj
        if child.dep_ == "acl" and lemma(child) not in shipped_words("received_verbs"):
            agent = next((g for g in child.children if g.dep_ == "agent"), None)
            obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            if obj is not None:
                return obj
    return None


def earlier_issuer(ctx: Context, head: Token) -> Token | None:
    """Who issued the document a definite document noun repeats: "according to the
    statement" after "the league said in a statement" is the league."""
    token = next(same_nouns_before(ctx, head, RECENT_SENTENCES + 2), None)
    if token is None:
        return None
    author = document_author(token)
    if author is None and token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head  # "said in a statement": the sayer issued it
        author = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return author
