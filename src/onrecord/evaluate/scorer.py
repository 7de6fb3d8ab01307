"""Attribution scores: exact span match and token overlap, per role (content, source, cue).

Pure functions over gold and predicted :class:`~onrecord.record.Article` records, matched by
article id. docs/evaluation.md states the definitions; keep the two in step.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from onrecord.record import KINDS, Article, Attribution, Span

ROLES: tuple[str, ...] = ("content", "source", "cue")
_TOKEN = re.compile(r"\w+|[^\w\s]")

Extent = tuple[int, int]


# --- spans -----------------------------------------------------------------------------------


def _trimmable(ch: str) -> bool:
    # Every Unicode punctuation category: quote marks straight and curly, dashes, ellipses.
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def normalised_extent(text: str, span: Span) -> Extent:
    """The span's start..end with whitespace, punctuation and quote marks trimmed from both
    ends, so ``"We won,"`` and ``We won`` are the same answer."""
    start, end = span.start, span.end
    while start < end and _trimmable(text[start]):
        start += 1
    while end > start and _trimmable(text[end - 1]):
        end -= 1
    return start, end


def tokenize(text: str) -> list[Extent]:
    """Token character ranges: runs of word characters, and every other non-space
    character on its own."""
    return [m.span() for m in _TOKEN.finditer(text)]


def span_tokens(tokens: Sequence[Extent], span: Span | None) -> frozenset[int]:
    """Indices of the tokens that share at least one character with one of the span's
    pieces; a discontinuous span leaves out the words between its fragments."""
    if span is None:
        return frozenset()
    out: set[int] = set()
    for start, end in span.pieces():
        lo = _first_token_ending_after(tokens, start)
        for i in range(lo, len(tokens)):
            if tokens[i][0] >= end:
                break
            out.add(i)
    return frozenset(out)


def _first_token_ending_after(tokens: Sequence[Extent], pos: int) -> int:
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def role_span(attribution: Attribution, role: str) -> Span | None:
    span: Span | None = getattr(attribution, role)
    return span


# --- counts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 from a count of hits and the two totals they are out of.
    Hits and totals are spans (exact match) or tokens (overlap)."""

    hits: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return _ratio(self.hits, self.predicted, self.gold)

    @property
    def recall(self) -> float:
        return _ratio(self.hits, self.gold, self.predicted)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.hits + other.hits, self.predicted + other.predicted, self.gold + other.gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "hits": self.hits,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def _ratio(hits: int, denominator: int, other_total: int) -> float:
    if denominator:
        return hits / denominator
    # Nothing to find and nothing found is perfect; anything else with an empty
    # denominator is scored 0 rather than left undefined.
    return 1.0 if other_total == 0 else 0.0


ZERO = PRF(0, 0, 0)


@dataclass(frozen=True)
class RoleScores:
    exact: PRF = ZERO
    overlap: PRF = ZERO

    def __add__(self, other: RoleScores) -> RoleScores:
        return RoleScores(self.exact + other.exact, self.overlap + other.overlap)

    def to_dict(self) -> dict[str, Any]:
        return {"exact": self.exact.to_dict(), "overlap": self.overlap.to_dict()}


# --- one article -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """A gold and a predicted attribution paired by content token overlap."""

    gold: int  # index into DocAlignment.gold
    predicted: int  # index into DocAlignment.predicted
    overlap: int  # content tokens in common


@dataclass
class DocAlignment:
    """How one article's predictions line up with its gold: the pairs, the scores."""

    article: Article
    gold: list[Attribution]
    predicted: list[Attribution]
    pairs: list[Pair]
    roles: dict[str, RoleScores]

    @property
    def unpaired_gold(self) -> list[int]:
        paired = {p.gold for p in self.pairs}
        return [i for i in range(len(self.gold)) if i not in paired]

    @property
    def unpaired_predicted(self) -> list[int]:
        paired = {p.predicted for p in self.pairs}
        return [i for i in range(len(self.predicted)) if i not in paired]


def exact_matches(text: str, gold: Iterable[Span], predicted: Iterable[Span]) -> PRF:
    """One-to-one matching of spans with equal normalised extents: with repeated extents,
    each gold span is matched at most once."""
    g = Counter(normalised_extent(text, s) for s in gold)
    p = Counter(normalised_extent(text, s) for s in predicted)
    hits = sum((g & p).values())
    return PRF(hits, sum(p.values()), sum(g.values()))


def pair_attributions(
    gold_tokens: Sequence[frozenset[int]],
    predicted_tokens: Sequence[frozenset[int]],
    tie_break: Sequence[Sequence[int]] | None = None,
) -> list[Pair]:
    """Pair gold and predicted attributions one-to-one so the content tokens they share
    are as many as possible; pairs sharing no content token are not pairs.

    ``tie_break[g][p]`` (the source and cue tokens a pair shares) only decides between
    pairings with equally many content tokens in common: two attributions of one quote by
    different speakers must each go to the right speaker.
    """
    overlap = [[len(g & p) for p in predicted_tokens] for g in gold_tokens]
    if not any(any(row) for row in overlap):
        return []
    weights = overlap
    if tie_break is not None:
        # Larger than any total of tie-break values, so content overlap always comes first.
        scale = 1 + sum(max(row, default=0) for row in tie_break)
        weights = [
            [w * scale + t if w else 0 for w, t in zip(ws, ts, strict=True)]
            for ws, ts in zip(overlap, tie_break, strict=True)
        ]
    chosen = _assign(weights)
    return sorted(
        (Pair(gi, pi, overlap[gi][pi]) for gi, pi in chosen if overlap[gi][pi] > 0),
        key=lambda pair: (pair.gold, pair.predicted),
    )


