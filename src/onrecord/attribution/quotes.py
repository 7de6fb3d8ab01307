"""Quotation marks: where quoted stretches start and end, in raw text.

Scraped news mixes straight and curly marks, nests single quotes inside double ones, leaves a
paragraph-final quote open when the quotation continues in the next paragraph, and sometimes
never closes a mark at all. The scanner works paragraph by paragraph so one stray mark cannot
swallow the rest of an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
DOUBLED = "''"
SINGLE = "'‘’"
_SINGLE_OPENING = re.compile(r"(?:^|(?<=[\s(\[—–:]))['‘](?=\w)", re.MULTILINE)
# A paragraph: text between blank lines or single newlines (scraped text uses both).
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Quote:
    """A quoted stretch, marks included. ``pieces`` are per-paragraph stretches when the
    quotation runs over several paragraphs; ``closed`` is False when no closing mark was found."""

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    closed: bool = True

    def inner(self, text: str) -> str:
        return text[self.start : self.end].strip(STRAIGHT + OPENING + CLOSING + "'‘’` \n")


def _is_opening_straight(text: str, i: int, first: int | None = None) -> bool:
    """A straight mark opens when what precedes it is a boundary and what follows is not."""
    first = i if first is None else first
    before = text[first - 1] if first > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/:":
        return not after.isspace()
    return False


def _single_marks(text: str, start: int, end: int) -> list[tuple[int, str, int]]:
    """Opening and closing single quotation marks in one paragraph (British style: 'like
    this' or ‘like this’). An apostrophe inside a word ("don't", "Labour’s") closes nothing:
    a closing mark has a word before it and no letter after it."""
    marks: list[tuple[int, str, int]] = []
    is_open = False
    for i in range(start, end):
        ch = text[i]
        if ch not in SINGLE:
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if not is_open and (ch == "‘" or ch == "'") and _is_opening_straight(text, i):
            marks.append((i, "o", 1))
            is_open = True
        elif is_open and ch != "‘" and not before.isspace() and not after.isalnum():
            marks.append((i, "c", 1))
            is_open = False
    return marks


def uses_single_quotes(text: str) -> bool:
    """Whether the article quotes with single marks (the British convention): it opens
    more single quotations than it uses double marks."""
    doubles = sum(text.count(m) for m in (STRAIGHT, *OPENING, *CLOSING)) + text.count(DOUBLED)
    singles = len(_SINGLE_OPENING.findall(text))
    return singles > doubles


def _paragraph_marks(
    text: str, start: int, end: int, single: bool = False
) -> list[tuple[int, str, int]]:
    """Opening ('o') and closing ('c') double quotation marks in one paragraph, with their
    width: the New York Times writes a double mark as two apostrophes (''like this'')."""
    if single:
        return _single_marks(text, start, end)
    marks: list[tuple[int, str, int]] = []
    depth_open = False  # for straight marks: whether one is open
    i = start
    while i < end:
        ch = text[i]
        width = 2 if text.startswith(DOUBLED, i) else 1
        if ch in OPENING or text.startswith("``", i):
            marks.append((i, "o", 2 if ch == "`" else 1))
        elif ch in CLOSING:
            marks.append((i, "c", 1))
        elif ch == STRAIGHT or width == 2:
            if not depth_open and _is_opening_straight(text, i + width - 1, i):
                marks.append((i, "o", width))
                depth_open = True
            elif depth_open:
                marks.append((i, "c", width))
                depth_open = False
            else:
                # A closing-looking mark with nothing open: the caller treats it as a stray.
                marks.append((i, "c", width))
        i += width if width == 2 or text.startswith("``", i) else 1
    return marks


def find_quotes(text: str) -> list[Quote]:
    """All top-level quoted stretches in ``text``, in order: double marks, or single ones
    in an article that quotes with single marks (where a closed double-marked quotation
    outside the single-marked ones counts too: live blogs and wire copy mix the two).

    >>> [text[q.start:q.end] for text in ['He said "no," then “yes.”'] for q in find_quotes(text)]
    ['"no,"', '“yes.”']
    """
    if not uses_single_quotes(text):
        return _quotes(text, single=False)
    quotes = _quotes(text, single=True)
    doubles = [
        q
        for q in _quotes(text, single=False)
        if q.closed and not any(q.start < o.end and o.start < q.end for o in quotes)
    ]
    return sorted(quotes + doubles, key=lambda q: q.start)


def _quotes(text: str, single: bool) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None  # start of the quotation being read
    pieces: list[tuple[int, int]] = []
    piece_start: int | None = None
    for para in _PARAGRAPH.finditer(text):
        p_start, p_end = para.start(), para.end()
        marks = _paragraph_marks(text, p_start, p_end, single)
        if open_at is not None:
            # A quotation left open at the end of the previous paragraph continues only when
            # this paragraph opens with a quotation mark (the newswire convention).
            stripped_at = p_start + (len(para.group()) - len(para.group().lstrip()))
            if marks and marks[0][0] == stripped_at and marks[0][1] == "o":
                piece_start = marks[0][0]
                marks = marks[1:]
            else:
                quotes.append(Quote(open_at, pieces[-1][1], tuple(pieces), closed=False))
                open_at, pieces, piece_start = None, [], None
        for pos, kind, width in marks:
            if kind == "o" and open_at is None:
                open_at, piece_start, pieces = pos, pos, []
            elif kind == "c" and open_at is not None and piece_start is not None:
                pieces.append((piece_start, pos + width))
                quotes.append(Quote(open_at, pos + width, tuple(pieces)))
                open_at, pieces, piece_start = None, [], None
            # An opening mark inside an open quotation, or a closing one with none open, is
            # a stray: ignoring it keeps the balanced ones around it intact.
        if open_at is not None and piece_start is not None:
            end = p_end
            while end > piece_start and text[end - 1].isspace():
                end -= 1
            pieces.append((piece_start, end))
            piece_start = None
    if open_at is not None and pieces:
        quotes.append(Quote(open_at, pieces[-1][1], tuple(pieces), closed=False))
    return quotes
