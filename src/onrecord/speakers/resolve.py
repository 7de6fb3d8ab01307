"""Resolving each attribution's source (and addressee) to an entity of the article.

The order of work, top to bottom: the named mentions are clustered (``named_mentions``),
plural person nouns noted as possible "they" (``groups``), roles around names attached
(``roles``); then each attribution in reading order has the word heading its source resolved
by kind: a name, a pronoun (``pronouns``), an interview's "Q:"/"A:" (``interviews``), a proper
noun the NER missed (``named_mentions``) or a common-noun description (``descriptions``:
roles, organisations, groups, anonymous sources, documents); last the entities are numbered
and the speakers written (``entities``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from onrecord.offsets import TokenOffsets
from onrecord.record import Attribution, Boilerplate, Entity
from onrecord.speakers.anonymous import anonymous, is_anonymous
from onrecord.speakers.clusters import Cluster, Context, lemma, sentence_index
from onrecord.speakers.descriptions import nominal
from onrecord.speakers.entities import apply_results, finalize
from onrecord.speakers.groups import add_latent_groups, partitive_whole
from onrecord.speakers.interviews import interview_leader
from onrecord.speakers.lexicon import SpeakerLexicon, default_lexicon
from onrecord.speakers.named_mentions import (
    build_named_clusters,
    by_name,
    known_person,
    unnamed_proper,
)
from onrecord.speakers.phrases import EDGE_PUNCT, determiner, determiners, noun_phrase, text_of
from onrecord.speakers.pronouns import (
    first_person,
    pronouns,
    relative_antecedent,
    second_person,
    third_person,
)
from onrecord.speakers.roles import attach_roles
from onrecord.speakers.run import Resolution, Resolvers, Run, note_mention

NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def resolve_speakers(
    doc: Doc,
    attributions: list[Attribution],
    lexicon: SpeakerLexicon | None = None,
    boilerplate: Sequence[Boilerplate] = (),
) -> list[Entity]:
    """Set ``speaker`` on every attribution with a source and ``addressee.entity`` where an
    addressee resolves; return the article's entities ("E1", "E2", ... by first mention).

    Offsets in the attributions are character offsets into ``doc.text``. Attributions
    without a source keep ``speaker`` None. The returned entities are every PERSON and ORG
    entity of the article plus whatever else speaks or is spoken to, except names met only
    in ``boilerplate`` (the byline, a photo credit, "Editing by ..."): a source audit counts
    the people in the story, not its staff.
    """
    ctx = make_context(doc, attributions, lexicon or default_lexicon())
    build_named_clusters(ctx)
    add_latent_groups(ctx)
    attach_roles(ctx)
    run = Run(ctx, attributions, RESOLVERS, author=byline_author(ctx, boilerplate))
    # In reading order, the one asked in "Delaney, asked about the remark, laughed" included:
    # he is the "he" of the next sentence's source.
    order = sorted(
        (k for k, a in enumerate(attributions) if _anchor(a) is not None),
        key=lambda k: (_anchor(attributions[k]), k),
    )
    for k in order:
        if attributions[k].source is not None:
            resolve_attribution(run, k)
        elif k not in run.addressees:
            run.addressees[k] = resolve_addressee(run, k, None)
    for k, a in enumerate(attributions):
        if a.addressee is not None and k not in run.addressees:
            run.addressees[k] = resolve_addressee(run, k, None)
    entities, ids = finalize(ctx, boilerplate)
    apply_results(run, ids)
    return entities


def byline_author(ctx: Context, boilerplate: Sequence[Boilerplate]) -> Cluster | None:
    """The one person a byline names ("By Priya Natarajan"), who is the article's "I"; None
    when there is no byline or it names several."""
    people = {
        c
        for b in boilerplate
        if b.reason == "byline"
        for c in ctx.clusters
        if c.type == "person" and c.names and any(b.start <= s < b.end for s, _ in c.spans)
    }
    return next(iter(people)) if len(people) == 1 else None


def make_context(doc: Doc, attributions: list[Attribution], lex: SpeakerLexicon) -> Context:
    """The per-article state, with where each quotation lies in tokens."""
    ctx = Context(doc, lex, sentence_index(doc), [-1] * len(doc), [], TokenOffsets(doc))
    for a in attributions:
        for start, end in a.content.pieces():
            span = ctx.char_span(start, end)
            if span is not None:
                ctx.quotes.append((span.start, span.end, a.kind == "direct"))
    # Paint longest first so that every token ends up marked with its innermost quotation.
    for q in sorted(range(len(ctx.quotes)), key=lambda q: ctx.quotes[q][0] - ctx.quotes[q][1]):
        for i in range(ctx.quotes[q][0], ctx.quotes[q][1]):
            ctx.quote_of[i] = q
    return ctx


def _anchor(a: Attribution) -> int | None:
    """Where an attribution's speaker, else its addressee, is named."""
    if a.source is not None:
        return a.source.start
    if a.addressee is not None and a.addressee.span is not None:
        return a.addressee.span.start
    return None