def _assign(weights: list[list[int]]) -> list[tuple[int, int]]:
    try:
        from scipy.optimize import linear_sum_assignment
    except ImportError:  # scipy is optional: greedy is near-optimal on sparse overlaps
        return greedy_assignment(weights)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True)]


def matching_method() -> str:
    try:
        import scipy.optimize  # noqa: F401
    except ImportError:
        return "greedy"
    return "hungarian"


def greedy_assignment(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Largest overlap first; ties go to the earlier gold, then the earlier prediction."""
    cells = sorted(
        ((w, i, j) for i, row in enumerate(weights) for j, w in enumerate(row) if w > 0),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    out = []
    for _, i, j in cells:
        if i not in used_rows and j not in used_cols:
            used_rows.add(i)
            used_cols.add(j)
            out.append((i, j))
    return out


def align_article(gold: Article, predicted: Article | None) -> DocAlignment:
    """Pair one article's attributions and score every role both ways."""
    if predicted is not None and predicted.text != gold.text:
        raise ValueError(
            f"{gold.id}: the predicted record's text differs from the gold text, so its "
            "offsets cannot be compared"
        )
    gold_attrs = list(gold.attributions)
    # PolNeAR is univocal: a token has at most one role, so an attribution nested inside
    # another's content is never annotated (0.6% of train gold is). Only top-level
    # predictions are comparable; nested ones stay in the record, linked by ``parent``.
    pred_attrs = [a for a in predicted.attributions if a.parent is None] if predicted else []
    tokens = tokenize(gold.text)

    def toks(attrs: list[Attribution], role: str) -> list[frozenset[int]]:
        return [span_tokens(tokens, role_span(a, role)) for a in attrs]

    gold_toks = {role: toks(gold_attrs, role) for role in ROLES}
    pred_toks = {role: toks(pred_attrs, role) for role in ROLES}
    tie_break = [
        [
            len(gold_toks["source"][g] & pred_toks["source"][p])
            + len(gold_toks["cue"][g] & pred_toks["cue"][p])
            for p in range(len(pred_attrs))
        ]
        for g in range(len(gold_attrs))
    ]
    pairs = pair_attributions(gold_toks["content"], pred_toks["content"], tie_break)

    roles: dict[str, RoleScores] = {}
    for role in ROLES:
        exact = exact_matches(
            gold.text,
            (s for a in gold_attrs if (s := role_span(a, role)) is not None),
            (s for a in pred_attrs if (s := role_span(a, role)) is not None),
        )
        hits = sum(len(gold_toks[role][p.gold] & pred_toks[role][p.predicted]) for p in pairs)
        overlap = PRF(hits, sum(map(len, pred_toks[role])), sum(map(len, gold_toks[role])))
        roles[role] = RoleScores(exact, overlap)
    return DocAlignment(gold, gold_attrs, pred_attrs, pairs, roles)


# --- a corpus --------------------------------------------------------------------------------


@dataclass
class Scores:
    """A system's scores over a corpus, with what it predicted and how fast."""

    roles: dict[str, RoleScores]
    docs: int
    gold_attributions: int
    predicted_attributions: int
    paired: int
    predicted_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float | None = None
    matching: str = "hungarian"

    @property
    def docs_per_second(self) -> float | None:
        if self.seconds is None or self.seconds <= 0:
            return None
        return self.docs / self.seconds

    def to_dict(self) -> dict[str, Any]:
        dps = self.docs_per_second
        return {
            "docs": self.docs,
            "seconds": None if self.seconds is None else round(self.seconds, 3),
            "docs_per_second": None if dps is None else round(dps, 3),
            "gold_attributions": self.gold_attributions,
            "predicted_attributions": self.predicted_attributions,
            "paired_attributions": self.paired,
            "predicted_kinds": dict(self.predicted_kinds),
            "matching": self.matching,
            **{role: self.roles[role].to_dict() for role in ROLES},
        }


def align(gold: Sequence[Article], predicted: Iterable[Article]) -> list[DocAlignment]:
    """Align every gold article with the prediction of the same id; a gold article with no
    prediction counts as one where nothing was found."""
    by_id: dict[str, Article] = {}
    gold_ids = {a.id for a in gold}
    for article in predicted:
        if article.id not in gold_ids:
            raise ValueError(f"prediction for unknown article id {article.id!r}")
        if article.id in by_id:
            raise ValueError(f"two predictions for article id {article.id!r}")
        by_id[article.id] = article
    return [align_article(g, by_id.get(g.id)) for g in gold]


def summarise(alignments: Sequence[DocAlignment], seconds: float | None = None) -> Scores:
    roles = {role: RoleScores() for role in ROLES}
    kinds: Counter[str] = Counter({k: 0 for k in KINDS})
    for doc in alignments:
        for role in ROLES:
            roles[role] = roles[role] + doc.roles[role]
        kinds.update(a.kind for a in doc.predicted)
    return Scores(
        roles=roles,
        docs=len(alignments),
        gold_attributions=sum(len(d.gold) for d in alignments),
        predicted_attributions=sum(len(d.predicted) for d in alignments),
        paired=sum(len(d.pairs) for d in alignments),
        predicted_kinds=dict(kinds),
        seconds=seconds,
        matching=matching_method(),
    )


def score(
    gold: Sequence[Article], predicted: Iterable[Article], *, seconds: float | None = None
) -> Scores:
    """Score predictions against gold. ``seconds`` is how long the predictions took."""
    return summarise(align(gold, predicted), seconds)
