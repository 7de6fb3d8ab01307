"""The working state of speaker resolution for one article: entity clusters, mentions and
the context they live in, with small helpers on tokens."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from onrecord.offsets import TokenOffsets
from onrecord.speakers.lexicon import SpeakerLexicon, shipped_words
from onrecord.speakers.name_matching import Parts

# How much one piece of evidence counts towards an entity's gender: a title or a gendered
# role noun is near-certain, a first name likely, a pronoun only as good as its resolution.
TITLE_VOTE, ROLE_VOTE, NAME_VOTE, PRONOUN_VOTE = 3.0, 2.0, 2.0, 1.0

MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass(eq=False)
class Cluster:
    """One entity being built. Named clusters carry ``names``; unnamed ones a ``nominal``
    phrase or an ``owner`` and ``role`` ("her client" -> owner Torraco, role client)."""

    order: int
    type: str
    label: str | None = None  # spaCy entity label the cluster was named by, if any
    names: list[Parts] = field(default_factory=list)
    displays: list[str] = field(default_factory=list)
    nominal: str | None = None
    phrases: list[str] = field(default_factory=list)  # later unnamed mentions, as written
    plural: bool = False  # introduced by a plural ("sources"): "the source" is someone else
    owner: Cluster | None = None
    role: str | None = None
    aliases: set[str] = field(default_factory=set)
    group_keys: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    gender_votes: dict[str, float] = field(default_factory=dict)
    spans: set[tuple[int, int]] = field(default_factory=set)  # char offsets of mentions
    positions: list[int] = field(default_factory=list)  # token index of each mention
    listed: bool = False
    referenced: bool = False

    @property
    def gender(self) -> str | None:
        """The better-supported gender, or None when there is no evidence or a tie."""
        m, f = self.gender_votes.get("m", 0.0), self.gender_votes.get("f", 0.0)
        if m == f:
            return None
        return "m" if m > f else "f"

    def vote_gender(self, gender: str | None, weight: float) -> None:
        """Add evidence that the entity is of ``gender``."""
        if gender in ("m", "f"):
            self.gender_votes[gender] = self.gender_votes.get(gender, 0.0) + weight

    def last_before(self, token: int) -> int:
        """Token index of the latest mention before ``token``, or -1 when none is."""
        return max((p for p in self.positions if p < token), default=-1)


@dataclass(eq=False)
class Mention:
    """A stretch of tokens that refers to a cluster; ``cluster`` is None for a latent group
    mention ("investigators") that only becomes an entity if a pronoun picks it."""

    start: int
    end: int
    head: int
    cluster: Cluster | None
    subject: bool
    plural: bool
    modifier: bool = False  # "Trump" in "the Trump campaign": a weak antecedent
    speaker: bool = False  # the source of an attribution: a strong antecedent


@dataclass
class Context:
    """Everything resolution knows about one article; passed explicitly, never global."""

    doc: Doc
    lex: SpeakerLexicon
    sent_of: list[int]
    quote_of: list[int]  # per token: index into quotes of the innermost content, or -1
    quotes: list[tuple[int, int, bool]]  # token range of each content, and whether direct
    offsets: TokenOffsets  # characters to tokens (doc.char_span rebuilds doc.text each call)
    clusters: list[Cluster] = field(default_factory=list)
    by_token: dict[int, Cluster] = field(default_factory=dict)  # tokens of named mentions
    mentions: dict[int, Mention] = field(default_factory=dict)  # by head token
    relations: list[tuple[Cluster, str, Cluster]] = field(default_factory=list)

    def char_span(self, start: int, end: int) -> Span | None:
        """Tokens overlapping characters ``start:end``; None when no token does."""
        return self.offsets.span(start, end)

    def new_cluster(self, type_: str, **kwargs: object) -> Cluster:
        """Create and register a cluster."""
        cluster = Cluster(order=len(self.clusters), type=type_, **kwargs)  # type: ignore[arg-type]
        self.clusters.append(cluster)
        return cluster

    def add_mention(self, span: Span, head: Token, cluster: Cluster | None, **flags: bool) -> None:
        """Record that ``span`` (headed by ``head``) refers to ``cluster``."""
        known = self.mentions.get(head.i)
        if known is not None and known.cluster is not None and cluster is None:
            return
        self.mentions[head.i] = Mention(
            span.start, span.end, head.i, cluster,
            subject=head.dep_ in SUBJECT_DEPS, plural=is_plural(head),
            modifier=flags.get("modifier", head.dep_ in MODIFIER_DEPS),
            speaker=flags.get("speaker", known.speaker if known else False),
        )  # fmt: skip
        if cluster is not None:
            cluster.spans.add((span.start_char, span.end_char))
            cluster.positions.append(head.i)


def is_plural(token: Token) -> bool:
    """Whether a noun or pronoun is plural."""
    if token.tag_ in ("NNS", "NNPS"):
        return True
    return token.lower_ in shipped_words("pronouns", "plural-mention")


def lemma(token: Token) -> str:
    """Lowercase lemma; spaCy leaves capitalised nouns ("Actor") as written."""
    return token.lemma_.lower()


def role_keys(token: Token) -> set[str]:
    """Alias keys of a role noun: its lemma, and with its lowercase modifiers
    ("assistant director" -> {"director", "assistant director"})."""
    # A capital that only starts a sentence (or a headline) does not make a modifier a name.
    mods = [
        lemma(c)
        for c in token.lefts
        if c.dep_ in ("compound", "amod") and (c.is_lower or c.is_sent_start)
    ]
    keys = {lemma(token)}
    if mods:
        keys.add(" ".join([*mods, lemma(token)]))
    return keys


def sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token (all 0 when the doc has no sentence boundaries)."""
    out = [0] * len(doc)
    if not doc.has_annotation("SENT_START") and not doc.has_annotation("DEP"):
        return out
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = k
    return out
