"""The record: the one definition of what onrecord produces.

Every consumer (the CLI, the store, the HTTP API, Parquet export, the evaluator) speaks these
dataclasses through ``to_dict`` / ``from_dict``, so the JSON schema lives here and nowhere else.
Offsets are Python ``str`` character offsets into ``Article.text`` exactly as read, so
``text[span.start:span.end] == span.text`` holds for every span.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

# 2: a span's pieces are ``parts`` with their text (1 wrote ``fragments``, offsets only);
# an attribution says its ``content_form``. Version 1 records still read.
SCHEMA_VERSION = 2

Kind = Literal["direct", "indirect", "mixed", "other"]
SpeakerType = Literal["person", "organization", "group", "anonymous", "unknown"]
KINDS: tuple[str, ...] = ("direct", "indirect", "mixed", "other")
# What the content is, as the parse reads it: a quotation (it is or holds words in quotation
# marks), a clause ("that he did not pull the trigger", "to run again") or a bare noun phrase
# ("support for the bill", "a misfire"), which a count of reported speech leaves out.
CONTENT_FORMS: tuple[str, ...] = ("quotation", "clause", "phrase")
SPEAKER_TYPES: tuple[str, ...] = ("person", "organization", "group", "anonymous", "unknown")
# A person source's gender as a reading of the record counts it. The record's entities keep
# "f" / "m" (or nothing when the article does not make it clear); ``gender_name`` words it.
GENDERS: tuple[str, ...] = ("female", "male", "unknown")
# How one attribution stands to another (docs/claims.md): backs it up, denies it, passes it
# on (an attribution inside another's content) or answers it.
RELATION_KINDS: tuple[str, ...] = ("supports", "disputes", "reports", "responds")
_GENDER_WORDS = {"f": "female", "m": "male"}


def gender_name(gender: str | None) -> str:
    """An entity's gender as ``GENDERS`` words it: "f" is "female", None is "unknown"."""
    return _GENDER_WORDS.get(gender or "", "unknown")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Span:
    """A stretch of the article. ``parts`` lists the pieces of a span in two or more pieces:
    a quotation its own frame interrupts ('"A," she said, "B."') or one running over a
    paragraph break; ``start``/``end`` then run from the first piece to the last (PolNeAR's
    convention), and ``parts`` is empty for a span in one piece."""

    start: int
    end: int
    text: str
    parts: tuple[tuple[int, int], ...] = ()

    def check(self) -> Span:
        """The span itself, if it is well formed: ``0 <= start <= end``, its text as long as
        its offsets say, parts in order inside it; else ``ValueError``.

        The one offset discipline, checked where the pipeline makes every span (``of``,
        ``from_pieces``) so that no rule can break it: "cue start 52, end 4" from a rule that
        read a "to" left of "according" fails at the rule, not in a reader's highlighting
        three steps later. A span read back from a store is not checked (an old record
        still opens)."""
        if not 0 <= self.start <= self.end or len(self.text) != self.end - self.start:
            raise ValueError(f"invalid span {self.start}:{self.end} for text {self.text!r}")
        last = self.start
        for start, end in self.parts:
            if not last <= start < end <= self.end:
                raise ValueError(f"invalid parts {self.parts} of {self.start}:{self.end}")
            last = end
        return self

    def fits(self, text: str) -> bool:
        """Whether the span is this stretch of ``text``: ``text[start:end] == span.text``."""
        return self.end <= len(text) and text[self.start : self.end] == self.text

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end]).check()

    @classmethod
    def from_pieces(cls, text: str, pieces: list[tuple[int, int]]) -> Span:
        merged: list[tuple[int, int]] = []
        for piece in sorted(p for p in pieces if p[1] > p[0]):
            if merged and piece[0] < merged[-1][1]:  # overlapping pieces are one piece
                merged[-1] = (merged[-1][0], max(merged[-1][1], piece[1]))
            else:
                merged.append(piece)
        start, end = merged[0][0], merged[-1][1]
        parts = tuple(merged) if len(merged) > 1 else ()
        return cls(start, end, text[start:end], parts).check()

    def pieces(self) -> list[tuple[int, int]]:
        """The span's pieces as offsets: its parts, or the whole span when in one piece."""
        return list(self.parts) or [(self.start, self.end)]

    def part_texts(self) -> list[str]:
        """The text of each piece: '"A," she said, "B."' has ``['A,', 'B.']``."""
        return [self.text[s - self.start : e - self.start] for s, e in self.pieces()]

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.parts:
            d["parts"] = [
                {"start": s, "end": e, "text": t}
                for (s, e), t in zip(self.parts, self.part_texts(), strict=True)
            ]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        # "fragments": how schema 1 wrote the pieces.
        parts = tuple((p["start"], p["end"]) for p in d.get("parts") or d.get("fragments") or ())
        return cls(d["start"], d["end"], d["text"], parts)


