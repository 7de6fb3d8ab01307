"""Resolving each attribution's source (and addressee) to an entity of the article."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from onrecord.clean import is_in_boilerplate
from onrecord.offsets import TokenOffsets
from onrecord.record import Attribution, Boilerplate, Entity, Speaker
from onrecord.record import Span as RecordSpan
from onrecord.speakers.clusters import (
    NAME_VOTE,
    PRONOUN_VOTE,
    ROLE_VOTE,
    Cluster,
    Context,
    is_plural,
    lemma,
    role_keys,
    sentence_index,
)
from onrecord.speakers.lexicon import SpeakerLexicon, default_lexicon
from onrecord.speakers.name_matching import (
    Parts,
    cluster_name_score,
    display_name,
    name_gender,
    org_parts,
    person_parts,
    split_titles,
)
from onrecord.speakers.named_mentions import build_named_clusters, match_org, match_person
from onrecord.speakers.pronouns import (
    FEMININE,
    FIRST_PERSON_PL,
    FIRST_PERSON_SG,
    MASCULINE,
    RELATIVE,
    SECOND_PERSON,
    THIRD_PERSON,
    best_antecedent,
)
from onrecord.speakers.roles import add_role, attach_roles

NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several", "many", "few"})
EDGE_PUNCT = " \t\n,;:\"'“”‘’()[]-—–"
SENTENCE_CASED = frozenset({"DET", "NOUN", "ADJ", "NUM", "PRON"})  # not PROPN: "Democrats"
MAX_RELCL_HOPS = 6  # how far up a "who" may climb to find its relative clause
# Offices a person holds: someone already called "the majority leader" or "the judge" is not
# the one a bare "the president" means.
OFFICES = frozenset(
    "president senator governor mayor judge justice leader speaker secretary chairman "
    "chairwoman chair minister chancellor congressman congresswoman prosecutor sheriff "
    "ambassador commissioner premier councillor councilman councilwoman".split()
)
RECENT_SENTENCES = 2  # how far back "the actor" looks for the person it means
# What makes a definite noun phrase introduce an entity rather than repeat one.
INTRODUCING_DEPS = frozenset({"amod", "compound", "nmod", "relcl", "acl", "appos", "prep"})
# Roles that are someone's: after a name they usually mean another person ("the spokesman").
RELATIVE_ROLES = frozenset(
    "spokesman spokeswoman spokesperson aide adviser advisor assistant deputy wife husband "
    "son daughter mother father brother sister friend partner representative".split()
)


@dataclass(frozen=True)
class Resolution:
    """Who a source or addressee is: an entity, or a typed name without one."""

    cluster: Cluster | None
    name: str = ""
    type: str = "unknown"


@dataclass
class Run:
    """One call of ``resolve_speakers``: the context plus per-attribution results."""

    ctx: Context
    attributions: list[Attribution]
    sources: dict[int, Resolution] = field(default_factory=dict)
    addressees: dict[int, Resolution] = field(default_factory=dict)
    in_progress: set[int] = field(default_factory=set)
    author: Cluster | None = None


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
    run = Run(ctx, attributions)
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


def make_context(doc: Doc, attributions: list[Attribution], lex: SpeakerLexicon) -> Context:
    """The per-article state, with where each quotation lies in tokens."""
    ctx = Context(doc, lex, sentence_index(doc), [-1] * len(doc), [], TokenOffsets(doc))
    for a in attributions:
        for start, end in pieces(a.content):
            span = ctx.char_span(start, end)
            if span is not None:
                ctx.quotes.append((span.start, span.end, a.kind == "direct"))
    # Paint longest first so that every token ends up marked with its innermost quotation.
    for q in sorted(range(len(ctx.quotes)), key=lambda q: ctx.quotes[q][0] - ctx.quotes[q][1]):
        for i in range(ctx.quotes[q][0], ctx.quotes[q][1]):
            ctx.quote_of[i] = q
    return ctx


def pieces(span: RecordSpan) -> tuple[tuple[int, int], ...]:
    """The character ranges a (possibly discontinuous) record span covers."""
    return span.fragments or ((span.start, span.end),)


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


def noun_phrase(head: Token) -> Span:
    """The head and what stands before it in its phrase ("some senior officials")."""
    return head.doc[head.left_edge.i : head.i + 1]


def source_head(ctx: Context, span: Span) -> Token:
    """The word a source span is about: its syntactic root when that is nominal, else the
    first name or nominal in it (an extractor's span may include stray words)."""
    root = span.root
    if root.i in ctx.by_token or root.pos_ in NOMINAL_POS:
        return root
    for token in span:
        if token.i in ctx.by_token:
            return token
    return next((t for t in span if t.pos_ in NOMINAL_POS), root)


def covers(span: RecordSpan, char: int) -> bool:
    """Whether a record span (any of its pieces) covers character ``char``."""
    return any(s <= char < e for s, e in pieces(span))


def enclosing(run: Run, token: Token, k: int | None) -> int | None:
    """Index of the innermost other attribution whose content holds ``token``."""
    inside = [j for j, a in enumerate(run.attributions) if j != k and covers(a.content, token.idx)]
    return min(inside, key=lambda j: content_length(run.attributions[j]), default=None)


def content_length(attribution: Attribution) -> int:
    """Characters an attribution's content spans, to tell inner quotations from outer."""
    return attribution.content.end - attribution.content.start


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
    leader = _interview_leader(run.ctx, source) if span is not None else None
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
    run.sources[k] = result
    run.in_progress.discard(k)
    if run.attributions[k].addressee is not None:
        run.addressees[k] = resolve_addressee(run, k, result.cluster)
    return result


def _interview_leader(ctx: Context, source: RecordSpan) -> Resolution | None:
    """ "Q:" and "A:" opening an interview's lines: the interviewer, no one the article names,
    and the one interviewed, the first person the article names before its first question."""
    if source.text not in {"Q", "A"}:
        return None
    text = ctx.offsets.text
    if not text.startswith(":", source.end):
        return None
    if text[: source.start].rstrip(" \t")[-1:] not in {"", "\n"}:
        return None
    if source.text == "Q":
        return Resolution(None, "the interviewer", "unknown")
    first_turn = re.search(r"^[ \t]*[QA]:", text, re.MULTILINE)
    before = first_turn.start() if first_turn else source.start
    named = [
        (min(c.spans), c)
        for c in ctx.clusters
        if c.type == "person" and c.names and c.spans and min(c.spans)[0] < before
    ]
    if not named:
        return Resolution(None, "the interviewee", "person")
    return Resolution(min(named, key=lambda x: x[0])[1])


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


def by_name(ctx: Context, name: str) -> Cluster | None:
    """The entity an addressee given only by name refers to, matched on its words."""
    words = name.split()
    parts = person_parts(split_titles(words, ctx.lex)[1])
    person = match_person(ctx, parts, None, len(ctx.doc))
    if person is not None and cluster_name_score(parts, person.names) >= 2:
        return person
    return match_org(ctx, org_parts(words), "ORG", len(ctx.doc))


def note_mention(
    ctx: Context, head: Token, span: Span, cluster: Cluster | None, speaker: bool = False
) -> None:
    """Record a resolved source or addressee as a mention of its entity."""
    if cluster is None:
        return
    cluster.referenced = True
    if head.pos_ == "NOUN" and role_keys(head) & ctx.lex.nonagents:
        return  # "the FBI's report" speaks for the FBI but is no mention of it
    known = ctx.mentions.get(head.i)
    if known is not None and known.cluster is cluster:
        known.speaker = known.speaker or speaker
        return
    if head.i in ctx.by_token:
        return  # a named mention already recorded under its own root
    mention_span = span if span.start <= head.i < span.end else head.doc[head.i : head.i + 1]
    if head.pos_ == "PRON":
        mention_span = head.doc[head.i : head.i + 1]
    elif not cluster.displays and head.pos_ == "NOUN":
        cluster.phrases.append(text_of(mention_span, head))
    ctx.add_mention(mention_span, head, cluster, speaker=speaker)


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
    if word in RELATIVE and head.tag_ in ("WP", "WDT", "WP$"):
        antecedent = relative_antecedent(head)
        if antecedent is None:
            return Resolution(None, head.text, "unknown")
        result = resolve_head(run, antecedent, None, k, exclude)
        note_mention(ctx, antecedent, noun_phrase(antecedent), result.cluster)
        return result
    if word in FIRST_PERSON_SG or word in FIRST_PERSON_PL:
        return first_person(run, head, k)
    if word in SECOND_PERSON:
        return second_person(run, head, k)
    if word in THIRD_PERSON:
        return third_person(run, head, exclude)
    if (
        head.pos_ == "PROPN"
        and lemma(head) in ctx.lex.roles
        and (determiner(head) in DEFINITE or not any(True for _ in head.lefts))
    ):
        # "The Mayor told LBC", "Coach says team ..." in a headline: a role, capitalised.
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
    return Resolution(None, text_of(span, head), "unknown")


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


def relative_antecedent(pronoun: Token) -> Token | None:
    """The noun a relative pronoun stands for: the head of its relative clause
    ("Smith, who told reporters" -> Smith)."""
    token = pronoun
    for _ in range(MAX_RELCL_HOPS):
        if token.dep_ in ("relcl", "acl"):
            return token.head
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def first_person(run: Run, pronoun: Token, k: int | None) -> Resolution:
    """ "I"/"we" in a source: the speaker of the quotation it stands in; outside quotations
    "I" is the article's author. Inside its own attribution's content it is never the
    source (the content's "I" is what the speaker says about themself)."""
    own = run.attributions[k].content if k is not None else None
    if own is not None and covers(own, pronoun.idx):
        return Resolution(None, pronoun.text, "unknown")
    outer = enclosing(run, pronoun, k)
    if outer is not None:
        result = resolve_attribution(run, outer)
        if result is not None and result.cluster is not None:
            note_mention(run.ctx, pronoun, pronoun.doc[pronoun.i : pronoun.i + 1], result.cluster)
            return result
        return Resolution(None, pronoun.text, "unknown")
    if pronoun.lower_ in FIRST_PERSON_PL:
        return Resolution(None, pronoun.text, "unknown")
    if run.author is None:
        run.author = run.ctx.new_cluster("person", nominal="the author")
    return Resolution(run.author)


def second_person(run: Run, pronoun: Token, k: int | None) -> Resolution:
    """ "you" in a source: inside a quotation, whom that quotation was addressed to."""
    outer = enclosing(run, pronoun, k)
    if outer is not None and run.attributions[outer].addressee is not None:
        resolve_attribution(run, outer)
        found = run.addressees.get(outer)
        if found is not None and found.cluster is not None:
            return found
    return Resolution(None, pronoun.text, "unknown")


def third_person(
    run: Run, pronoun: Token, exclude: Collection[Cluster], prefer: Collection[Cluster] = ()
) -> Resolution:
    """A third-person pronoun: its best antecedent, which also tells its entity's gender."""
    ctx = run.ctx
    mention = best_antecedent(ctx, pronoun, exclude, prefer)
    if mention is None:
        personal = pronoun.lower_ in MASCULINE or pronoun.lower_ in FEMININE
        return Resolution(None, pronoun.text, "person" if personal else "unknown")
    cluster = mention.cluster
    if cluster is None:
        # A latent group ("investigators ... they said") becomes an entity now.
        head = ctx.doc[mention.head]
        cluster = nominal(run, head, None, exclude).cluster
        mention.cluster = cluster
        if cluster is not None:
            note_mention(ctx, head, noun_phrase(head), cluster)
    if cluster is None:
        return Resolution(None, pronoun.text, "unknown")
    if pronoun.lower_ in MASCULINE:
        cluster.vote_gender("m", PRONOUN_VOTE)
    elif pronoun.lower_ in FEMININE:
        cluster.vote_gender("f", PRONOUN_VOTE)
    note_mention(ctx, pronoun, pronoun.doc[pronoun.i : pronoun.i + 1], cluster)
    return Resolution(cluster)


def _name_tokens(head: Token) -> list[Token]:
    return [*(t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"), head]


def _person_by_name(
    ctx: Context, parts: Parts, titles: list[str], token: int
) -> Cluster | None:
    person = match_person(ctx, parts, name_gender(parts, titles, ctx.lex), token)
    if person is not None and cluster_name_score(parts, person.names) >= 2:
        return person
    return None


def known_person(ctx: Context, head: Token) -> Cluster | None:
    """The person of the article whose name this proper noun (with its compounds) is."""
    titles, words = split_titles([t.text for t in _name_tokens(head)], ctx.lex)
    return _person_by_name(ctx, person_parts(words), titles, head.i)


def unnamed_proper(ctx: Context, head: Token) -> Resolution:
    """A proper noun the NER did not tag: match it against known names, else make it an
    entity, guessing person unless it looks like an organisation or a group."""
    tokens = _name_tokens(head)
    titles, words = split_titles([t.text for t in tokens], ctx.lex)
    parts = person_parts(words)
    person = _person_by_name(ctx, parts, titles, head.i)
    if person is not None:
        return Resolution(person)
    org = match_org(ctx, org_parts(words), "ORG", head.i)
    if org is not None:
        return Resolution(org)
    cluster = ctx.new_cluster(guess_type(ctx, head, words, titles), listed=True)
    cluster.names.append(parts if cluster.type == "person" else org_parts(words))
    cluster.displays.append(display_name([t.text_with_ws for t in tokens[len(titles) :]]))
    cluster.vote_gender(name_gender(parts, titles, ctx.lex), NAME_VOTE)
    if cluster.type == "person":
        # As for a tagged name: "Police Chief Renata Osei" is who "the chief" is later on.
        cluster.aliases.update(
            found[0] for t in titles if (found := ctx.lex.title_or_role(t)) and found[0]
        )
    for t in tokens:
        ctx.by_token[t.i] = cluster
    ctx.add_mention(head.doc[tokens[0].i : head.i + 1], head, cluster)
    return Resolution(cluster)


def guess_type(ctx: Context, head: Token, words: list[str], titles: list[str]) -> str:
    """Type of an untagged proper name: a title or a known first name makes a person, a
    plural a group, an organisation word or an acronym an organisation."""
    lowered = [w.lower() for w in words]
    if titles or (len(lowered) >= 2 and lowered[0] in ctx.lex.first_names):
        return "person"
    if head.tag_ == "NNPS":
        return "group"
    if any(w in ctx.lex.organizations for w in lowered) or (head.text.isupper() and len(head) > 1):
        return "organization"
    return "person"


def determiner(head: Token) -> str | None:
    """The determiner of a noun phrase, lowercase ("the", "a", "some"...), or "'s" for a
    possessed one, or None for a bare noun."""
    for child in head.children:
        if child.dep_ == "poss":
            return "'s"
        if child.dep_ in ("det", "predet") or (child.dep_ == "nummod" and child.lower_ == "one"):
            return child.lower_
    return None


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


def nominal(run: Run, head: Token, span: Span | None, exclude: Collection[Cluster]) -> Resolution:
    """A common-noun source: an apposed name, an anonymous source, a text rather than a
    speaker, a role relative to someone ("her client"), a group, an organisation or a role."""
    ctx = run.ctx
    named = apposed_name(ctx, head)
    if named is not None:
        add_role(ctx, named, head)
        return Resolution(named)
    whole = partitive_whole(head)
    if whole is not None:
        group = resolve_head(run, whole, None, None, exclude).cluster
        if group is not None and group.type == "anonymous":
            # "One of the officials" after "two officials familiar with the talks": an
            # anonymous source too, one of them.
            note_mention(ctx, whole, noun_phrase(whole), group)
            return Resolution(ctx.new_cluster("anonymous", nominal=text_of(span, head)))
    # The whole phrase, even past the source span: in "officials who declined to be named"
    # the relative clause is what makes them anonymous.
    if is_anonymous(head.subtree, ctx.lex):
        return anonymous(ctx, head, span)
    lem = lemma(head)
    if role_keys(head) & ctx.lex.nonagents:
        # "a statement the district attorney's office released", "the FBI's report": who
        # issued the text is who speaks through it.
        author = document_author(head)
        if author is None and determiner(head) in DEFINITE:
            author = earlier_issuer(ctx, head)
        if author is not None:
            found = resolve_head(run, author, None, None, exclude)
            if found.cluster is not None:
                note_mention(ctx, author, noun_phrase(author), found.cluster)
                return found
        return Resolution(None, text_of(span, head), "unknown")
    if not is_plural(head) and lem not in ctx.lex.groups and lem not in ctx.lex.organizations:
        related = relational(run, head, span, exclude)
        if related is not None:
            return Resolution(related)
    owned = owned_organization(run, head, span, exclude)
    if owned is not None:
        return Resolution(owned)
    return Resolution(nominal_lookup(ctx, head, span))


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
    if pronoun is None or not pronominal or pronoun.lower_ not in THIRD_PERSON:
        return None
    owner = third_person(run, pronoun, exclude).cluster
    if owner is None:
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


def partitive_whole(head: Token) -> Token | None:
    """The group in "one of the officials", "some of the protesters"."""
    if head.lower_ not in ("one", "some", "many", "several", "two", "three", "most", "all"):
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and is_plural(obj):
                return obj
    return None


# "a document seen by the BBC", "emails obtained by the Post": whoever saw a document did not
# write it.
RECEIVED = {"see", "obtain", "review", "view", "read", "receive", "acquire", "examine", "hear"}


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
        if child.dep_ == "acl" and lemma(child) not in RECEIVED:
            agent = next((g for g in child.children if g.dep_ == "agent"), None)
            obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            if obj is not None:
                return obj
    return None


def same_nouns_before(ctx: Context, head: Token, sentences: int) -> Iterator[Token]:
    """Earlier common nouns with the head's lemma, nearest first, within ``sentences``."""
    here = ctx.sent_of[head.i]
    for token in reversed(ctx.doc[: head.i]):
        if here - ctx.sent_of[token.i] > sentences:
            return
        if token.pos_ == "NOUN" and lemma(token) == lemma(head):
            yield token


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


def anonymous(ctx: Context, head: Token, span: Span | None) -> Resolution:
    """An anonymous source: a definite one ("the official", "the sources") is the last
    anonymous source with that noun; an indefinite one is someone new."""
    keys = role_keys(head)
    if determiner(head) in DEFINITE or (determiner(head) is None and is_plural(head)):
        found = alias_match(ctx, head, keys, ("anonymous",))
        if found is not None:
            return Resolution(found)
    cluster = ctx.new_cluster(
        "anonymous", nominal=text_of(span, head), aliases=set(keys), plural=is_plural(head)
    )
    return Resolution(cluster)


def alias_match(
    ctx: Context, head: Token, keys: set[str], types: Collection[str]
) -> Cluster | None:
    """The entity of a fitting type and number that has one of ``keys`` as an alias: the
    longest matching alias first ("assistant director" over "director"), then the most
    recent."""
    best: tuple[int, int, int] | None = None
    found = None
    plural = is_plural(head)
    for c in ctx.clusters:
        if c.type not in types or c.plural != plural:
            continue
        shared = keys & c.aliases
        last = c.last_before(head.i)
        if not shared or last < 0:
            continue  # a definite description repeats someone already mentioned
        rank = (max(len(s) for s in shared), last, -c.order)
        if best is None or rank > best:
            best, found = rank, c
    return found if found is not None else named_later(ctx, keys, types, plural)


def named_later(
    ctx: Context, keys: set[str], types: Collection[str], plural: bool
) -> Cluster | None:
    """A named entity introduced after the description: news ledes describe before they
    name ("The assistant director who handed Baldwin the gun ... " and only later
    "assistant director David Halls"). The longest shared alias wins, then the first named."""
    best: tuple[int, int] | None = None
    found = None
    for c in ctx.clusters:
        if c.type not in types or c.plural != plural or not c.names:
            continue
        shared = keys & c.aliases
        if shared and c.positions:
            rank = (max(len(s) for s in shared), -min(c.positions))
            if best is None or rank > best:
                best, found = rank, c
    return found


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
    if owner_tok.lower_ in THIRD_PERSON:
        owner = third_person(run, owner_tok, exclude, related_owners(ctx, role)).cluster
    else:
        owner = resolve_head(run, owner_tok, None, None, exclude).cluster
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
    cluster = ctx.new_cluster("person", aliases=set(keys), nominal=text_of(span, head))
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


def nominal_lookup(ctx: Context, head: Token, span: Span | None) -> Cluster:
    """A group, organisation or role noun phrase: the entity it repeats, or a new one."""
    lem, keys = lemma(head), role_keys(head)
    det = determiner(head)
    if (lem in ctx.lex.organizations or keys & ctx.lex.organizations) and not is_plural(head):
        kind = "organization"  # "passengers' groups" are several, and no one organisation
    elif is_plural(head) or lem in ctx.lex.groups:
        kind = "group"
    else:
        kind = "person"
    if kind == "group":
        if det in DEFINITE:
            # "the officials" after "two officials familiar with the negotiations"
            found = alias_match(ctx, head, keys, ("anonymous",))
            if found is not None:
                return found
        return group_lookup(ctx, head, span)
    if det not in INDEFINITE:
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
        if found is None and kind == "person" and det in DEFINITE and lem in ctx.lex.roles:
            found = recent_named_person(ctx, head)
        if found is not None:
            found.aliases.update(keys)
            return found
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
    if role in RELATIVE_ROLES or role in ctx.lex.relations or any(
        role in others for others in ctx.lex.relations.values()
    ):
        return None  # "the lawyer" after "Alec Baldwin" is most likely his lawyer, not him
    gender = ctx.lex.roles.get(role)
    subjects = clause_subjects(ctx, head)
    here = ctx.sent_of[head.i]
    best, found = -1, None
    relative = {holder for holder, _, _ in ctx.relations}
    for c in ctx.clusters:
        if c.type != "person" or not c.names or c in subjects:
            continue
        if gender is not None and c.gender not in (None, gender):
            continue
        if c in relative or c.aliases & RELATIVE_ROLES:
            continue  # "a spokesman for Garrity, Dan Meyers" is not "the president"
        if role in OFFICES and role not in c.aliases and c.aliases & OFFICES:
            continue
        last = c.last_before(head.i)
        if last > best and here - ctx.sent_of[last] <= RECENT_SENTENCES:
            best, found = last, c
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
                determiner(t) not in DEFINITE
                or any(c.dep_ in INTRODUCING_DEPS for c in t.children)
            )
        ),
        None,
    )


