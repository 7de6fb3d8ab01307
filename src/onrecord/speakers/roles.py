"""Roles: around named mentions, appositions and compound titles become aliases ("the
actor"), and roles relative to someone become relations ("a lawyer for David Halls"); at
resolution, a role phrase finds the name apposed to it ("Halls's lawyer, Lisa Torraco") or the
person it is relative to ("her client")."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

from onrecord.speakers.clusters import ROLE_VOTE, Cluster, Context, lemma, role_keys
from onrecord.speakers.phrases import noun_phrase, text_of
from onrecord.speakers.pronouns import best_antecedent, pronouns, third_person
from onrecord.speakers.run import Run, note_mention

ROLE_PREPS = frozenset({"for", "of", "to", "at"})


def _role_noun(token: Token, ctx: Context) -> bool:
    """Whether ``token`` can be a role describing a named entity: a common noun not itself
    part of a name ("actor" in "actor Alec Baldwin", "lawyer" in "a lawyer for Halls")."""
    if token.i in ctx.by_token or token.pos_ not in ("NOUN", "PROPN"):
        return False
    return token.pos_ == "NOUN" or lemma(token) in ctx.lex.roles


def _relation_target(ctx: Context, role: Token, holder: Cluster) -> Cluster | None:
    """The entity a role is relative to: "a lawyer for Halls", "Halls's lawyer", and "her
    lawyer, Jason Bowles" with "her" resolved among the names before it (not Bowles)."""
    for child in role.children:
        if child.dep_ == "poss" and child.i in ctx.by_token:
            return ctx.by_token[child.i]
        if child.dep_ == "poss" and child.lower_ in pronouns("third"):
            found = best_antecedent(ctx, child, exclude=(holder,))
            return found.cluster if found is not None else None
        if child.dep_ == "prep" and child.lower_ in ROLE_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i in ctx.by_token:
                    return ctx.by_token[obj.i]
    return None


def add_role(ctx: Context, cluster: Cluster, role: Token) -> None:
    """Make ``role`` (a noun describing ``cluster``) an alias, a gender hint and, when it is
    relative to another entity, a relation."""
    cluster.aliases.update(role_keys(role))
    cluster.vote_gender(ctx.lex.roles.get(lemma(role)), ROLE_VOTE)
    target = _relation_target(ctx, role, cluster)
    if target is not None and target is not cluster:
        ctx.relations.append((cluster, lemma(role), target))


def attach_roles(ctx: Context) -> None:
    """Turn appositions and compound titles around named mentions into aliases:
    "Baldwin, the actor", "the actor, Alec Baldwin", "assistant director David Halls"."""
    for mention in list(ctx.mentions.values()):
        cluster = mention.cluster
        if cluster is None or cluster.type == "group":
            continue
        root = ctx.doc[mention.head]
        for child in root.children:
            if child.i >= mention.start and child.i < mention.end:
                continue
            before = child.i < mention.start and child.dep_ in ("compound", "amod")
            if (before or child.dep_ == "appos") and _role_noun(child, ctx):
                add_role(ctx, cluster, child)
        if root.dep_ == "appos" and _role_noun(root.head, ctx):
            add_role(ctx, cluster, root.head)


def apposed_name(ctx: Context, head: Token) -> Cluster | None:
    """The name apposed to a noun phrase: "Halls's lawyer, Lisa Torraco". The parser often
    hangs the name on the phrase's last noun instead ("a spokeswoman for the company, Jane
    Roe"), so a person's name apposed to a non-person noun inside a role phrase counts too."""
    for token in head.subtree:
        if token.dep_ != "appos" or token.i not in ctx.by_token:
            continue
        cluster = ctx.by_token[token.i]
        if token.head.i == head.i:
            return cluster
        if (
            cluster.type == "person"
            and lemma(head) in ctx.lex.roles
            and not ctx.lex.is_person_noun(lemma(token.head))
        ):
            return cluster
    return None


def owner_token(head: Token) -> tuple[Token | None, bool]:
    """The word naming whom a role is relative to, and whether it is a possessive pronoun:
    "her client" -> (her, True), "a lawyer for Halls" -> (Halls, False)."""
    for child in head.children:
        if child.dep_ == "poss":
            return child, child.pos_ == "PRON"
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "to"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj, False
    return None, False


def relational(
    run: Run, head: Token, span: Span | None, exclude: Collection[Cluster]
) -> Cluster | None:
    """A role relative to someone: "her client" is whoever her (Torraco) is the lawyer for;
    "Baldwin's lawyer" whoever was introduced as a lawyer for Baldwin. With no such
    relation known, a new person is made and the relation recorded for later mentions."""
    ctx = run.ctx
    owner_tok, pronominal = owner_token(head)
    if owner_tok is None:
        return None
    role = lemma(head)
    if owner_tok.lower_ in pronouns("third"):
        owner = third_person(run, owner_tok, exclude, related_owners(ctx, role)).cluster
    else:
        owner = run.resolve_head(owner_tok, None, None, exclude).cluster
    if owner is None:
        return None
    note_mention(ctx, owner_tok, noun_phrase(owner_tok), owner)
    for x, r, y in reversed(ctx.relations):
        if y is owner and r == role:
            return x
    reciprocal = ctx.lex.relations.get(role, frozenset())
    for x, r, y in reversed(ctx.relations):
        if x is owner and r in reciprocal:
            return y
    keys = role_keys(head)
    # "her spokesman" with no name given is an anonymous source; "her lawyer" a person.
    kind = "anonymous" if role in ctx.lex.speaking_roles else "person"
    cluster = ctx.new_cluster(kind, aliases=set(keys), nominal=text_of(span, head))
    if pronominal:
        cluster.owner, cluster.role = owner, max(keys, key=len)
    cluster.vote_gender(ctx.lex.roles.get(role), ROLE_VOTE)
    ctx.relations.append((cluster, role, owner))
    return cluster


def related_owners(ctx: Context, role: str) -> set[Cluster]:
    """Entities known to have someone in ``role`` ("lawyer": everyone a lawyer was named
    for, and every client of one)."""
    reciprocal = ctx.lex.relations.get(role, frozenset())
    owners = {y for _, r, y in ctx.relations if r == role}
    return owners | {x for x, r, _ in ctx.relations if r in reciprocal}