def _span_or_none(d: dict[str, Any] | None) -> Span | None:
    return Span.from_dict(d) if d else None


@dataclass
class Boilerplate:
    """A stretch of text that is not article body (caption, video block, share line ...)."""

    start: int
    end: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "reason": self.reason}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Boilerplate:
        return cls(d["start"], d["end"], d["reason"])


@dataclass
class Entity:
    """Someone or something that speaks or is spoken to, resolved within one article."""

    id: str
    name: str
    type: str = "person"  # one of SPEAKER_TYPES
    mentions: list[Span] = field(default_factory=list)
    gender: str | None = None  # "m", "f" or None when unknown

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "mentions": [m.to_dict() for m in self.mentions],
        }
        if self.gender:
            d["gender"] = self.gender
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            d["id"],
            d["name"],
            d.get("type", "person"),
            [Span.from_dict(m) for m in d.get("mentions", [])],
            d.get("gender"),
        )


@dataclass
class Speaker:
    """Who an attribution's source is: an entity of the article, or a typed unnamed source."""

    name: str
    type: str = "unknown"  # one of SPEAKER_TYPES
    entity: str | None = None  # Entity.id when resolved (the first, when there are several)
    # Every entity a coordinated source names ("Trump and Clinton said"), when two or more.
    entities: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"entity": self.entity, "name": self.name, "type": self.type}
        if self.entities:
            d["entities"] = list(self.entities)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Speaker:
        return cls(
            d["name"], d.get("type", "unknown"), d.get("entity"), tuple(d.get("entities") or ())
        )


@dataclass
class Addressee:
    """Whom the source spoke to, when the article names them ("told ABC News")."""

    name: str
    span: Span | None = None
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"entity": self.entity, "name": self.name}
        if self.span is not None:
            d["span"] = self.span.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Addressee:
        return cls(d["name"], _span_or_none(d.get("span")), d.get("entity"))


@dataclass
class Attribution:
    """One attribution relation: a source, through a cue, attributed a content."""

    id: str
    kind: str  # one of KINDS
    content: Span
    cue: Span | None = None
    source: Span | None = None
    speaker: Speaker | None = None
    addressee: Addressee | None = None
    parent: str | None = None
    in_boilerplate: bool = False
    confidence: float = 0.5
    # A quote-only paragraph continuing the speech of an earlier attribution: its id.
    continues: str | None = None
    content_form: str | None = None  # one of CONTENT_FORMS; None in a record from elsewhere

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "source": self.source.to_dict() if self.source else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "addressee": self.addressee.to_dict() if self.addressee else None,
            "parent": self.parent,
            "in_boilerplate": self.in_boilerplate,
            "confidence": round(float(self.confidence), 4),
            "continues": self.continues,
            "content_form": self.content_form,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        return cls(
            id=d["id"],
            kind=d["kind"],
            content=Span.from_dict(d["content"]),
            cue=_span_or_none(d.get("cue")),
            source=_span_or_none(d.get("source")),
            speaker=Speaker.from_dict(d["speaker"]) if d.get("speaker") else None,
            addressee=Addressee.from_dict(d["addressee"]) if d.get("addressee") else None,
            parent=d.get("parent"),
            in_boilerplate=bool(d.get("in_boilerplate", False)),
            confidence=float(d.get("confidence", 0.5)),
            continues=d.get("continues"),
            content_form=d.get("content_form"),
        )


@dataclass
class Claim:
    """Attributions of one article that put forward the same proposition, whoever says it:
    "I didn't pull the trigger" (Baldwin) and "Baldwin never pulled the trigger" (his
    lawyer's client) are one claim. Every attribution that puts a proposition forward has
    one; ``text`` words it as its first attribution does."""

    id: str
    attributions: tuple[str, ...]
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "attributions": list(self.attributions), "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(d["id"], tuple(d.get("attributions") or ()), d.get("text", ""))


@dataclass
class Relation:
    """How attribution ``from_`` stands to ``to`` (an attribution id, or a claim id): one of
    RELATION_KINDS, with the words that say so ("backs up", "denied", "told") as ``cue``."""

    kind: str
    from_: str
    to: str
    cue: Span | None = None
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "from": self.from_,
            "to": self.to,
            "cue": self.cue.to_dict() if self.cue else None,
            "confidence": round(float(self.confidence), 4),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Relation:
        return cls(
            d["kind"],
            d["from"],
            d["to"],
            _span_or_none(d.get("cue")),
            float(d.get("confidence", 0.5)),
        )


