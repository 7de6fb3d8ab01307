"""A record as the reader shows it: paragraphs of plain pieces, each tagged with what it is.

Nothing here produces HTML. The templates (Jinja2, autoescaping on) turn each ``Piece`` into
one element whose text is escaped, so article text can never become markup: the highlight
structure comes from offsets, never from the text. Classes name a palette slot (``c3``
background, ``u3`` underline) instead of inline colours, so the Content-Security-Policy can
forbid inline styles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from onrecord.record import Article, Attribution, Entity, speaker_key, speaker_order
from onrecord.store.search import search_terms

PALETTE_SIZE = 10
NO_SPEAKER = "x"
# Whitespace holding a line break separates paragraphs (news text arrives one paragraph a
# line, sometimes with blank lines between).
_SEPARATOR = re.compile(r"[^\S\n]*\n\s*")
_WORD = re.compile(r"[^\W_]+")
_ROLE_CLASS = {"cue": "cue", "source": "src"}


@dataclass(frozen=True)
class Piece:
    """A stretch of text with one look: ``attr`` is the attribution a click on it shows,
    ``anchors`` the attributions whose content starts here (link targets)."""

    text: str
    attr: str | None = None
    classes: str = ""
    title: str | None = None
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    pieces: tuple[Piece, ...]
    boilerplate: str | None = None  # the reason, when the whole paragraph is boilerplate


@dataclass(frozen=True)
class SpeakerView:
    key: str
    name: str
    type: str
    colour: str
    count: int
    speaker_id: int | None = None  # the store's speaker, for a link to the speaker page


@dataclass(frozen=True)
class AttributionView:
    id: str
    kind: str
    confidence: float
    colour: str
    content: str
    cue: str | None
    source: str | None
    speaker: str | None
    speaker_key: str | None
    speaker_type: str | None
    entity: Entity | None
    speaker_id: int | None
    addressee: str | None
    in_boilerplate: bool
    parent: str | None
    continues: str | None
    # The corpus claim its claim joined (a stored, linked article), and how it stands to
    # other attributions: (kind, the other's id, the words that say so).
    corpus_claim: int | None = None
    relations: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class ArticleView:
    article: Article
    title: str
    paragraphs: list[Paragraph]
    speakers: list[SpeakerView]
    attributions: list[AttributionView]
    stored: bool = False
    metadata: dict[str, str] = field(default_factory=dict)


def colour_slots(article: Article) -> dict[str, str]:
    """Palette slot per speaker key, in order of first attribution (as the terminal does):
    speakers next to each other in the text never share a slot, and a slot comes round again
    only once all ``PALETTE_SIZE`` are taken (reader.css picks them to stay far apart)."""
    return {key: str(i % PALETTE_SIZE) for i, key in enumerate(speaker_order(article))}


def _colour(a: Attribution, slots: dict[str, str]) -> str:
    return slots.get(speaker_key(a) or "", NO_SPEAKER)


def _who(a: Attribution) -> str:
    return a.speaker.name if a.speaker else "no speaker found"


def _title(a: Attribution, role: str | None = None) -> str:
    label = f"{_who(a)} · {a.kind} · {a.confidence:.2f}"
    return f"{role} · {label}" if role else label


# What a stretch of text is inside of, by category ("content", "cue", "source", "boiler",
# "sep"): for each, how many times each key (an attribution id, a boilerplate index, a
# separator index) is open there.
_Active = defaultdict[str, Counter[str]]


@dataclass
class _Marks:
    """Where each highlight, boilerplate stretch and paragraph break opens and closes, as
    (category, key) by offset; ``starts``: the attributions whose content starts there."""

    n: int
    opens: defaultdict[int, list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    closes: defaultdict[int, list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    starts: defaultdict[int, list[str]] = field(default_factory=lambda: defaultdict(list))

    def mark(self, category: str, key: str, start: int, end: int) -> None:
        # Clipped to the text: a span out of range or empty marks nothing.
        start, end = max(0, start), min(self.n, end)
        if start < end:
            self.opens[start].append((category, key))
            self.closes[end].append((category, key))

    def bounds(self) -> list[int]:
        return sorted({0, self.n, *self.opens, *self.closes, *self.starts})

    def step(self, active: _Active, pos: int) -> None:
        """Move ``active`` across ``pos``: what closes there first, then what opens."""
        for category, key in self.closes.get(pos, ()):
            active[category][key] -= 1
            if active[category][key] <= 0:
                del active[category][key]
        for category, key in self.opens.get(pos, ()):
            active[category][key] += 1


def _marks(article: Article) -> _Marks:
    n = len(article.text)
    marks = _Marks(n)
    for a in article.attributions:
        for start, end in a.content.pieces():
            marks.mark("content", a.id, start, end)
        marks.starts[max(0, min(n, a.content.start))].append(a.id)
        if a.cue:
            marks.mark("cue", a.id, a.cue.start, a.cue.end)
        if a.source:
            marks.mark("source", a.id, a.source.start, a.source.end)
    for i, b in enumerate(article.boilerplate):
        marks.mark("boiler", str(i), b.start, b.end)
    for i, m in enumerate(_SEPARATOR.finditer(article.text)):
        marks.mark("sep", str(i), m.start(), m.end())
    return marks


@dataclass
class _Looks:
    """How a stretch looks given what it is inside of."""

    article: Article
    slots: dict[str, str]

    def __post_init__(self) -> None:
        self.by_id = {a.id: a for a in self.article.attributions}
        self.size = {a.id: a.content.end - a.content.start for a in self.article.attributions}

    def innermost(self, ids: Iterable[str]) -> str:
        """The attribution a click shows: the shortest content, then the latest starting."""
        return min(ids, key=lambda i: (self.size[i], -self.by_id[i].content.start, i))

    def of(self, active: _Active) -> tuple[str, str | None, str | None]:
        """(classes, the attribution a click shows, its title): the content's colour as a
        background, a cue's or source's as an underline (they win the click)."""
        classes: list[str] = []
        target: str | None = None
        title: str | None = None
        if active["boiler"]:
            classes.append("boiler")
        if active["content"]:
            inner = self.innermost(active["content"])
            classes += ["hl", "c" + _colour(self.by_id[inner], self.slots)]
            if len(active["content"]) > 1:
                classes.append("nested")
            target, title = inner, _title(self.by_id[inner])
        role = "cue" if active["cue"] else "source" if active["source"] else None
        if role:
            owner = self.innermost(active[role])
            classes += [_ROLE_CLASS[role], "u" + _colour(self.by_id[owner], self.slots)]
            target, title = owner, _title(self.by_id[owner], role)
        return " ".join(classes), target, title


def paragraphs(article: Article, slots: dict[str, str] | None = None) -> list[Paragraph]:
    """The article's paragraphs, cut wherever a highlight starts or ends.

    One sweep over every span boundary, so the cost grows with the number of spans plus
    paragraphs, not their product (a long article with hundreds of quotes stays fast).
    """
    text = article.text
    looks = _Looks(article, slots if slots is not None else colour_slots(article))
    marks = _marks(article)
    reasons = {str(i): b.reason for i, b in enumerate(article.boilerplate)}
    active: _Active = defaultdict(Counter)
    out: list[Paragraph] = []
    current: list[tuple[Piece, str | None]] = []
    pending: list[str] = []

    def flush() -> None:
        if current:
            out.append(_paragraph(current))
            current.clear()

    bounds = marks.bounds()
    for pos, end in zip(bounds, bounds[1:], strict=False):
        marks.step(active, pos)
        pending.extend(marks.starts.get(pos, ()))
        if active["sep"]:
            flush()
            continue
        classes, target, title = looks.of(active)
        piece = Piece(text[pos:end], target, classes, title, tuple(pending))
        pending.clear()
        boiler = next(iter(active["boiler"]), None)
        current.append((piece, reasons.get(boiler) if boiler is not None else None))
    flush()
    return out


def _paragraph(items: list[tuple[Piece, str | None]]) -> Paragraph:
    merged: list[Piece] = []
    for piece, _ in items:
        last = merged[-1] if merged else None
        if (
            last is not None
            and not piece.anchors
            and (last.attr, last.classes, last.title) == (piece.attr, piece.classes, piece.title)
        ):
            merged[-1] = Piece(last.text + piece.text, last.attr, last.classes, last.title,
                               last.anchors)  # fmt: skip
        else:
            merged.append(piece)
    reasons = {reason for _, reason in items}
    whole = reasons.pop() if len(reasons) == 1 else None
    return Paragraph(tuple(merged), whole)


def speaker_views(
    article: Article, slots: dict[str, str], speaker_ids: dict[str, int] | None = None
) -> list[SpeakerView]:
    """Who speaks in the article, most attributions first."""
    counts: Counter[str] = Counter()
    first: dict[str, Attribution] = {}
    for a in article.attributions:
        key = speaker_key(a)
        if key is None:
            continue
        counts[key] += 1
        first.setdefault(key, a)
    views = []
    for key, a in first.items():
        assert a.speaker is not None
        entity = article.entity(a.speaker.entity)
        views.append(
            SpeakerView(
                key=key,
                name=entity.name if entity else a.speaker.name,
                type=entity.type if entity else a.speaker.type,
                colour=slots.get(key, NO_SPEAKER),
                count=counts[key],
                speaker_id=(speaker_ids or {}).get(key),
            )
        )
    order = list(first)
    return sorted(views, key=lambda v: (-v.count, order.index(v.key)))


def attribution_views(
    article: Article,
    slots: dict[str, str],
    speaker_ids: dict[str, int] | None = None,
    claim_ids: dict[str, int] | None = None,
) -> list[AttributionView]:
    views = []
    kept = {a.id for a in article.attributions}
    for a in article.attributions:
        entity = article.entity(a.speaker.entity) if a.speaker else None
        views.append(
            AttributionView(
                id=a.id,
                kind=a.kind,
                confidence=a.confidence,
                colour=_colour(a, slots),
                content=a.content.text,
                cue=a.cue.text if a.cue else None,
                source=a.source.text if a.source else None,
                speaker=a.speaker.name if a.speaker else None,
                speaker_key=speaker_key(a),
                speaker_type=a.speaker.type if a.speaker else None,
                entity=entity,
                speaker_id=(speaker_ids or {}).get(speaker_key(a) or ""),
                addressee=a.addressee.name if a.addressee else None,
                in_boilerplate=a.in_boilerplate,
                parent=a.parent,
                continues=a.continues,
                corpus_claim=(claim_ids or {}).get(a.id),
                relations=tuple(
                    (r.kind, r.to, r.cue.text if r.cue else "")
                    for r in article.relations
                    if r.from_ == a.id and r.to in kept
                ),
            )
        )
    return views


_SHOWN_METADATA = ("author", "date", "site_name", "url")
HEADLINE_MAX = 160


def headline(article: Article) -> str | None:
    """A pasted article's first body line, when it reads like a headline (short, no full
    stop): something better to show than a hash when the article has no title."""
    in_boilerplate = [(b.start, b.end) for b in article.boilerplate]
    for m in re.finditer(r"[^\n]+", article.text):
        line = m.group().strip()
        if not line or any(s <= m.start() < e for s, e in in_boilerplate):
            continue
        if len(line) <= HEADLINE_MAX and not line.endswith((".", '"', "”")):
            return line
        return None
    return None


def article_view(
    article: Article,
    *,
    stored: bool = False,
    speaker_ids: dict[str, int] | None = None,
    claim_ids: dict[str, int] | None = None,
) -> ArticleView:
    slots = colour_slots(article)
    meta = article.metadata
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    return ArticleView(
        article=article,
        title=title or headline(article) or article.source or article.id,
        paragraphs=paragraphs(article, slots),
        speakers=speaker_views(article, slots, speaker_ids),
        attributions=attribution_views(article, slots, speaker_ids, claim_ids),
        stored=stored,
        metadata={k: str(meta[k]) for k in _SHOWN_METADATA if meta.get(k)},
    )


_SUFFIXES = ("ing", "ed", "es", "s")


def _rough_stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def marked_terms(text: str, query: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, matches) so a search result can show why it matched. The
    store stems words ("warning" finds "warned"); a rough suffix strip is enough to show
    which words those were, and a miss only leaves a word unmarked."""
    stems = {_rough_stem(t) for t in search_terms(query)}
    if not stems:
        return [(text, False)]
    out: list[tuple[str, bool]] = []
    last = 0
    for m in _WORD.finditer(text):
        if _rough_stem(m.group().casefold()) in stems:
            if m.start() > last:
                out.append((text[last : m.start()], False))
            out.append((m.group(), True))
            last = m.end()
    if last < len(text):
        out.append((text[last:], False))
    return out
