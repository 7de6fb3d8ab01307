"""Organisations met by a common noun: "her campaign" (named after whoever "her" is), "the
league" after "the Coastal Basketball League", "the company" after the company of the story."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

from onrecord.speakers.clusters import Cluster, Context, is_plural, lemma, role_keys
from onrecord.speakers.phrases import (
    RECENT_SENTENCES,
    determiner,
    determiners,
    noun_phrase,
    same_nouns_before,
    text_of,
)
from onrecord.speakers.pronouns import pronouns, third_person
from onrecord.speakers.roles import owner_token
from onrecord.speakers.run import Run, note_mention

# Organisations a person's surname names in the news: "the Clinton campaign", "Trump's
# campaign", "her campaign" are all the Clinton campaign (entities.canonical_name).
NAMED_AFTER = frozenset({"campaign"})
# What makes a definite noun phrase introduce an entity rather than repeat one.
INTRODUCING_DEPS = frozenset({"amod", "compound", "nmod", "relcl", "acl", "appos", "prep"})


def owned_organization(
    run: Run, head: Token, span: Span | None, exclude: Collection[Cluster]
) -> Cluster | None:
    """ "Her campaign said ...", "his office": the organisation of whoever the pronoun is,
    named after them ("Amy Lund's campaign"); a later "the campaign" is the same one. Not
    for nouns as general as "company", which mean the company of the story."""
    ctx = run.ctx
    lem = lemma(head)
    if lem not in ctx.lex.organizations or lem in ctx.lex.generic_organizations:
        return None
    if is_plural(head):
        return None
    pronoun, pronominal = owner_token(head)
    if pronoun is not None and pronominal and pronoun.lower_ in pronouns("third"):
        owner = third_person(run, pronoun, exclude).cluster
    elif pronoun is not None and pronoun.dep_ == "poss" and pronoun.pos_ == "PROPN":
        owner = run.resolve_head(pronoun, None, None, exclude).cluster  # "Clinton's campaign"
    elif lem in NAMED_AFTER and (pronoun := _bare_name_before(head)) is not None:
        owner = run.resolve_head(pronoun, None, None, exclude).cluster  # "the Trump campaign"
    else:
        return None
    if owner is None or (not pronominal and owner.type != "person"):
        return None
    note_mention(ctx, pronoun, noun_phrase(pronoun), owner)
    for c in ctx.clusters:
        if c.type == "organization" and c.owner is owner and c.role == lem:
            return c
    cluster = ctx.new_cluster(
        "organization", aliases=set(role_keys(head)), nominal=text_of(span, head)
    )
    cluster.owner, cluster.role = owner, lem
    return cluster


def _bare_name_before(head: Token) -> Token | None:
    """The one-word name an organisation noun is named after, with nothing else before it
    but "the": "the Trump campaign" -> Trump; not "the Bernie Sanders presidential
    campaign", a name of its own."""
    lefts = list(head.lefts)
    names = [t for t in lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    others = [t for t in lefts if t not in names and t.dep_ != "det"]
    if len(names) == 1 and not others and not list(names[0].lefts):
        return names[0]
    return None


def org_named_by(ctx: Context, head: Token) -> Cluster | None:
    """The organisation mentioned last whose name ends in the noun and holds its modifiers:
    "the league" after "the Coastal Basketball League", "the ethics committee" after "the
    House Ethics Committee", but not "the district attorney's office" after "the Sheriff's
    Office"."""
    noun = lemma(head)
    modifiers = {c.lower_ for c in head.lefts if c.dep_ in ("compound", "amod", "poss", "nmod")}
    best, found = -1, None
    for c in ctx.clusters:
        if c.type != "organization" or not c.displays:
            continue
        for display in c.displays:
            words = display.lower().split()
            if words and words[-1] == noun and modifiers <= set(words):
                last = c.last_before(head.i)
                if last > best:
                    best, found = last, c
    return found


def _workplace(token: Token) -> bool:
    """ "Brightwater" in "analysts at Brightwater Capital": named as someone's workplace."""
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ == "at" and prep.head.pos_ in ("NOUN", "PROPN")


def last_named_org(ctx: Context, token: int) -> Cluster | None:
    """The named organisation mentioned last before ``token``, leaving out those named only
    as where someone works ("analysts at Brightwater Capital"): "the company" after them is
    still the one the story is about."""
    orgs = [
        c
        for c in ctx.clusters
        if c.type == "organization"
        and c.label in ("ORG", "FAC")
        and not all(_workplace(ctx.doc[p]) for p in c.positions)
    ]
    best = max(orgs, key=lambda c: c.last_before(token), default=None)
    return best if best is not None and best.last_before(token) >= 0 else None


def introduced_before(ctx: Context, head: Token) -> Token | None:
    """An earlier, unnamed mention of the same noun within the last few sentences that
    introduces something ("a regional agency", "the fisheries agency, which ..."); a bare
    "the chipmaker" before is itself a repetition, of the organisation last named."""
    nouns = same_nouns_before(ctx, head, RECENT_SENTENCES)
    return next(
        (
            t
            for t in nouns
            if t.i not in ctx.by_token
            and (
                determiner(t) not in determiners("definite")
                or any(c.dep_ in INTRODUCING_DEPS for c in t.children)
            )
        ),
        None,
    )