def org_named_by(ctx: Context, head: Token) -> Cluster | None:
    """The organisation mentioned last whose name ends in the noun and holds its modifiers:
    "the league" after "the Coastal Basketball League", "the ethics committee" after "the
    House Ethics Committee", but not "the district attorney's office" after "the Sheriff's
    Office"."""
    noun = lemma(head)
    modifiers = {
        c.lower_ for c in head.lefts if c.dep_ in ("compound", "amod", "poss", "nmod")
    }
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


def group_key(head: Token) -> tuple[str, frozenset[str]]:
    """What tells one group from another: the noun and its descriptive modifiers
    ("Democratic lawmakers" vs "Republican lawmakers"), quantifiers left out."""
    mods = frozenset(
        lemma(c)
        for c in head.lefts
        if c.dep_ in ("amod", "compound", "nmod") and lemma(c) not in INDEFINITE
    )
    return lemma(head), mods


# "Other researchers urged caution. The researchers said ...": the bare noun is not the
# group set against another.
CONTRASTIVE = frozenset({"other", "another"})


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
            n == noun and (m == mods or (not mods and not m & CONTRASTIVE))
            for n, m in c.group_keys
        )
    ]
    found = max(fitting, key=lambda c: (c.last_before(head.i), -c.order), default=None)
    if found is not None:
        return found
    cluster = ctx.new_cluster("group", nominal=text_of(span, head), aliases=role_keys(head))
    cluster.group_keys.append((noun, mods))
    return cluster


