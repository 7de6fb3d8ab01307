"""Interviews set as "Q:" and "A:" lines: who asks and who answers.

An answer runs from its "A:" to the next question, over paragraphs that carry no mark of
their own, so its "I" and "we" are the one interviewed and a question's "you" is too:

    Q: Why should the U.S. stay?
    A: I think it's in our interests.            <- "I": the one interviewed
    We stayed in Japan for years.                <- "We": still the answer
    Q: You thank him for that.                   <- "You": the one interviewed
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from onrecord.record import Span as RecordSpan
from onrecord.speakers.clusters import Cluster, Context
from onrecord.speakers.run import Resolution

# A turn's mark opens a line: "Q:", "A:", or a scraped "Q" run into its question
# ("QLast October, President Obama ...": the colon lost with the markup).
_TURN = re.compile(r"^[ \t]*(?:(Q|A):[ \t]*|(Q)(?=[A-Z][a-z']))", re.MULTILINE)
# Turns enough to call the article an interview: one stray "A:" line is not.
MIN_ANSWERS = 2


@lru_cache(maxsize=8)
def turns(text: str) -> tuple[tuple[int, str], ...]:
    """Where each question or answer starts, with "Q" or "A"; none unless the article
    answers at least MIN_ANSWERS times."""
    found = tuple((m.start(), m.group(1) or m.group(2)) for m in _TURN.finditer(text))
    if sum(kind == "A" for _, kind in found) < MIN_ANSWERS:
        return ()
    return found


def turn_at(text: str, char: int) -> str | None:
    """ "Q" or "A": the turn of an interview that character ``char`` lies in, else None."""
    marks = turns(text)
    i = bisect_right(marks, (char, "~")) - 1
    return marks[i][1] if i >= 0 else None


def interviewee(ctx: Context) -> Cluster | None:
    """The one interviewed: the first person the article names before its first turn."""
    text = ctx.offsets.text
    first_turn = re.search(r"^[ \t]*[QA]:", text, re.MULTILINE)
    marks = turns(text)
    before = first_turn.start() if first_turn else (marks[0][0] if marks else len(text))
    named = [
        (min(c.spans), c)
        for c in ctx.clusters
        if c.type == "person" and c.names and c.spans and min(c.spans)[0] < before
    ]
    return min(named, key=lambda x: x[0])[1] if named else None


def interview_leader(ctx: Context, source: RecordSpan) -> Resolution | None:
    """ "Q:" and "A:" opening an interview's lines: the interviewer, no one the article names,
    and the one interviewed, the first person the article names before its first question."""
    if source.text not in {"Q", "A"}:
        return None
    text = ctx.offsets.text
    if not text.startswith(":", source.end):
        return None
    if text[: source.start].rstrip(" \t")[-1:] not in {"", "\n"}:
        return None
    return interviewer() if source.text == "Q" else interviewed(ctx)


def interviewer() -> Resolution:
    return Resolution(None, "the interviewer", "unknown")


def interviewed(ctx: Context) -> Resolution:
    """The one interviewed as a resolution: the entity, else a person the article never names."""
    found = interviewee(ctx)
    return Resolution(found) if found else Resolution(None, "the interviewee", "person")


def turn_speaker(ctx: Context, char: int, addressed: bool = False) -> Resolution | None:
    """Who a first person at ``char`` outside any quotation is, in an interview: the one
    interviewed in an answer, the interviewer in a question; ``addressed`` for a "you",
    the other one. None outside an interview."""
    turn = turn_at(ctx.offsets.text, char)
    if turn is None:
        return None
    return interviewer() if (turn == "A") == addressed else interviewed(ctx)
