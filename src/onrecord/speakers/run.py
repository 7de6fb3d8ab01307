"""One run of speaker resolution: what each source and addressee resolved to, the entry
points the kinds of mention call back through, and recording a resolved mention."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from onrecord.record import Attribution
from onrecord.record import Span as RecordSpan
from onrecord.speakers.clusters import Cluster, Context, role_keys
from onrecord.speakers.phrases import text_of


@dataclass(frozen=True)
class Resolution:
    """Who a source or addressee is: an entity, or a typed name without one."""

    cluster: Cluster | None
    name: str = ""
    type: str = "unknown"
    # The others a coordinated source names beside ``cluster``: "Trump and Clinton said".
    others: tuple[Cluster, ...] = ()


# The kinds of mention lean on one another: a pronoun's antecedent may be a group noun
# ("investigators ... they said"), a role's owner a pronoun ("her client"), a first person in a
# quotation whoever speaks it. Each kind's module imports only downwards, so these calls go
# through the three entry points below, which ``resolve.py`` fills in.
HeadResolver = Callable[["Run", Token, Span | None, int | None, Collection[Cluster]], "Resolution"]
NominalResolver = Callable[["Run", Token, Span | None, Collection[Cluster]], "Resolution"]
AttributionResolver = Callable[["Run", int], "Resolution | None"]


@dataclass(frozen=True)
class Resolvers:
    """The resolver's entry points, for the kinds of mention to call back into."""

    head: HeadResolver  # any word heading a source: a name, a pronoun, a noun phrase
    nominal: NominalResolver  # a common-noun phrase ("the actor", "officials")
    attribution: AttributionResolver  # a whole attribution's source (and addressee)


@dataclass
class Run:
    """One call of ``resolve_speakers``: the context plus per-attribution results."""

    ctx: Context
    attributions: list[Attribution]
    resolvers: Resolvers
    sources: dict[int, Resolution] = field(default_factory=dict)
    addressees: dict[int, Resolution] = field(default_factory=dict)
    in_progress: set[int] = field(default_factory=set)
    author: Cluster | None = None

    def resolve_head(
        self, head: Token, span: Span | None, k: int | None, exclude: Collection[Cluster]
    ) -> Resolution:
        """Resolve the word heading a source or addressee (``resolve.resolve_head``)."""
        return self.resolvers.head(self, head, span, k, exclude)

    def resolve_nominal(
        self, head: Token, span: Span | None, exclude: Collection[Cluster]
    ) -> Resolution:
        """Resolve a common-noun phrase (``descriptions.nominal``)."""
        return self.resolvers.nominal(self, head, span, exclude)

    def resolve_attribution(self, k: int) -> Resolution | None:
        """Resolve attribution ``k``'s source, once (``resolve.resolve_attribution``)."""
        return self.resolvers.attribution(self, k)


def covers(span: RecordSpan, char: int) -> bool:
    """Whether a record span (any of its pieces) covers character ``char``."""
    return any(s <= char < e for s, e in span.pieces())


def enclosing(run: Run, token: Token, k: int | None) -> int | None:
    """Index of the innermost other attribution whose content holds ``token``."""
    inside = [j for j, a in enumerate(run.attributions) if j != k and covers(a.content, token.idx)]
    return min(inside, key=lambda j: content_length(run.attributions[j]), default=None)


def content_length(attribution: Attribution) -> int:
    """Characters an attribution's content spans, to tell inner quotations from outer."""
    return attribution.content.end - attribution.content.start


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