def canonical_name(cluster: Cluster) -> str:
    """The fullest name the article uses, else the role relative to its owner ("Lisa
    Torraco's client"), else the phrase that introduced it."""
    if cluster.displays:
        return max(cluster.displays, key=lambda d: (len(d.split()), len(d)))
    if cluster.owner is not None and cluster.role:
        return f"{canonical_name(cluster.owner)}'s {cluster.role}"
    phrases = [p for p in (cluster.nominal, *cluster.phrases) if p]
    if not phrases:
        return "unknown"
    return max(phrases, key=lambda p: len(p.split()))


def finalize(
    ctx: Context, boilerplate: Sequence[Boilerplate] = ()
) -> tuple[list[Entity], dict[Cluster, str]]:
    """The entities to return, numbered in order of first mention, and their ids."""
    body = {
        c: [(s, e) for s, e in c.spans if not is_in_boilerplate(boilerplate, s, e)]
        for c in ctx.clusters
    }
    kept = [c for c in ctx.clusters if c.spans and (c.referenced or (c.listed and body[c]))]
    kept.sort(key=lambda c: (min(c.spans), c.order))
    ids = {c: f"E{n}" for n, c in enumerate(kept, start=1)}
    text = ctx.doc.text
    if boilerplate:
        for c in kept:
            # Named as the story names it: "(AP Photo/Dana Whitcombe)" in a caption is not
            # the name of the Associated Press of the dateline.
            said = [text[s:e] for s, e in body[c]]
            shown = [d for d in c.displays if any(d in b for b in said)]
            if shown:
                c.displays = shown
    entities = [
        Entity(
            ids[c],
            canonical_name(c),
            c.type,
            [RecordSpan.of(text, s, e) for s, e in sorted(c.spans)],
            c.gender if c.type in ("person", "anonymous") else None,
        )
        for c in kept
    ]
    return entities, ids


def speaker_of(result: Resolution, ids: dict[Cluster, str]) -> Speaker:
    """The record's Speaker for a resolution."""
    c = result.cluster
    if c is None:
        return Speaker(result.name, result.type, None)
    return Speaker(canonical_name(c), c.type, ids.get(c))


def apply_results(run: Run, ids: dict[Cluster, str]) -> None:
    """Write speakers and addressee entities into the attributions."""
    for k, a in enumerate(run.attributions):
        if k in run.sources:
            a.speaker = speaker_of(run.sources[k], ids)
        found = run.addressees.get(k)
        if a.addressee is not None and found is not None and found.cluster in ids:
            a.addressee.entity = ids[found.cluster]  # type: ignore[index]
