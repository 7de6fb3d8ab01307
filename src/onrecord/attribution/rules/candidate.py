"""A candidate attribution in token indices, and the token extents the rules cut it from.

Every rule proposes a :class:`Candidate`; the helpers here turn a token's subtree into the
spans a candidate holds: trimmed of edge punctuation, cut where an excluded phrase sits, split
into pieces around a parenthetical ("Within marriages, they said, women ...").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

# Quotation marks that may open or close a quoted title inside a span ('the western "Rust"').
_QUOTE_MARKS = {'"', "“", "”", "''"}
_CLOSING_MARKS = {'"', "”", "''"}
# Sentence-final marks a span keeps at its end ("... would pass by Friday.").
_FINAL = {".", "?", "!"}

# A stretch of tokens: start and end token indices, end exclusive.
Extent = tuple[int, int]


@dataclass
class Candidate:
    """One proposed attribution, in token indices (``end`` exclusive)."""

    cue: list[tuple[int, int]]
    content: list[tuple[int, int]]
    source: tuple[int, int] | None = None
    addressee: tuple[int, int] | None = None
    category: str = "speech"  # speech | other
    rule: str = ""
    quotes: list[int] = field(default_factory=list)  # indices into the quote list, if any


def extent(tokens: list[Token]) -> tuple[int, int]:
    """The smallest span holding every token."""
    return min(t.i for t in tokens), max(t.i for t in tokens) + 1


def balance_quotes(doc: Doc, start: int, end: int) -> int:
    """A span ending inside a quoted title ('the western "Rust') takes the closing mark the
    parser attached elsewhere."""
    marks = sum(1 for t in doc[start:end] if t.text in _QUOTE_MARKS)
    if marks % 2 == 1 and end < len(doc) and doc[end].text in _CLOSING_MARKS:
        return end + 1
    return end


def trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop punctuation and conjunctions at the edges, but keep quotation marks."""
    while start < end and (
        (doc[start].is_punct and not doc[start].is_quote) or doc[start].dep_ == "cc"
    ):
        start += 1
    while end > start and (
        (
            doc[end - 1].is_punct
            and not doc[end - 1].is_quote
            and (doc[end - 1].text not in _FINAL or end - 1 == start)
        )
        # "had slowed to 12%, and warned ...": the conjunction hangs on the first clause.
        or doc[end - 1].dep_ == "cc"
    ):
        end -= 1
    end = balance_quotes(doc, start, end)
    return (start, end) if end > start else None


def subtree_extent(token: Token, exclude: set[int] | None = None) -> tuple[int, int]:
    """The extent of the token's subtree without the excluded tokens (the token alone when
    nothing is left)."""
    tokens = [t for t in token.subtree if not exclude or t.i not in exclude]
    return extent(tokens or [token])


def pieces_of(token: Token, exclude: set[int]) -> list[tuple[int, int]]:
    """The token's subtree without the excluded tokens, as its maximal contiguous runs:
    "Within marriages, they said, women now have ..." is one content in two pieces."""
    keep = sorted({t.i for t in token.subtree} - exclude)
    runs: list[tuple[int, int]] = []
    for i in keep:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    pieces = [trim(token.doc, s, e) for s, e in runs]
    return [
        p
        for p in pieces
        if p and any(not (t.is_punct or t.is_space) for t in token.doc[p[0] : p[1]])
    ]


def span_of(token: Token, exclude: set[int]) -> tuple[int, int] | None:
    """The token's subtree without the excluded tokens: the contiguous run around the token,
    so an excluded phrase at the edge ("..., according to X.") cuts the span there."""
    keep = {t.i for t in token.subtree} - exclude
    if token.i not in keep:
        return trim(token.doc, *subtree_extent(token, exclude))
    start = end = token.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    return trim(token.doc, start, end + 1)
