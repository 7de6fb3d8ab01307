"""What each attribution's content is: a quotation, a clause or a bare noun phrase.

A count of reported speech (a source audit, the Gender Gap Tracker's) counts what someone said
or wrote: words in quotation marks, or a clause ("that he did not pull the trigger", "to run
again"). PolNeAR also marks beliefs and stances whose content is a noun phrase alone ("voiced
support for the bill", "described a misfire"); the speech scope leaves those out, and the form
is what tells them apart. It needs the parse, so it is read here, once, and kept in the record
(``Attribution.content_form``) for the store and every later reading.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from onrecord.attribution.deps import NOUN_CLAUSES, NOUN_SUBJECTS, SUBJECTS, VERBAL
from onrecord.record import Attribution

QUOTED_KINDS = frozenset({"direct", "mixed"})


def _roots(words: Span) -> list[Token]:
    """The content's own heads: its words whose head lies outside it (or is themselves)."""
    start, end = words.start, words.end
    return [t for t in words if t.head.i == t.i or not start <= t.head.i < end]


def is_clause(words: Span) -> bool:
    """Whether the words form a clause: a head that is a verb ("he did not pull the trigger",
    "to run again", "is confident"), or a subject with its verb inside them ("a plan he
    called unworkable" is a phrase: its head is "plan", and "support for the bill" is one:
    its head is a noun)."""
    if any(t.pos_ in VERBAL for t in _roots(words)):
        return True
    start, end = words.start, words.end
    return any(
        t.dep_ in SUBJECTS | NOUN_SUBJECTS
        and start <= t.head.i < end
        and t.head.pos_ in VERBAL
        and t.head.dep_ not in NOUN_CLAUSES
        for t in words
    )


def content_form(doc: Doc, a: Attribution) -> str:
    """``quotation`` for a direct or mixed attribution, ``clause`` when any piece of the
    content is a clause, else ``phrase``."""
    if a.kind in QUOTED_KINDS:
        return "quotation"
    for start, end in a.content.pieces():
        words = doc.char_span(start, end, alignment_mode="expand")
        if words is not None and len(words) and is_clause(words):
            return "clause"
    return "phrase"


def mark_content_forms(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """The attributions, each with its ``content_form`` set."""
    for a in attributions:
        a.content_form = content_form(doc, a)
    return attributions
