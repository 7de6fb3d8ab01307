"""Interviews set as "Q:" and "A:" lines: who asks and who answers."""

from __future__ import annotations

import re

from onrecord.record import Span as RecordSpan
from onrecord.speakers.clusters import Context
from onrecord.speakers.run import Resolution


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