def resolve_attribution(run: Run, k: int) -> Resolution | None:
    """Resolve attribution ``k``'s source and addressee (once; cycles give None)."""
    if k in run.sources:
        return run.sources[k]
    source = run.attributions[k].source
    if source is None or k in run.in_progress:
        return None
    run.in_progress.add(k)
    span = run.ctx.char_span(source.start, source.end)
    leader = interview_leader(run.ctx, source) if span is not None else None
    if span is None:
        result = Resolution(None, source.text.strip(EDGE_PUNCT) or "unknown", "unknown")
    elif leader is not None:
        result = leader
        if result.cluster is not None:
            note_mention(run.ctx, span.root, span, result.cluster, speaker=True)
    else:
        head = source_head(run.ctx, span)
        result = resolve_head(run, head, span, k, ())
        note_mention(run.ctx, head, span, result.cluster, speaker=True)
        others = coordinated(run, head, span, k, result)
        if others:
            result = replace(result, others=others)
            mention = run.ctx.mentions.get(head.i)
            if mention is not None:
                mention.speaker = False
    run.sources[k] = result
    run.in_progress.discard(k)
    if run.attributions[k].addressee is not None:
        run.addressees[k] = resolve_addressee(run, k, result.cluster)
    return result


NAMED = ("person", "organization")


def coordinated(
    run: Run, head: Token, span: Span, k: int, first: Resolution
) -> tuple[Cluster, ...]:
    """The other named people (or organisations) a coordinated source names: "Mr. Grassley
    and Mr. Leahy said", "Trump and Clinton agreed", "France and Germany said" are each
    both. Only names joined to the head inside the source, of the head's own type: "Trump
    and his aides" stays Trump (the aides are no one in particular)."""
    if first.cluster is None or first.cluster.type not in NAMED:
        return ()
    found: list[Cluster] = []
    for conj in _listed_with(head):
        if not span.start <= conj.i < span.end:
            continue
        if conj.pos_ != "PROPN" and conj.i not in run.ctx.by_token:
            continue  # a name the tagger reads as a noun ("O'Malley") is still a name
        other = resolve_head(run, conj, None, k, ())
        c = other.cluster
        fits = c is not None and c.type == first.cluster.type and c is not first.cluster
        if fits and c not in found:
            found.append(c)  # type: ignore[arg-type]
            # Not a strong antecedent for "he": "Clinton and O'Malley have pledged to act.
            # He ..." is more likely the story's own subject than one of a pair.
            note_mention(run.ctx, conj, noun_phrase(conj), c)
    return tuple(found)


def _listed_with(head: Token) -> list[Token]:
    """The words coordinated with a source's head: its conjuncts, and a list the parser
    reads as an apposition with conjuncts of its own ("Ben Carson, Ted Cruz and Rand Paul":
    Cruz apposed to Carson, Paul a conjunct of Cruz)."""
    listed = list(head.conjuncts)
    for child in head.children:
        if child.dep_ == "appos" and child.conjuncts:
            listed += [child, *child.conjuncts]
    return [t for t in listed if not is_party_tag(t)]


# A party and state after a name: "R-Tenn.", "D-Newport News", "(R-IN)".
_PARTY_TAG = re.compile(r"^\(?[RDI]\s?[-–]\s?[A-Z]")