@dataclass
class Article:
    """The record of one document: its text, what is not article body, who is in it,
    and every attribution."""

    id: str
    text: str
    source: str | None = None  # where it came from: a path, "-", a URL, "file.warc#record"
    boilerplate: list[Boilerplate] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)  # title, url, date, author ...
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # Which reader made the record: "accurate" (the encoder), "fast" (rules + CRFs) or
    # "rules" (--no-model); None for a record from elsewhere (gold, an older store).
    reader: str | None = None

    @property
    def text_sha256(self) -> str:
        return sha256_text(self.text)

    def spans(self) -> Iterator[Span]:
        """Every span of the record: mentions, contents, cues, sources, addressees."""
        for entity in self.entities:
            yield from entity.mentions
        for a in self.attributions:
            yield a.content
            for span in (a.cue, a.source, a.addressee.span if a.addressee else None):
                if span is not None:
                    yield span
        for r in self.relations:
            if r.cue is not None:
                yield r.cue

    def check_spans(self) -> None:
        """Raise ``ValueError`` unless every span is the stretch of the text its offsets
        say; the pipeline checks each record it builds."""
        for span in self.spans():
            if not span.check().fits(self.text):
                raise ValueError(
                    f"span {span.start}:{span.end} {span.text!r} is not that stretch of the text"
                )
        for b in self.boilerplate:
            if not 0 <= b.start <= b.end <= len(self.text):
                raise ValueError(f"boilerplate {b.start}:{b.end} is outside the text")

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "source": self.source,
            "text_sha256": self.text_sha256,
            "reader": self.reader,
        }
        if include_text:
            d["text"] = self.text
        d["metadata"] = dict(self.metadata)
        d["boilerplate"] = [b.to_dict() for b in self.boilerplate]
        d["entities"] = [e.to_dict() for e in self.entities]
        d["attributions"] = [a.to_dict() for a in self.attributions]
        d["claims"] = [c.to_dict() for c in self.claims]
        d["relations"] = [r.to_dict() for r in self.relations]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(
            id=d["id"],
            text=d.get("text", ""),
            source=d.get("source"),
            boilerplate=[Boilerplate.from_dict(b) for b in d.get("boilerplate", [])],
            entities=[Entity.from_dict(e) for e in d.get("entities", [])],
            attributions=[Attribution.from_dict(a) for a in d.get("attributions", [])],
            metadata=dict(d.get("metadata") or {}),
            claims=[Claim.from_dict(c) for c in d.get("claims") or []],
            relations=[Relation.from_dict(r) for r in d.get("relations") or []],
            reader=d.get("reader"),
        )


def confident(article: Article, min_confidence: float) -> Article:
    """A copy of the record with only the attributions whose confidence is at least
    ``min_confidence``: the precision end of the trade-off (on PolNeAR dev, see docs/accuracy.md).
    """
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must be between 0 and 1, not {min_confidence}")
    return keeping(article, lambda a: a.confidence >= min_confidence)


def keeping(article: Article, keep: Callable[[Attribution], bool]) -> Article:
    """A copy of the record with only the attributions ``keep`` says yes to (``confident``,
    ``onrecord.scope.select``).

    An attribution nested in one that is dropped hangs from the nearest kept ancestor (or is
    top level); a continuation of a dropped attribution no longer points to it; claims and
    relations keep only what is kept.
    """
    by_id = {a.id: a for a in article.attributions}
    kept = {a.id for a in article.attributions if keep(a)}

    def kept_ancestor(parent: str | None) -> str | None:
        seen: set[str] = set()
        while parent is not None and parent not in kept and parent not in seen:
            seen.add(parent)
            parent = by_id[parent].parent if parent in by_id else None
        return parent if parent in kept else None

    attributions = [
        replace(
            a,
            parent=kept_ancestor(a.parent),
            continues=a.continues if a.continues in kept else None,
        )
        for a in article.attributions
        if a.id in kept
    ]
    # A claim keeps the attributions kept; one left with none goes, and relations with it.
    claims = [
        replace(c, attributions=tuple(i for i in c.attributions if i in kept))
        for c in article.claims
        if any(i in kept for i in c.attributions)
    ]
    claim_ids = {c.id for c in claims}
    return replace(
        article,
        boilerplate=list(article.boilerplate),
        entities=list(article.entities),
        attributions=attributions,
        metadata=dict(article.metadata),
        claims=claims,
        relations=[r for r in article.relations if r.from_ in kept and r.to in kept | claim_ids],
    )


def speaker_key(a: Attribution) -> str | None:
    """Who an attribution is by, for grouping and colouring: the entity id, or the name as
    written when the speaker was not resolved (``"e2"``, ``"a spokeswoman"``); None when the
    attribution has no speaker."""
    if a.speaker is None:
        return None
    return a.speaker.entity or a.speaker.name


def speaker_order(article: Article) -> list[str]:
    """The article's speaker keys in order of first attribution, each once."""
    keys: dict[str, None] = {}
    for a in article.attributions:
        key = speaker_key(a)
        if key:
            keys.setdefault(key)
    return list(keys)
