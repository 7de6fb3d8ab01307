"""Groups of people: plural person nouns noted as possible antecedents of "they"
("investigators"), told apart by their modifiers ("Democratic lawmakers" vs "Republican
lawmakers"), and the group in "one of the officials"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from onrecord.speakers.clusters import Cluster, Context, is_plural, lemma, role_keys
from onrecord.speakers.lexicon import shipped_words
from onrecord.speakers.phrases import determiners, noun_phrase, text_of


def add_latent_groups(ctx: Context) -> None:
    """Note plural person nouns ("investigators", "police") as possible antecedents of
    "they"; they become entities only if something refers to them."""
    for token in ctx.doc:
        if token.i in ctx.by_token or token.i in ctx.mentions or token.pos_ != "NOUN":
            continue
        if token.dep_ in ("compound", "amod"):
            continue
        lem = lemma(token)
        if (is_plural(token) and ctx.lex.is_person_noun(lem)) or lem in ctx.lex.groups:
            ctx.add_mention(noun_phrase(token), token, None)


def group_key(head: Token) -> tuple[str, frozenset[str]]:
    """What tells one group from another: the noun and its descriptive modifiers
    ("Democratic lawmakers" vs "Republican lawmakers"), quantifiers left out."""
    mods = frozenset(
        lemma(c)
        for c in head.lefts
        if c.dep_ in ("amod", "compound", "nmod") and lemma(c) not in determiners("indefinite")
    )
    return lemma(head), mods


def group_lookup(ctx: Context, head: Token, span: Span | None) -> Cluster:
    """A group: the same noun with the same modifiers, or the bare noun repeating the last
    group of that noun (unless that one was "other ..."), is the same group; anything else a
    new one."""
    noun, mods = group_key(head)
    fitting = [
        c
        for c in ctx.clusters
        if c.type == "group"
        and any(
            n == noun and (m == mods or (not mods and not m & determiners("contrastive")))
            for n, m in c.group_keys
        )
    ]
    found = max(fitting, key=lambda c: (c.last_before(head.i), -c.order), default=None)
    if found is not None:
        return found
    cluster = ctx.new_cluster("group", nominal=text_of(span, head), aliases=role_keys(head))
    cluster.group_keys.append((noun, mods))
    return cluster


def partitive_whole(head: Token) -> Token | None:
    """The group in "one of the officials", "some of the protesters", "most of whom" (a
    relative pronoun is as plural as what it stands for)."""
    if head.lower_ not in determiners("partitive"):
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and (is_plural(obj) or obj.tag_ == "WP"):
                return obj
    return None


def is_several(head: Token) -> bool:
    """Whether a noun phrase heads several people, however many: a number or share of them
    ("5 percent", "a number of lawmakers", "a chorus of Republicans") or a part of a group
    that is more than one ("most of whom", "some of the protesters", not "one of them")."""
    if lemma(head) in shipped_words("collectives") and any(
        c.dep_ == "nummod" or (c.dep_ == "prep" and c.lower_ == "of") for c in head.children
    ):
        return True  # "a host of critics", "5 percent"; but "a radio host" is one person
    return partitive_whole(head) is not None and head.lower_ not in determiners("single")


def new_group(ctx: Context, head: Token, span: Span | None) -> Cluster:
    """A group met once: "73 percent" is not the "63 percent" of the sentence before."""
    return ctx.new_cluster("group", nominal=text_of(span, head), plural=True)
