"""Common-noun sources ("the actor", "a lawyer for Halls", "officials", "the company"): which
kind of description the phrase is, and the entity it repeats or introduces."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

from onrecord.speakers.aliases import alias_match
from onrecord.speakers.anonymous import anonymous, is_anonymous
from onrecord.speakers.clusters import ROLE_VOTE, Cluster, Context, is_plural, lemma, role_keys
from onrecord.speakers.documents import (
    earlier_issuer,
    inner_document,
    issuer,
    later_issuer,
    named_issuers,
)
from onrecord.speakers.groups import group_lookup, is_several, new_group, partitive_whole
from onrecord.speakers.organizations import (
    introduced_before,
    last_named_org,
    org_named_by,
    owned_organization,
)
from onrecord.speakers.phrases import (
    RECENT_SENTENCES,
    determiner,
    determiners,
    noun_phrase,
    text_of,
)
from onrecord.speakers.roles import add_role, apposed_name, relational
from onrecord.speakers.run import Resolution, Run, note_mention


def nominal(run: Run, head: Token, span: Span | None, exclude: Collection[Cluster]) -> Resolution:
    """A common-noun source: an apposed name, an anonymous source, a text rather than a
    speaker, a role relative to someone ("her client"), a group, an organisation or a role."""
    ctx = run.ctx
    # A document's apposition is no name of it: "Poll: Bernie Sanders Burns Hillary Clinton"
    # is parsed with Clinton apposed to "Poll".
    named = None if role_keys(head) & ctx.lex.nonagents else apposed_name(ctx, head)
    if named is not None:
        add_role(ctx, named, head)
        return Resolution(named)
    whole = partitive_whole(head)
    if whole is not None:
        group = run.resolve_head(whole, None, None, exclude).cluster
        if group is not None and group.type == "anonymous":
            # "One of the officials" after "two officials familiar with the talks": an
            # anonymous source too, one of them.
            note_mention(ctx, whole, noun_phrase(whole), group)
            return Resolution(ctx.new_cluster("anonymous", nominal=text_of(span, head)))
    # The whole phrase, even past the source span: in "officials who declined to be named"
    # the relative clause is what makes them anonymous.
    if is_anonymous(head.subtree, ctx.lex):
        return anonymous(ctx, head, span)
    if is_several(head):
        return Resolution(new_group(ctx, head, span))
    lem = lemma(head)
    document = inner_document(ctx, head) or head  # "a footnote in the report": the report
    if role_keys(document) & ctx.lex.nonagents or document is not head:
        # "a statement the district attorney's office released", "the FBI's report": who
        # issued the text is who speaks through it.
        author = issuer(ctx, document)
        if author is None and determiner(document) in determiners("definite"):
            author = earlier_issuer(ctx, document)
        if (
            author is None
            and determiner(document) not in determiners("definite")
            and not is_plural(document)
        ):
            author = later_issuer(ctx, document)  # "a poll shows ... A Fox News poll"
        if author is not None:
            found = run.resolve_head(author, None, None, exclude)
            if found.cluster is not None:
                note_mention(ctx, author, noun_phrase(author), found.cluster)
                # The document the issuer was named with (the poll the lede names, for a
                # headline's "Poll:"): all its makers.
                modifies = author.dep_ in ("compound", "nmod", "poss")
                named_with = author.head if modifies else document
                makers = named_issuers(ctx, named_with)
                if len(makers) > 1 and found.cluster in makers:
                    return Resolution(makers[0], others=tuple(makers[1:]))
                return found
        return Resolution(None, text_of(span, head), "unknown")
    if not is_plural(head) and lem not in ctx.lex.groups and lem not in ctx.lex.organizations:
        related = relational(run, head, span, exclude)
        if related is not None:
            return Resolution(related)
    owned = owned_organization(run, head, span, exclude)
    if owned is not None:
        return Resolution(owned)
    if description_kind(ctx, head) == "person" and not person_noun(ctx, head):
        # "the deal", "one global index", "the euro crisis": a thing, no one to count.
        return Resolution(None, text_of(span, head), "unknown")
    return Resolution(nominal_lookup(ctx, head, span))


# Endings of nouns for people the role list does not hold: "organizer", "narrator",
# "congressman", "strategist", "historian", "the 34-year-old", "retiree".
PERSON_ENDINGS = ("er", "or", "man", "woman", "person", "ist", "ian", "-old", "ee", "ess")


def person_noun(ctx: Context, head: Token) -> bool:
    """Whether a singular common noun can name a person: a role of the lexicon
    (``roles.txt``: "the actor", "a judge", "the boy") or a noun with a person's ending."""
    lem = lemma(head)
    if ctx.lex.is_person_noun(lem) or lem in ctx.lex.relations:
        return True
    if role_keys(head) & set(ctx.lex.roles):
        return True
    return lem.endswith(PERSON_ENDINGS) or head.lower_.endswith(PERSON_ENDINGS)


