"""Roles around named mentions: appositions and compound titles become aliases ("the
actor"), and roles relative to someone become relations ("a lawyer for David Halls")."""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.speakers.clusters import ROLE_VOTE, Cluster, Context, lemma, role_keys
from onrecord.speakers.pronouns import THIRD_PERSON, best_antecedent

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
        if child.dep_ == "poss" and child.lower_ in THIRD_PERSON:
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
