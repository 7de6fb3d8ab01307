"""Character offsets to tokens, by bisection.

``Doc.text`` and ``Doc.char_span`` rebuild the article's whole text on every call; anything
that maps many character spans to tokens (the filter's features, speaker resolution) builds
this index once per article instead.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span


class TokenOffsets:
    """A parsed article's text and where each token starts and ends."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.starts = [t.idx for t in doc]
        self.ends = [t.idx + len(t.text) for t in doc]

    def indices(self, start: int, end: int) -> tuple[int, int]:
        """The first and one-past-the-last index of the tokens overlapping ``start:end``."""
        return bisect_right(self.ends, start), bisect_left(self.starts, end)

    def span(self, start: int, end: int) -> Span | None:
        """The tokens overlapping characters ``start:end``; None when no token does (what
        ``doc.char_span(start, end, alignment_mode="expand")`` gives, without its cost)."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end)
        return self.doc[first:last] if first < last else None