def is_party_tag(token: Token) -> bool:
    """Whether a word ends a party-and-state tag ("Bob Corker, R-Tenn., and Lindsey
    Graham"): the parser makes "Tenn." an apposition, and it is no one."""
    words = [t.text for t in token.lefts if t.dep_ in ("compound", "punct")]
    return bool(_PARTY_TAG.match("".join([*words, token.text])))


def resolve_addressee(run: Run, k: int, speaker: Cluster | None) -> Resolution:
    """Resolve whom attribution ``k`` was addressed to; a pronoun addressee is never the
    speaker ("he told him")."""
    addressee = run.attributions[k].addressee
    assert addressee is not None
    exclude = (speaker,) if speaker is not None else ()
    span = None
    if addressee.span is not None:
        span = run.ctx.char_span(addressee.span.start, addressee.span.end)
    if span is None:
        return Resolution(by_name(run.ctx, addressee.name), addressee.name, "unknown")
    head = source_head(run.ctx, span)
    result = resolve_head(run, head, span, k, exclude)
    note_mention(run.ctx, head, span, result.cluster)
    return result


def resolve_head(
    run: Run, head: Token, span: Span | None, k: int | None, exclude: Collection[Cluster]
) -> Resolution:
    """Resolve the word heading a source or addressee: a name, a pronoun, a proper noun the
    NER missed, or a common noun phrase."""
    ctx = run.ctx
    word = head.lower_
    if head.i in ctx.by_token:
        return Resolution(ctx.by_token[head.i])
    known = ctx.mentions.get(head.i)
    if known is not None and known.cluster is not None and head.pos_ != "PRON":
        # Resolved already, as the antecedent of a "who" ("A reviewer, who asked not to be
        # named, said ..."): the same words are the same someone.
        return Resolution(known.cluster)
    if word in pronouns("relative") and head.tag_ in ("WP", "WDT", "WP$"):
        antecedent = relative_antecedent(head)
        if antecedent is None:
            return Resolution(None, head.text, "unknown")
        result = resolve_head(run, antecedent, None, k, exclude)
        note_mention(ctx, antecedent, noun_phrase(antecedent), result.cluster)
        return result
    if word in pronouns("first-singular") or word in pronouns("first-plural"):
        return first_person(run, head, k)
    if word in pronouns("second"):
        return second_person(run, head, k)
    if word in pronouns("third"):
        return third_person(run, head, exclude)
    if (
        head.pos_ == "PROPN"
        and (lemma(head) in ctx.lex.roles or lemma(head) in ctx.lex.nonagents)
        and (determiner(head) in determiners("definite") or not any(True for _ in head.lefts))
    ):
        # "The Mayor told LBC", "Coach says team ...", "Poll: ..." in a headline: a role or
        # a document, capitalised.
        return nominal(run, head, span, exclude)
    if head.pos_ == "PROPN":
        return unnamed_proper(ctx, head)
    if head.pos_ in ("NOUN", "NUM"):
        # The tagger reads a sentence-initial name as a common noun now and then ("Trump
        # blamed ..."): a capitalised word that is a known name is that person.
        known = known_person(ctx, head) if head.is_title else None
        if known is not None:
            return Resolution(known)
        return nominal(run, head, span, exclude)
    if partitive_whole(head) is not None:
        return nominal(run, head, span, exclude)  # "most of whom", "many of them"
    if is_anonymous(head.subtree, ctx.lex):
        return anonymous(ctx, head, span)  # "those close to him", "someone familiar with it"
    return Resolution(None, text_of(span, head), "unknown")


def source_head(ctx: Context, span: Span) -> Token:
    """The word a source span is about: its syntactic root when that is nominal, else the
    first name or nominal in it (an extractor's span may include stray words)."""
    root = span.root
    if root.i in ctx.by_token or root.pos_ in NOMINAL_POS or partitive_whole(root) is not None:
        return root  # "most of whom": most of them, not the "whom"
    for token in span:
        if token.i in ctx.by_token:
            return token
    return next((t for t in span if t.pos_ in NOMINAL_POS), root)


RESOLVERS = Resolvers(head=resolve_head, nominal=nominal, attribution=resolve_attribution)
