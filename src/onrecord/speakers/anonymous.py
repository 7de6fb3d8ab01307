"""Anonymous sources: "a source familiar with the matter", "officials who declined to be
named"; a definite one ("the official") repeats the last with that noun."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from onrecord.speakers.aliases import alias_match
from onrecord.speakers.clusters import Context, is_plural, lemma, role_keys
from onrecord.speakers.lexicon import SpeakerLexicon
from onrecord.speakers.phrases import determiner, determiners, text_of
from onrecord.speakers.run import Resolution


def is_anonymous(tokens: Iterable[Token], lex: SpeakerLexicon) -> bool:
    """Whether a phrase marks an anonymous source: any lexicon run of words, matched on the
    lemmas or on the words as written."""
    toks = list(tokens)
    forms = ([lemma(t) for t in toks], [t.lower_ for t in toks])
    for pattern in lex.anonymous:
        n = len(pattern)
        for seq in forms:
            if any(tuple(seq[i : i + n]) == pattern for i in range(len(seq) - n + 1)):
                return True
    return False


def anonymous(ctx: Context, head: Token, span: Span | None) -> Resolution:
    """An anonymous source: a definite one ("the official", "the sources") is the last
    anonymous source with that noun; an indefinite one is someone new."""
    keys = role_keys(head)
    if determiner(head) in determiners("definite") or (
        determiner(head) is None and is_plural(head)
    ):
        found = alias_match(ctx, head, keys, ("anonymous",))
        if found is not None:
            return Resolution(found)
    cluster = ctx.new_cluster(
        "anonymous", nominal=text_of(span, head), aliases=set(keys), plural=is_plural(head)
    )
    return Resolution(cluster)