def description_kind(ctx: Context, head: Token) -> str:
    """What a common-noun description names by its noun: an organisation ("the company",
    not "passengers' groups", which are several), a group (a plural, "the public"), else
    one person."""
    lem, keys = lemma(head), role_keys(head)
    if (lem in ctx.lex.organizations or keys & ctx.lex.organizations) and not is_plural(head):
        return "organization"
    if is_plural(head) or lem in ctx.lex.groups:
        return "group"
    return "person"


def nominal_lookup(ctx: Context, head: Token, span: Span | None) -> Cluster:
    """A group, organisation or role noun phrase: the entity it repeats, or a new one."""
    lem, keys = lemma(head), role_keys(head)
    det = determiner(head)
    kind = description_kind(ctx, head)
    if kind == "group" and lem in ctx.lex.speaking_roles:
        # "his aides", "advisers to the senator": unnamed people speaking for someone.
        return anonymous(ctx, head, span).cluster
    if kind == "group":
        if det in determiners("definite"):
            # "the officials" after "two officials familiar with the negotiations"
            found = alias_match(ctx, head, keys, ("anonymous",))
            if found is not None:
                return found
        return group_lookup(ctx, head, span)
    if det not in determiners("indefinite"):
        types = ("organization",) if kind == "organization" else ("person", "anonymous")
        found = alias_match(ctx, head, keys, types)
        if found is None and kind == "organization":
            found = org_named_by(ctx, head)
        if found is None and kind == "organization" and lem in ctx.lex.generic_organizations:
            introduced = introduced_before(ctx, head)
            if introduced is not None:
                # "... the regional fisheries agency, which manages the waters. The agency
                # has said ...": the agency just introduced, not the last named one.
                return ctx.new_cluster(kind, nominal=text_of(None, introduced), aliases=set(keys))
            found = last_named_org(ctx, head.i)
        if (
            found is None
            and kind == "person"
            and det in determiners("definite")
            and lem in ctx.lex.roles
        ):
            found = recent_named_person(ctx, head)
        if found is not None:
            found.aliases.update(keys)
            return found
    if kind == "person" and (lem in ctx.lex.speaking_roles or det in determiners("indefinite")):
        # "a spokesman said", "a party activist said", "one federal judge wrote": someone
        # the article brings in without a name (a name apposed to it was taken above).
        kind = "anonymous"
    cluster = ctx.new_cluster(
        kind, nominal=text_of(span, head), aliases=set(keys), plural=is_plural(head)
    )
    cluster.vote_gender(ctx.lex.roles.get(lem), ROLE_VOTE)
    return cluster


def recent_named_person(ctx: Context, head: Token) -> Cluster | None:
    """The person a bare definite role ("the actor", "the senator") most likely means when
    no mention of the article carries that role: the named person mentioned last, within
    the last few sentences, who is not the subject of the role's own clause ("The director
    who handed Alec Baldwin a revolver backs up the actor's assertion": the actor is
    Baldwin, not the director) and whose gender does not contradict the role's."""
    role = lemma(head)
    if (
        role in ctx.lex.relative_roles
        or role in ctx.lex.relations
        or any(role in others for others in ctx.lex.relations.values())
    ):
        return None  # "the lawyer" after "Alec Baldwin" is most likely his lawyer, not him
    gender = ctx.lex.roles.get(role)
    subjects = clause_subjects(ctx, head)
    here = ctx.sent_of[head.i]
    best: tuple[int, int] = (-1, -1)
    found = None
    relative = {holder for holder, _, _ in ctx.relations}
    for c in ctx.clusters:
        if c.type != "person" or not c.names or c in subjects:
            continue
        if gender is not None and c.gender not in (None, gender):
            continue
        if c in relative or c.aliases & ctx.lex.relative_roles:
            continue  # "a spokesman for Garrity, Dan Meyers" is not "the president"
        if role in ctx.lex.offices and role not in c.aliases and c.aliases & ctx.lex.offices:
            continue
        last = c.last_before(head.i)
        if last < 0 or here - ctx.sent_of[last] > RECENT_SENTENCES:
            continue
        # The one the story is about, of those just named: "the New York businessman"
        # after a paragraph on Cruz that names Trump once more is still Trump.
        rank = (sum(p < head.i for p in c.positions), last)
        if found is None or rank > best:
            best, found = rank, c
    return found


def clause_subjects(ctx: Context, head: Token) -> list[Cluster]:
    """The entities named by the subjects of the clauses a noun phrase sits in, inner to
    outer: in "Psaki said the President is confident", the President is not Psaki."""
    found = []
    token = head
    while token.head.i != token.i:
        token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            continue
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != head.i:
                cluster = ctx.by_token.get(child.i)
                mention = ctx.mentions.get(child.i)
                cluster = cluster or (mention.cluster if mention is not None else None)
                if cluster is not None:
                    found.append(cluster)
    return found
